export default definePageConfig({ navigationBarTitleText: 'memo' })
