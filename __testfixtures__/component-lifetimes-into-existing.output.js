Component({
  lifetimes: {
    created() {
      this.cache = {}
    },
    // the page asks for data once the component is in the tree
    attached: function () {
      this.triggerEvent('ready', { id: this.id })
    },
    ready() {
      this.createSelectorQuery().select('.box').boundingClientRect().exec()
    },
    error(err) {
      console.error(err)
    },
  },

})
