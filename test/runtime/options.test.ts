/*
 * Recording options: the pure validator (reused by the Taro plugin), configureRecordCompat,
 * and the build-time defaults injected as TARO_RECORD_COMPAT_OPTIONS.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { validateRecordOptions, type RecordCompatOptions } from '../../src/shared/recording-options';
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
    for (const format of ['aac', 'mp3', 'wav', 'PCM', 'pcm'] as const)
      expect(validateRecordOptions({ format })).toBeUndefined();
    expect(validateRecordOptions({ numberOfChannels: 1 })).toBeUndefined();
    expect(
      validateRecordOptions({ durationMs: 900000, stopTimeoutMs: 100, deniedPrompt: { content: 'x' } }),
    ).toBeUndefined();
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
    [{ stopTimeoutMs: Infinity }, 'stopTimeoutMs', 'at most 2146883647'],
    [{ numberOfChannels: '2' as never }, 'numberOfChannels', '1 or 2'],
    [{ encodeBitRate: '48000' as never }, 'encodeBitRate', '16000 to 48000'],
    [
      { deniedPrompt: 'yes' as never },
      'deniedPrompt',
      'true, false or an object with string title, content, confirmText, cancelText',
    ],
    [{ deniedPrompt: { title: 1 } as never }, 'deniedPrompt', 'an object with string title'],
    [{ deniedPrompt: { titel: 'Mic' } as never }, 'deniedPrompt', 'an object with string title'],
  ])('%j → names %s and what is allowed', (o, name, allowed) => {
    const msg = validateRecordOptions(o)!;
    expect(msg.startsWith(name + ' ')).toBe(true);
    expect(msg).toContain(allowed);
  });

  it('quotes a string where a number belongs, so the message shows it was a string', () => {
    expect(validateRecordOptions({ sampleRate: '16000' as never })).toBe(
      'sampleRate must be one of 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000, got "16000"',
    );
    expect(validateRecordOptions({ durationMs: '60000' as never })).toBe(
      'durationMs must be a positive number of ms, got "60000"',
    );
    expect(validateRecordOptions({ sampleRate: 44000 })).toMatch(/, got 44000$/);
    expect(validateRecordOptions({ deniedPrompt: { title: 1 } as never })).toMatch(/, got \{"title":1\}$/);
  });

  it('bounds stopTimeoutMs by what a timer can wait: the start deadline waits the longest recording and it', () => {
    // A timer holds at most 2^31-1 ms (a longer one fires at once); the start deadline is the limit (600000 at most)
    // plus stopTimeoutMs.
    expect(validateRecordOptions({ stopTimeoutMs: 2147483647 - 600000 })).toBeUndefined();
    expect(validateRecordOptions({ stopTimeoutMs: 2147483647 })).toBe(
      'stopTimeoutMs must be a positive number of ms, at most 2146883647, got 2147483647',
    );
  });

  it('takes an object of the known names only', () => {
    const allowed =
      'allowed options are durationMs, format, sampleRate, numberOfChannels, encodeBitRate, deniedPrompt, stopTimeoutMs';
    expect(validateRecordOptions({ durationMS: 30000 } as never)).toBe(`unknown option "durationMS"; ${allowed}`);
    expect(validateRecordOptions({ duration: 30000 } as never)).toBe(`unknown option "duration"; ${allowed}`);
    for (const [value, shown] of [
      [30000, '30000'],
      ['mp3', '"mp3"'],
      [null, 'null'],
      [[{ format: 'mp3' }], '[{"format":"mp3"}]'],
      [true, 'true'],
    ] as const) {
      expect(validateRecordOptions(value)).toBe(`options must be an object, got ${shown}`);
    }
  });

  it('touches no platform API (usable from Node by the build plugin)', () => {
    const g = globalThis as Record<string, unknown>;
    const trap = new Proxy(
      {},
      {
        get: () => {
          throw new Error('platform touched');
        },
      },
    );
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
    // A call that is accepted makes recording work again.
    expect(rc.configureRecordCompat({ sampleRate: 48000, encodeBitRate: 96000 })).toBeUndefined();
    const again = track(rc.startRecord, 'again');
    await tick(1000);
    track(rc.stopRecord, 'stop');
    await tick(1000);
    expect(again.ok).toBe(true);
    expect(p.recorder!.recordings[0].options).toMatchObject({ sampleRate: 48000, encodeBitRate: 96000 });
  });

  it('merges the calls it accepts; a refused call changes nothing, and the next is judged on its own', async () => {
    const p = weapp();
    const rc = compatFor(p);
    expect(rc.configureRecordCompat({ format: 'mp3' })).toBeUndefined();
    expect(rc.configureRecordCompat({ sampleRate: '16000' as never })).toBe(
      'sampleRate must be one of 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000, got "16000"',
    );
    // Not the message of the call before: that call left the options as they were.
    expect(rc.configureRecordCompat({ durationMs: 30000 })).toBeUndefined();
    expect(rc.configureRecordCompat({ durationMS: 5000 } as never)).toMatch(
      /^unknown option "durationMS"; allowed options are durationMs, /,
    );
    expect(rc.configureRecordCompat(7 as never)).toBe('options must be an object, got 7');
    expect(rc.configureRecordCompat({ numberOfChannels: 1 })).toBeUndefined();
    const start = track(rc.startRecord, 'start');
    await tick(1000);
    track(rc.stopRecord, 'stop');
    await tick(1000);
    expect(start.ok).toBe(true);
    expect(p.recorder!.recordings[0].options).toEqual({ duration: 30000, format: 'mp3', numberOfChannels: 1 });
  });

  it('a stopTimeoutMs too long for a timer is refused, not taken as a timer of 1 ms that fails every recording at once', async () => {
    const p = weapp();
    const rc = compatFor(p);
    expect(rc.configureRecordCompat({ stopTimeoutMs: 2147483647 })).toMatch(
      /^stopTimeoutMs must be a positive number of ms, at most 2146883647/,
    );
    expect(rc.configureRecordCompat({ stopTimeoutMs: 2146883647 })).toBeUndefined();
    // The longest one accepted: the start deadline (the minute plus it) still fits a timer.
    const start = track(rc.startRecord, 'start');
    await tick(30_000);
    expect(start.events).toEqual([]);
    await tick(32_000);
    expect(start.ok).toBe(true);
    expect(p.recorder!.recordings).toHaveLength(1);
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
    const core = await import('../../src/runtime/record');
    const p = weapp();
    const rc = core.createRecordCompat(() => p.api);
    const start = track(rc.startRecord, 'start');
    await tick(1000);
    expect(p.recorder!.recordings[0].options).toEqual({ duration: 5000, format: 'mp3' });
    await tick(5000);
    expect(start.ok).toBe(true);
    // configureRecordCompat layers on top of them.
    core.configureRecord(rc, { format: 'aac' }, validateRecordOptions);
    track(rc.startRecord, 'again');
    await tick(1000);
    expect(p.recorder!.recordings[1].options).toEqual({ duration: 5000, format: 'aac' });
  });

  it('are absent without the define', async () => {
    vi.resetModules();
    const core = await import('../../src/runtime/record');
    const p = weapp();
    const rc = core.createRecordCompat(() => p.api);
    track(rc.startRecord, 'start');
    await tick(1000);
    expect(p.recorder!.recordings[0].options).toEqual({ duration: 60000 });
  });
});
