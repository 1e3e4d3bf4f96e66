export default definePageConfig({ navigationBarTitleText: 'music' })
