Component({
  data: {},
  lifetimes: {
    // when the component appears
    attached() {
      this.show()
    }, // keep in sync with the page
    /*
     * when it goes
     */
    detached() {
      this.hide()
    },
  },
  methods: { show() {}, hide() {} },
})
