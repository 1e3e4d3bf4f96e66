/*
 * The H5 recorder's resampler on its own (the browser tests only meet the rates of their
 * machine's audio device): any ratio, fed in chunks of any size, gives the same signal at the
 * new rate, continuous across chunks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resampler } from '../../src/runtime/h5-recorder';

const sine = (hz: number, rate: number, from: number, n: number) =>
  Float32Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * hz * (from + i)) / rate));

/** Resamples `seconds` of two sines (one per channel) from `inRate` to `outRate`, in chunks of `sizes` (cycled). */
function run(inRate: number, outRate: number, sizes: number[], seconds = 0.5) {
  const r = resampler(inRate, outRate);
  const total = Math.round(inRate * seconds);
  const out: number[][] = [[], []];
  for (let at = 0, k = 0; at < total; k++) {
    const n = Math.min(sizes[k % sizes.length]!, total - at);
    const got = r([sine(300, inRate, at, n), sine(500, inRate, at, n)]);
    expect(got[0]!.length).toBe(got[1]!.length);
    got.forEach((c, ch) => out[ch]!.push(...c));
    at += n;
  }
  return { out, total };
}

// Worst difference from the ideal sine. Downsampling averages the input samples an output sample
// covers (input samples floor(k·r) up to floor((k+1)·r), r = inRate/outRate), so its value belongs
// at the middle of them; upsampling interpolates at k·r itself.
function error(x: number[], hz: number, inRate: number, outRate: number) {
  const r = inRate / outRate;
  const where = (k: number) => (r > 1 ? (Math.floor(k * r) + Math.floor((k + 1) * r) - 1) / 2 : k * r);
  let worst = 0;
  x.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - Math.sin((2 * Math.PI * hz * where(k)) / inRate)))));
  return worst;
}

describe('resampler', () => {
  const RATES = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000];

  it('every WeChat rate from 22.05, 44.1 and 48 kHz devices (down and up): right length, right signal on each channel', () => {
    for (const inRate of [22050, 44100, 48000])
      for (const outRate of RATES) {
        const { out, total } = run(inRate, outRate, [128]);
        // All of the input is used but what the last output sample still waits for.
        expect(Math.abs(out[0]!.length - (total * outRate) / inRate)).toBeLessThanOrEqual(2);
        // What is left is the box filter's own attenuation (at most a few % this far below Nyquist).
        expect(error(out[0]!, 300, inRate, outRate)).toBeLessThan(0.02);
        expect(error(out[1]!, 500, inRate, outRate)).toBeLessThan(0.04);
      }
  });

  it('a ratio of 1 copies the samples exactly', () => {
    const r = resampler(48000, 48000);
    const x = sine(440, 48000, 0, 1000);
    const a = r([x.subarray(0, 300)])[0]!;
    const b = r([x.subarray(300)])[0]!;
    expect([...a, ...b]).toEqual([...x]);
  });

  it('the output does not depend on how the input is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RATES),
        fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 8 }),
        (outRate, sizes) => {
          const whole = run(44100, outRate, [1 << 20], 0.2).out[0]!;
          const cut = run(44100, outRate, sizes, 0.2).out[0]!;
          expect(cut.length).toBe(whole.length);
          expect(cut).toEqual(whole);
        },
      ),
      { numRuns: 40 },
    );
  });
});
