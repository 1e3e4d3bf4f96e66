/*
 * The runtime's arrayBufferToBase64 / base64ToArrayBuffer (docs/contract.md, Decisions E1–E3) against
 * Node's Buffer, an implementation nobody here wrote: random bytes of every length from 0 to 300, seen
 * through every kind of view at random offsets; random text, forgiving as the contract says; and 10 MB.
 * How fast 10 MB goes is measured by `npm run bench:base64`, not here.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrayBufferToBase64, base64ToArrayBuffer } from '../../src/runtime/base64';

const RUNS = { numRuns: Math.max(1000, Number(process.env.FC_RUNS) || 0) };

/** Every kind of view a caller may pass, each made over a buffer at a byte offset its alignment allows. */
const VIEWS = [
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
  DataView,
] as const;

/** Bytes, with room before and after them in their buffer, and a view of them of a random kind. */
const viewed = fc
  .record({
    bytes: fc.uint8Array({ minLength: 0, maxLength: 300 }),
    before: fc.nat(24),
    after: fc.nat(24),
    kind: fc.constantFrom(...VIEWS),
  })
  .map(({ bytes, before, after, kind }) => {
    const size = kind === DataView ? 1 : (kind as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
    // A typed array's offset and length are whole elements: round both to the element size.
    const offset = before - (before % size);
    const length = bytes.length - (bytes.length % size);
    const buffer = new ArrayBuffer(offset + length + after);
    new Uint8Array(buffer).fill(0xa5);
    new Uint8Array(buffer, offset, length).set(bytes.subarray(0, length));
    const view =
      kind === DataView
        ? new DataView(buffer, offset, length)
        : new (kind as Uint8ArrayConstructor)(buffer, offset, length / size);
    return { view, expected: Buffer.from(bytes.subarray(0, length)) };
  });

const bytesOf = (buffer: ArrayBuffer) => Buffer.from(new Uint8Array(buffer));

describe('E1. arrayBufferToBase64: the bytes of a buffer, of any view (its own range), of an array', () => {
  it('an ArrayBuffer of any length from 0 to 300 encodes as Buffer does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), (bytes) => {
        const buffer = bytes.slice().buffer;
        expect(arrayBufferToBase64(buffer)).toBe(Buffer.from(bytes).toString('base64'));
      }),
      RUNS,
    );
  });

  it('every kind of typed array and a DataView, at an offset, encode their own bytes only', () => {
    fc.assert(
      fc.property(viewed, ({ view, expected }) => {
        expect(arrayBufferToBase64(view)).toBe(expected.toString('base64'));
      }),
      RUNS,
    );
  });

  it('an array of numbers encodes each modulo 256, as a Uint8Array holds it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 300 }), (numbers) => {
        expect(arrayBufferToBase64(numbers)).toBe(Buffer.from(new Uint8Array(numbers)).toString('base64'));
      }),
      RUNS,
    );
  });

  it('WeChat’s own example, a Uint8Array of three bytes, and what holds no bytes, without a throw', () => {
    expect(arrayBufferToBase64(new Uint8Array([11, 22, 33]))).toBe('CxYh');
    expect(arrayBufferToBase64(new ArrayBuffer(0))).toBe('');
    for (const nothing of [undefined, null, 42, 'text'])
      expect(arrayBufferToBase64(nothing as unknown as ArrayBuffer)).toBe('');
  });
});

describe('E2. base64ToArrayBuffer: a real ArrayBuffer, forgiving as the contract says', () => {
  it('what Buffer encodes decodes to the same bytes, in an ArrayBuffer of exactly their length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), (bytes) => {
        const decoded = base64ToArrayBuffer(Buffer.from(bytes).toString('base64'));
        expect(decoded).toBeInstanceOf(ArrayBuffer);
        expect(decoded.byteLength).toBe(bytes.length);
        expect(bytesOf(decoded).equals(Buffer.from(bytes))).toBe(true);
      }),
      RUNS,
    );
  });

  it('ASCII whitespace anywhere, padding left out, the URL-safe alphabet: the same bytes', () => {
    const forms = fc.record({
      bytes: fc.uint8Array({ minLength: 0, maxLength: 300 }),
      urlSafe: fc.boolean(),
      unpadded: fc.boolean(),
      spaces: fc.array(fc.tuple(fc.nat(), fc.constantFrom(' ', '\t', '\n', '\r', '\f', '\r\n')), { maxLength: 20 }),
    });
    fc.assert(
      fc.property(forms, ({ bytes, urlSafe, unpadded, spaces }) => {
        let text = Buffer.from(bytes).toString(urlSafe ? 'base64url' : 'base64');
        if (urlSafe && !unpadded) text = text.padEnd(Math.ceil(text.length / 4) * 4, '=');
        if (unpadded) text = text.replace(/=+$/, '');
        for (const [at, space] of spaces) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + space + text.slice(i);
        }
        expect(bytesOf(base64ToArrayBuffer(text)).equals(Buffer.from(bytes))).toBe(true);
      }),
      RUNS,
    );
  });

  it('any other text decodes as Buffer decodes it: other characters skipped, the first = the end', () => {
    // Latin-1 text: past U+00FF Buffer reads a character's low byte, a quirk of its own (below).
    const latin1 = fc.integer({ min: 0, max: 255 }).map((code) => String.fromCharCode(code));
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'AZaz09+/-_=*.:, \n\u00e9'), maxLength: 300 }),
      fc.string({ unit: latin1, maxLength: 100 }),
    );
    fc.assert(
      fc.property(text, (s) => {
        fc.pre(!/^\s*data:/i.test(s));
        expect(bytesOf(base64ToArrayBuffer(s)).equals(Buffer.from(s, 'base64'))).toBe(true);
      }),
      RUNS,
    );
  });

  it('a character past U+00FF is skipped like any other (Buffer would read its low byte: Ł as A)', () => {
    const text = fc.string({
      unit: fc.constantFrom('A', 'g', '/', 'Ł', 'Ā', '乁', '\u{1F600}', '\uD800'),
      maxLength: 200,
    });
    fc.assert(
      fc.property(text, (s) => {
        const ascii = s.replace(/[^\0-\xff]/gu, '').replace(/[\uD800-\uDFFF]/g, '');
        expect(bytesOf(base64ToArrayBuffer(s)).equals(Buffer.from(ascii, 'base64'))).toBe(true);
      }),
      RUNS,
    );
    expect(bytesOf(base64ToArrayBuffer('ŁŁŁŁ')).length).toBe(0);
  });

  it('a data: URL decodes as the text after its first comma', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('data:image/png;base64,', 'DATA:application/octet-stream;base64,', ' data:;base64,'),
        fc.uint8Array({ maxLength: 300 }),
        (prefix, bytes) => {
          const decoded = base64ToArrayBuffer(prefix + Buffer.from(bytes).toString('base64'));
          expect(bytesOf(decoded).equals(Buffer.from(bytes))).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('what is not a string is no bytes, never a throw', () => {
    for (const nothing of [undefined, null, 42, {}, new ArrayBuffer(3)]) {
      const decoded = base64ToArrayBuffer(nothing as unknown as string);
      expect(decoded).toBeInstanceOf(ArrayBuffer);
      expect(decoded.byteLength).toBe(0);
    }
  });
});

describe('E1–E2 at scale: linear time and memory (the entries: entries.test.ts)', () => {
  it('10 MB of random bytes encode as Buffer does and decode back', () => {
    const bytes = randomBytes(10 * 1024 * 1024 + 1);
    const text = arrayBufferToBase64(bytes);
    expect(text === bytes.toString('base64')).toBe(true);
    expect(bytesOf(base64ToArrayBuffer(text)).equals(bytes)).toBe(true);
  });
});
