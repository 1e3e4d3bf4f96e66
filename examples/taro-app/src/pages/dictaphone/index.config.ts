export default definePageConfig({
  navigationBarTitleText: 'Dictaphone (own RecorderManager)',
})
