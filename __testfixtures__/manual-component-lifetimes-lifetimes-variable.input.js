const lifetimes = { created() {} }

Component({
  lifetimes,
  detached() {
    this.off()
  },
})
