Component({
  lifetimes: {
    attached() {
      this.load()
    },
  },
  pageLifetimes: {
    show() {},
  },
  methods: { load() {} },
})
