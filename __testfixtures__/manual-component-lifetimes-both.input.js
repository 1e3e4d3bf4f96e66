Component({
  lifetimes: {
    attached() {
      this.load()
    },
  },
  attached() {
    this.loadOld()
  },
  methods: { load() {}, loadOld() {} },
})
