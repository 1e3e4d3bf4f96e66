export default definePageConfig({ navigationBarTitleText: 'classic' })
