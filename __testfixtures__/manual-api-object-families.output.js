// wx reached through an expression, in the families the runtime, a rename and a person
// take: each call through it is left for a person, with the reason, and so is the
// method of the map context it makes.
const api = typeof wx !== 'undefined' ? wx : my

export function encode(buffer) {
  return api.arrayBufferToBase64(buffer)
}

export function watch(onChange) {
  api.onBLEConnectionStateChanged(onChange)
}

export function move() {
  const map = api.createMapContext('map')
  map.translateMarker({ markerId: 1, destination: { latitude: 0, longitude: 0 } })
}
