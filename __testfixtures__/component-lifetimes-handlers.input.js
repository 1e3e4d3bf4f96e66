const { onAttach } = require('./lifecycle')

function onDetach() {
  this.off()
}

Component({
  attached: onAttach,
  detached: onDetach,
  options: { multipleSlots: true },
})
