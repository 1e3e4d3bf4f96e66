import tracker from './tracker'

Page({
  reportAnalytics(name, data) {
    tracker.send(name, data)
  },
  onShow() {
    this.reportAnalytics('page_show', {})
    // the replacement is current
    wx.reportEvent('page_show', { page: 'home' })
    tracker.reportMonitor('page_show')
  },
})
