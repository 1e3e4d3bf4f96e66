export default definePageConfig({
  navigationBarTitleText: 'Quick memo',
})
