/*
 * The recording options an app hands to the runtime (configureRecordCompat, or the Taro plugin's
 * build-time define), and their one check. Shared by the runtime (src/runtime/record.ts) and the
 * Taro plugin's options (src/rewrite/rules/options-schema.ts), so the engine imports nothing of the
 * runtime: dependency-free, ES2015, and built into the runtime package as a module of its own
 * (scripts/build-runtime.mjs). Contract: docs/contract.md#recorder-manager and Decision R8.
 */

/** App-level options (configureRecordCompat, or the Taro plugin's build-time define). */
export interface RecordCompatOptions {
  /**
   * Auto-stop after this many ms from onStart. Default 60000; capped at the platform maximum (600000, Alipay 180000).
   */
  durationMs?: number;
  /** Raw PCM is `PCM` on WeChat and the platforms like it, `pcm` on Baidu: either spelling is taken. */
  format?: 'aac' | 'mp3' | 'wav' | 'PCM' | 'pcm';
  sampleRate?: number;
  numberOfChannels?: 1 | 2;
  encodeBitRate?: number;
  /** When the user had denied the microphone before: ask with showModal, then openSetting. Off by default. */
  deniedPrompt?: DeniedPrompt | boolean;
  /** Fail the recording if onStop has not arrived this many ms after stop(). Default 5000. */
  stopTimeoutMs?: number;
}

export interface DeniedPrompt {
  title?: string;
  content?: string;
  confirmText?: string;
  cancelText?: string;
}

const RATES = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000];
// Allowed encodeBitRate per sample rate (same order as RATES), in kbit/s: min, max.
const KBPS = [16, 48, 16, 48, 24, 64, 24, 96, 32, 128, 32, 128, 48, 192, 64, 320, 64, 320];
const FORMATS = ['aac', 'mp3', 'wav', 'PCM', 'pcm'];
const OPTION_KEYS = [
  'durationMs',
  'format',
  'sampleRate',
  'numberOfChannels',
  'encodeBitRate',
  'deniedPrompt',
  'stopTimeoutMs',
];
const PROMPT_KEYS = ['title', 'content', 'confirmText', 'cancelText'];
// The start deadline waits the longest recording (600000 ms) plus stopTimeoutMs (Decision R7),
// and a timer waits at most 2^31-1 ms: a longer wait fires at once.
const MAX_STOP_TIMEOUT = 2147483647 - 600000;

const unsetOrPositive = (v: unknown, max = Infinity) => v == null || (typeof v == 'number' && v > 0 && v <= max);
// A value as the message shows it: a string quoted, so that "16000" does not read as 16000.
const shown = (v: unknown): string => {
  try {
    if (typeof v == 'string' || (v && typeof v == 'object')) return JSON.stringify(v);
  } catch (e) {
    // A cyclic object: its name will do.
  }
  return String(v);
};

/**
 * Checks options against docs/contract.md#recorder-manager (WeChat's table): `given` itself (an
 * object of the known names, each of its type), and, merged over `base` (the options accepted so
 * far), the pairs. Pure: touches no platform API, so the build plugin can reuse it. Returns a
 * message naming the bad option and what is allowed (docs/contract.md, Decision R8); without
 * one, hands the merged options to `accept` (configureRecordCompat keeps them).
 */
export function validateRecordOptions(
  given?: unknown,
  base?: RecordCompatOptions,
  accept?: (merged: RecordCompatOptions) => void,
): string | undefined {
  if (given === undefined) return;
  if (!given || typeof given != 'object' || Array.isArray(given))
    return 'options must be an object, got ' + shown(given);
  const unknown = Object.keys(given as object).filter((k) => OPTION_KEYS.indexOf(k) < 0)[0];
  if (unknown != null) return 'unknown option ' + shown(unknown) + '; allowed options are ' + OPTION_KEYS.join(', ');
  const o: RecordCompatOptions = Object.assign({}, base, given);
  const sr = o.sampleRate == null ? 8000 : o.sampleRate;
  const br = o.encodeBitRate == null ? 48000 : o.encodeBitRate;
  const n = o.numberOfChannels;
  const d: unknown = o.deniedPrompt;
  const i = RATES.indexOf(sr);
  // NaN when the sample rate is unknown; that is reported first.
  const lo = KBPS[2 * i]! * 1000;
  const hi = KBPS[2 * i + 1]! * 1000;
  const bad = (k: string, v: unknown, ok: unknown, allowed: string) =>
    ok ? '' : k + ' must be ' + allowed + ', got ' + shown(v);
  const problem =
    bad('durationMs', o.durationMs, unsetOrPositive(o.durationMs), 'a positive number of ms') ||
    bad(
      'stopTimeoutMs',
      o.stopTimeoutMs,
      unsetOrPositive(o.stopTimeoutMs, MAX_STOP_TIMEOUT),
      'a positive number of ms, at most ' + MAX_STOP_TIMEOUT,
    ) ||
    bad('format', o.format, o.format == null || FORMATS.indexOf(o.format) >= 0, 'one of ' + FORMATS.join(', ')) ||
    bad('sampleRate', sr, i >= 0, 'one of ' + RATES.join(', ')) ||
    bad('numberOfChannels', n, n == null || n === 1 || n === 2, '1 or 2') ||
    bad(
      'encodeBitRate',
      br,
      typeof br == 'number' && br >= lo && br <= hi,
      lo + ' to ' + hi + ' for sampleRate ' + sr,
    ) ||
    bad(
      'deniedPrompt',
      d,
      d == null ||
        typeof d == 'boolean' ||
        (typeof d == 'object' &&
          Object.keys(d!).every(
            (k) => PROMPT_KEYS.indexOf(k) >= 0 && typeof (d as Record<string, unknown>)[k] == 'string',
          )),
      'true, false or an object with string ' + PROMPT_KEYS.join(', '),
    ) ||
    undefined;
  if (!problem && accept) accept(o);
  return problem;
}
