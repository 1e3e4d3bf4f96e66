/// <reference lib="dom" />
/*
 * Runs in the test page: reads a recording back from its blob URL and measures it the way a
 * listener would check it: container header, length, channels, loudness and pitch per channel.
 */

export interface ChannelStats {
  /** Root mean square of the samples, 0..1. */
  rms: number;
  /** Pitch from the rate of upward zero crossings, in Hz. */
  hz: number;
}

export interface Analysis {
  bytes: number;
  /** The blob's own type. */
  type: string;
  sampleRate: number;
  channels: number;
  /** Length of the audio, ms. */
  durationMs: number;
  stats: ChannelStats[];
  wav?: {
    riff: string;
    wave: string;
    fmt: string;
    audioFormat: number;
    byteRate: number;
    blockAlign: number;
    bits: number;
    data: string;
    dataSize: number;
    riffSize: number;
  };
  mp3?: {
    frames: number;
    version: string;
    layer: number;
    channelMode: number;
    firstFrameAt: number;
    bitrateKbps: number;
    sampleRate: number;
  };
  /** What the browser's decoder made of it (compressed formats and mp3). */
  decoded?: { sampleRate: number; channels: number; durationMs: number };
}

/** The median of a non-empty list. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function stats(x: ArrayLike<number>, rate: number): ChannelStats {
  // The middle of the recording: the first and last 10 % may hold the microphone's start-up.
  const from = Math.floor(x.length * 0.1);
  const to = Math.floor(x.length * 0.9);
  let sq = 0;
  for (let i = from; i < to; i++) sq += x[i]! * x[i]!;
  // The pitch of each quarter second (about 110 crossings at 440 Hz, so ±1 is under 1 %), then
  // their median: a burst of frames the browser's real-time audio drops on a starved machine
  // (headless Chromium's capture and output run on timers) spoils a window or two, not the tone.
  const windowLength = Math.floor(rate / 4);
  const pitches: number[] = [];
  for (let start = from; start + windowLength <= to || pitches.length === 0; start += windowLength) {
    const end = Math.min(to, start + windowLength);
    let ups = 0;
    for (let i = start + 1; i < end; i++) if (x[i - 1]! < 0 && x[i]! >= 0) ups++;
    pitches.push((ups * rate) / Math.max(1, end - start));
  }
  return { rms: Math.sqrt(sq / Math.max(1, to - from)), hz: median(pitches) };
}

const text = (v: DataView, at: number) =>
  String.fromCharCode(v.getUint8(at), v.getUint8(at + 1), v.getUint8(at + 2), v.getUint8(at + 3));

/** Interleaved Int16LE → per-channel floats. */
function deinterleave(v: DataView, offset: number, channels: number): Float32Array[] {
  const frames = Math.floor((v.byteLength - offset) / 2 / channels);
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  for (let i = 0; i < frames; i++)
    for (let c = 0; c < channels; c++) out[c]![i] = v.getInt16(offset + (i * channels + c) * 2, true) / 32768;
  return out;
}

async function decode(buf: ArrayBuffer) {
  const ctx = new OfflineAudioContext(1, 1, 48000);
  const audio = await ctx.decodeAudioData(buf.slice(0));
  const chans = Array.from({ length: audio.numberOfChannels }, (_, c) => audio.getChannelData(c));
  return {
    decoded: {
      sampleRate: audio.sampleRate,
      channels: audio.numberOfChannels,
      durationMs: (audio.length / audio.sampleRate) * 1000,
    },
    stats: chans.map((x) => stats(x, audio.sampleRate)),
  };
}

// MPEG audio frame headers (ISO 11172-3 / 13818-3), Layer III.
const KBPS: Record<string, number[]> = {
  '1': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const RATES: Record<string, number[]> = {
  '1': [44100, 48000, 32000],
  '2': [22050, 24000, 16000],
  '2.5': [11025, 12000, 8000],
};

function mp3Frames(b: Uint8Array) {
  let i = 0;
  while (i + 1 < b.length && !(b[i] === 0xff && (b[i + 1]! & 0xe0) === 0xe0)) i++;
  const first = i;
  let frames = 0;
  let head:
    { version: string; layer: number; channelMode: number; bitrateKbps: number; sampleRate: number } | undefined;
  while (i + 4 <= b.length && b[i] === 0xff && (b[i + 1]! & 0xe0) === 0xe0) {
    const v = (b[i + 1]! >> 3) & 3;
    const version = v === 3 ? '1' : v === 2 ? '2' : v === 0 ? '2.5' : '?';
    const layer = 4 - ((b[i + 1]! >> 1) & 3);
    const kbps = KBPS[version === '1' ? '1' : '2']![b[i + 2]! >> 4]!;
    const rate = RATES[version]?.[(b[i + 2]! >> 2) & 3];
    const pad = (b[i + 2]! >> 1) & 1;
    if (!rate || !kbps || layer !== 3) break;
    head = head ?? { version, layer, channelMode: b[i + 3]! >> 6, bitrateKbps: kbps, sampleRate: rate };
    i += Math.floor(((version === '1' ? 144 : 72) * kbps * 1000) / rate) + pad;
    frames++;
  }
  return { first, frames, head, end: i };
}

/** `kind` says how to read the bytes: the container for wav and mp3, the layout for raw PCM. */
export async function analyze(
  url: string,
  kind: 'wav' | 'pcm' | 'mp3' | 'compressed',
  pcm?: { sampleRate: number; channels: number },
): Promise<Analysis> {
  const blob = await (await fetch(url)).blob();
  const buf = await blob.arrayBuffer();
  const v = new DataView(buf);
  const base = { bytes: buf.byteLength, type: blob.type };
  if (kind === 'wav') {
    const wav = {
      riff: text(v, 0),
      riffSize: v.getUint32(4, true),
      wave: text(v, 8),
      fmt: text(v, 12),
      audioFormat: v.getUint16(20, true),
      byteRate: v.getUint32(28, true),
      blockAlign: v.getUint16(32, true),
      bits: v.getUint16(34, true),
      data: text(v, 36),
      dataSize: v.getUint32(40, true),
    };
    const channels = v.getUint16(22, true);
    const sampleRate = v.getUint32(24, true);
    const chans = deinterleave(v, 44, channels);
    return {
      ...base,
      wav,
      sampleRate,
      channels,
      durationMs: (chans[0]!.length / sampleRate) * 1000,
      stats: chans.map((x) => stats(x, sampleRate)),
    };
  }
  if (kind === 'pcm') {
    const { sampleRate, channels } = pcm!;
    const chans = deinterleave(v, 0, channels);
    return {
      ...base,
      sampleRate,
      channels,
      durationMs: (chans[0]!.length / sampleRate) * 1000,
      stats: chans.map((x) => stats(x, sampleRate)),
    };
  }
  const d = await decode(buf);
  if (kind === 'mp3') {
    const f = mp3Frames(new Uint8Array(buf));
    const h = f.head!;
    const perFrame = h.version === '1' ? 1152 : 576;
    return {
      ...base,
      ...d,
      mp3: { frames: f.frames, firstFrameAt: f.first, ...h },
      sampleRate: h.sampleRate,
      channels: h.channelMode === 3 ? 1 : 2,
      durationMs: ((f.frames * perFrame) / h.sampleRate) * 1000,
    };
  }
  return {
    ...base,
    ...d,
    sampleRate: d.decoded.sampleRate,
    channels: d.decoded.channels,
    durationMs: d.decoded.durationMs,
  };
}
