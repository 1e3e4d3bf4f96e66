/*
 * Recording options: the pure validator (reused by the Taro plugin), configureRecordCompat,
 * and the build-time defaults injected as TARO_RECORD_COMPAT_OPTIONS.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { validateRecordOptions, type RecordCompatOptions } from '../../src/runtime/core';
import { weapp } from './fakes/platforms';
import { compatFor, tick, track } from './helpers';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  delete (globalThis as Record<string, unknown>).TARO_RECORD_COMPAT_OPTIONS;
});

// docs/contract.md#recorder-manager: sample rate → allowed encodeBitRate range.
const TABLE: [number, number, number][] = [
  [8000, 16000, 48000],
  [11025, 16000, 48000],
  [12000, 24000, 64000],
  [16000, 24000, 96000],
  [22050, 32000, 128000],
  [24000, 32000, 128000],
  [32000, 48000, 192000],
  [44100, 64000, 320000],
  [48000, 64000, 320000],
];

describe('validateRecordOptions', () => {
  it('accepts nothing, defaults and every documented format', () => {
    expect(validateRecordOptions(undefined)).toBeUndefined();
    expect(validateRecordOptions({})).toBeUndefined();
    for (const format of ['aac', 'mp3', 'wav', 'PCM', 'pcm'] as const) expect(validateRecordOptions({ format })).toBeUndefined();
    expect(validateRecordOptions({ numberOfChannels: 1 })).toBeUndefined();
    expect(validateRecordOptions({ durationMs: 900000, stopTimeoutMs: 100, deniedPrompt: { content: 'x' } })).toBeUndefined();
  });

  it.each(TABLE)('sampleRate %i: encodeBitRate %i..%i fits, one step outside does not', (sampleRate, lo, hi) => {
    expect(validateRecordOptions({ sampleRate, encodeBitRate: lo })).toBeUndefined();
    expect(validateRecordOptions({ sampleRate, encodeBitRate: hi })).toBeUndefined();
    for (const encodeBitRate of [lo - 1, hi + 1]) {
      const msg = validateRecordOptions({ sampleRate, encodeBitRate });
      expect(msg).toContain('encodeBitRate');
      expect(msg).toContain(`${lo} to ${hi}`);
      expect(msg).toContain(String(sampleRate));
      expect(msg).toContain(String(encodeBitRate));
    }
  });

  it('checks the pair against the platform defaults when only one side is set', () => {
    // default encodeBitRate 48000 is too low for 44100
    expect(validateRecordOptions({ sampleRate: 44100 })).toMatch(/encodeBitRate 48000|got 48000/);
    // default sampleRate 8000 allows at most 48000
    expect(validateRecordOptions({ encodeBitRate: 96000 })).toContain('16000 to 48000');
  });

  it.each<[RecordCompatOptions, string, string]>([
    [{ sampleRate: 44000 }, 'sampleRate', '44100'],
    [{ format: 'ogg' as never }, 'format', 'aac'],
    [{ format: 'Pcm' as never }, 'format', 'PCM, pcm'],
    [{ numberOfChannels: 3 as never }, 'numberOfChannels', '1 or 2'],
    [{ durationMs: 0 }, 'durationMs', 'positive'],
    [{ durationMs: '60000' as never }, 'durationMs', 'positive'],
    [{ stopTimeoutMs: -5 }, 'stopTimeoutMs', 'positive'],
  ])('%j → names %s and what is allowed', (o, name, allowed) => {
    const msg = validateRecordOptions(o)!;
    expect(msg.startsWith(name + ' ')).toBe(true);
    expect(msg).toContain(allowed);
  });

  it('touches no platform API (usable from Node by the build plugin)', () => {
    const g = globalThis as Record<string, unknown>;
    const trap = new Proxy({}, { get: () => { throw new Error('platform touched'); } });
    g.wx = trap;
    try {
      expect(validateRecordOptions({ sampleRate: 16000, encodeBitRate: 24000 })).toBeUndefined();
    } finally {
      delete g.wx;
    }
  });
});

describe('configureRecordCompat', () => {
  it('returns the problem and startRecord fails with it instead of a silent platform error', async () => {
    const p = weapp();
    const rc = compatFor(p);
    const msg = rc.configureRecordCompat({ sampleRate: 48000, encodeBitRate: 32000 });
    expect(msg).toContain('64000 to 320000');
    const start = track(rc.startRecord, 'start');
    await tick(1000);
    expect(start.res).toEqual({ errMsg: 'startRecord:fail ' + msg });
    expect(p.recorder!.startCalls).toBe(0);
    expect(p.auth!.calls).toEqual([]);
    // Fixing it makes recording work again; options merge.
    expect(rc.configureRecordCompat({ encodeBitRate: 96000 })).toBeUndefined();
    const again = track(rc.startRecord, 'again');
    await tick(1000);
    track(rc.stopRecord, 'stop');
    await tick(1000);
    expect(again.ok).toBe(true);
    expect(p.recorder!.recordings[0].options).toMatchObject({ sampleRate: 48000, encodeBitRate: 96000 });
  });

  it('options left unset are not sent to the platform', async () => {
    const p = weapp();
    const rc = compatFor(p);
    track(rc.startRecord, 'start');
    await tick(1000);
    expect(p.recorder!.recordings[0].options).toEqual({ duration: 60000 });
  });
});

describe('build-time defaults (TARO_RECORD_COMPAT_OPTIONS)', () => {
  it('are read as the defaults when defined', async () => {
    (globalThis as Record<string, unknown>).TARO_RECORD_COMPAT_OPTIONS = { durationMs: 5000, format: 'mp3' };
    vi.resetModules();
    const core = await import('../../src/runtime/core');
    const p = weapp();
    const rc = core.createRecordCompat(() => p.api);
    const start = track(rc.startRecord, 'start');
    await tick(1000);
    expect(p.recorder!.recordings[0].options).toEqual({ duration: 5000, format: 'mp3' });
    await tick(5000);
    expect(start.ok).toBe(true);
    // configureRecordCompat layers on top of them.
    rc.configure({ format: 'aac' }, core.validateRecordOptions);
    track(rc.startRecord, 'again');
    await tick(1000);
    expect(p.recorder!.recordings[1].options).toEqual({ duration: 5000, format: 'aac' });
  });

  it('are absent without the define', async () => {
    vi.resetModules();
    const core = await import('../../src/runtime/core');
    const p = weapp();
    const rc = core.createRecordCompat(() => p.api);
    track(rc.startRecord, 'start');
    await tick(1000);
    expect(p.recorder!.recordings[0].options).toEqual({ duration: 60000 });
  });
});
