export default definePageConfig({
  navigationBarTitleText: 'Classic recorder',
})
