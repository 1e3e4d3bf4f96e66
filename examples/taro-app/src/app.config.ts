export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/memo/index',
    'pages/classic/index',
    'pages/dictaphone/index',
    'pages/poster/index',
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#fff',
    navigationBarTitleText: 'Voice notes',
    navigationBarTextStyle: 'black',
  },
})
