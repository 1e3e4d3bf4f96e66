export default definePageConfig({
  navigationBarTitleText: 'Record a voice note',
})
