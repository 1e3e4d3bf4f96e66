Component({
  attached() {
    this.setData({
      css: `
.box { color: red }
`,
    })
  },
})
