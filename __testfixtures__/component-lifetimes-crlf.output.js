Component({
  lifetimes: {
    attached() {
      this.load()
    },
  },
  methods: { load() {} },
})
