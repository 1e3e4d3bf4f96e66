/*
 * The legacy arrayBufferToBase64 / base64ToArrayBuffer as plain functions: the mini-program has no
 * btoa/atob, and WeChat stopped maintaining its own two (base library 2.4.0). No platform object:
 * the same code on every entry, Taro H5 included, whose own two answered wrong shapes.
 * Contract: docs/contract.md, Decisions E1–E3. ES2015, no state, linear time and memory.
 */

/** What arrayBufferToBase64 takes: the bytes of a buffer, of any view on one, or of an array of numbers. */
export type Base64Source = ArrayBuffer | ArrayBufferView | ArrayLike<number>;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The bytes `data` holds: a view's own range of its buffer (Decision E1); none for what holds no bytes. */
function bytesOf(data: Base64Source): Uint8Array {
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  // An ArrayBuffer of any realm, or an array of numbers (each taken modulo 256, as a Uint8Array takes it).
  return new Uint8Array(data && typeof data == 'object' ? (data as ArrayLike<number>) : []);
}

/** The base64 text of `data`'s bytes, padded with `=` (Decision E1). */
export function arrayBufferToBase64(data: Base64Source): string {
  const bytes = bytesOf(data);
  const length = bytes.length;
  // The characters' codes first, then strings of 8192 at a time: `+=` per character took seconds for 10 MB.
  const codes = new Uint8Array(Math.ceil(length / 3) * 4);
  let at = 0;
  for (let i = 0; i < length; i += 3) {
    // Past the end a typed array reads undefined, which shifts as 0 (hence the `!`s).
    const triple = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    codes[at++] = ALPHABET.charCodeAt(triple >> 18);
    codes[at++] = ALPHABET.charCodeAt((triple >> 12) & 63);
    codes[at++] = i + 1 < length ? ALPHABET.charCodeAt((triple >> 6) & 63) : 61;
    codes[at++] = i + 2 < length ? ALPHABET.charCodeAt(triple & 63) : 61;
  }
  const chunks: string[] = [];
  // apply takes a typed array as it takes any array-like; a spread would walk its iterator, four times slower.
  for (let i = 0; i < at; i += 8192)
    chunks.push(String.fromCharCode.apply(null, codes.subarray(i, i + 8192) as unknown as number[]));
  return chunks.join('');
}

/** A character's six bits in either alphabet (`+/` or the URL-safe `-_`), or -1 (Decision E2). */
function sextet(code: number): number {
  return code > 64 && code < 91
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
}

/**
 * The bytes of base64 `text` in a new ArrayBuffer (Decision E2): a `data:…,` prefix dropped, both
 * alphabets read, every other character skipped, the first `=` the end, a last lone character
 * ignored. Never throws: what is not a string decodes to no bytes.
 */
export function base64ToArrayBuffer(text: string): ArrayBuffer {
  if (typeof text != 'string') return new ArrayBuffer(0);
  const data = /^\s*data:/i.test(text) ? text.slice(text.indexOf(',') + 1) : text;
  const out = new Uint8Array((data.length * 3) >> 2);
  let bits = 0;
  let count = 0;
  let length = 0;
  for (let i = 0; i < data.length; i++) {
    const code = data.charCodeAt(i);
    if (code == 61) break;
    const value = sextet(code);
    if (value < 0) continue;
    bits = (bits << 6) | value;
    // Every fourth character completes three bytes; two or three left over at the end make one or two.
    if (++count % 4 == 0) {
      out[length++] = bits >> 16;
      out[length++] = bits >> 8;
      out[length++] = bits;
      bits = 0;
    }
  }
  if (count % 4 > 1) out[length++] = count % 4 == 2 ? bits >> 4 : bits >> 10;
  if (count % 4 == 3) out[length++] = bits >> 2;
  return length == out.length ? out.buffer : out.buffer.slice(0, length);
}
