Component({
  lifetimes: {
  attached() {
    this.setData({
      css: `
.box { color: red }
`,
    })
  },
  },
})
