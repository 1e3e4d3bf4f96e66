const { arrayBufferToBase64 } = require('record-compat-runtime')
const api = wx

function hexToBase64(hex) {
  const bytes = new Uint8Array(hex.match(/../g).map((h) => parseInt(h, 16)))
  return arrayBufferToBase64(bytes.buffer)
}

module.exports = { hexToBase64 }
