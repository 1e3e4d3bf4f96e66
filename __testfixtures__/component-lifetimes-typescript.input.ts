Component({
  data: { count: 0 },
  /** Starts counting when shown. */
  attached(): void {
    this.setData({ count: 1 })
  },
  methods: {
    add(): void {
      this.setData({ count: this.data.count + 1 })
    },
  },
})
