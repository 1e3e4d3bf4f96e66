// app.js
App({})
