export default definePageConfig({
  navigationBarTitleText: 'Share poster',
})
