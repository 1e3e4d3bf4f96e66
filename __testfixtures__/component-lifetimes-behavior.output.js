// behaviors/track.js
module.exports = Behavior({
  lifetimes: {
    created() {
      this.shownAt = 0
    },
    attached() {
      this.shownAt = Date.now()
    },
    detached() {
      getApp().track('view', Date.now() - this.shownAt)
    },
  },
})
