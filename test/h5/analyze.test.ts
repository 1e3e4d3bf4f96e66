/**
 * The recorder tests' pitch measurement (test/h5/page/analyze.ts), on known signals: frames the
 * browser's real-time audio loses on a starved machine for a while do not move it (a CI run read
 * 473 Hz for the 440 Hz tone with a count over the whole recording), and a tone that is really
 * off is measured off.
 */
import { describe, expect, it } from 'vitest';
import { stats } from './page/analyze';

const RATE = 44100;
const tone = (hz: number, seconds: number) =>
  Float32Array.from({ length: RATE * seconds }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / RATE));

describe('the pitch of a recording', () => {
  it('is the tone, within 1 %', () => {
    expect(stats(tone(440, 2), RATE).hz).toBeGreaterThan(440 * 0.99);
    expect(stats(tone(440, 2), RATE).hz).toBeLessThan(440 * 1.01);
  });

  it('stays the tone through a stall that lost part of every render quantum for 0.4 s, which the count over the whole recording does not', () => {
    // A starved machine: for 0.4 s the browser's real-time audio kept only the first half of each
    // 128-frame quantum, a discontinuity every 64 samples kept.
    const full = tone(440, 2.2);
    const stallFrom = Math.round(full.length * 0.45);
    const stallTo = stallFrom + Math.round(RATE * 0.4);
    const kept: number[] = [];
    for (let i = 0; i < full.length; i++) if (i < stallFrom || i >= stallTo || i % 128 < 64) kept.push(full[i]!);
    const recorded = Float32Array.from(kept);
    // What the measurement was before: upward crossings over the middle 80 %, at once.
    const from = Math.floor(recorded.length * 0.1);
    const to = Math.floor(recorded.length * 0.9);
    let ups = 0;
    for (let i = from + 1; i < to; i++) if (recorded[i - 1]! < 0 && recorded[i]! >= 0) ups++;
    expect((ups * RATE) / (to - from) / 440).toBeGreaterThan(1.02);
    const hz = stats(recorded, RATE).hz;
    expect(hz).toBeGreaterThan(440 * 0.98);
    expect(hz).toBeLessThan(440 * 1.02);
  });

  it('is off when the tone is: 473 Hz reads 473 Hz, and a swapped channel its own pitch', () => {
    expect(Math.abs(stats(tone(473, 2), RATE).hz - 473) / 473).toBeLessThan(0.01);
    expect(Math.abs(stats(tone(660, 2), RATE).hz - 660) / 660).toBeLessThan(0.01);
  });
});
