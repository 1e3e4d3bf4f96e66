Component({
  attached() {
    this.load()
  },
  methods: { load() {} },
})
