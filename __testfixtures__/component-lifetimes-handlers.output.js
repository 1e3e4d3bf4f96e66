const { onAttach } = require('./lifecycle')

function onDetach() {
  this.off()
}

Component({
  lifetimes: {
    attached: onAttach,
    detached: onDetach,
  },
  options: { multipleSlots: true },
})
