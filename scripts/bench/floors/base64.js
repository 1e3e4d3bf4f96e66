/*
 * The base64 family's floor: arrayBufferToBase64 and base64ToArrayBuffer written by hand as compactly as a WeChat-only
 * build would want them, from docs/contract.md, Decisions E1–E2. Measured by bench:size as the family is (what an app
 * that imports the two keeps).
 *
 * Kept, as the runtime keeps it (the family has no platform code: WeChat keeps all of it): the bytes of an ArrayBuffer
 * of any realm, of a typed array's or DataView's own range, or of an array of numbers (each modulo 256), anything else
 * as no bytes; the standard alphabet with `=` padding; linear time, the text made 8192 characters at a time (E1). A
 * `data:` URL's text after its first comma, both alphabets, every other character skipped, the first `=` the end, a
 * last lone character dropped, a new ArrayBuffer of exactly the decoded length, no bytes for what is not a string,
 * never a throw (E2).
 *
 * Left out: nothing the contract names. Written tighter than the runtime: one loop over the four characters of three
 * bytes, and the text joined with `+=`.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function arrayBufferToBase64(data) {
  const bytes = ArrayBuffer.isView(data)
    ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    : new Uint8Array(data && typeof data == 'object' ? data : []);
  const length = bytes.length;
  const codes = new Uint8Array(Math.ceil(length / 3) * 4);
  for (let i = 0, at = 0; i < length; i += 3) {
    // Past the end a typed array reads undefined, which shifts as 0; the characters past the end are `=`.
    const triple = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    for (let k = 0; k < 4; k++) codes[at++] = i + k > length ? 61 : ALPHABET.charCodeAt((triple >> (18 - 6 * k)) & 63);
  }
  let text = '';
  for (let i = 0; i < codes.length; i += 8192) text += String.fromCharCode.apply(null, codes.subarray(i, i + 8192));
  return text;
}

// A character's six bits in either alphabet (`+/` or `-_`), or -1.
const sextet = (code) =>
  code > 64 && code < 91
    ? code - 65
    : code > 96 && code < 123
      ? code - 71
      : code > 47 && code < 58
        ? code + 4
        : code == 43 || code == 45
          ? 62
          : code == 47 || code == 95
            ? 63
            : -1;

export function base64ToArrayBuffer(text) {
  if (typeof text != 'string') return new ArrayBuffer(0);
  const data = /^\s*data:/i.test(text) ? text.slice(text.indexOf(',') + 1) : text;
  const out = new Uint8Array((data.length * 3) >> 2);
  let bits = 0;
  let count = 0;
  let length = 0;
  for (let i = 0; i < data.length && data.charCodeAt(i) != 61; i++) {
    const value = sextet(data.charCodeAt(i));
    if (value < 0) continue;
    bits = (bits << 6) | value;
    // Four characters make three bytes; two or three left at the end make one or two.
    if (++count % 4 == 0) {
      out[length++] = bits >> 16;
      out[length++] = bits >> 8;
      out[length++] = bits;
      bits = 0;
    }
  }
  if (count % 4 > 1) out[length++] = count % 4 == 2 ? bits >> 4 : bits >> 10;
  if (count % 4 == 3) out[length++] = bits >> 2;
  return out.buffer.slice(0, length);
}
