Component({
  lifetimes: {
    moved() {
      console.log('moved')
    },
  },
})
