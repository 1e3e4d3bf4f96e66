/// <reference lib="dom" />
/*
 * A RecorderManager for browsers (Taro H5), on the microphone that getUserMedia opens.
 * Only the H5 entry (h5.ts) imports this file, so mini-program bundles carry none of it.
 *
 * What each `format` becomes (the real type is reported as `mimeType` in onStop):
 *   aac (default)  MediaRecorder, 'audio/mp4;codecs=mp4a.40.2' where the browser encodes AAC
 *                  (Safari, Chrome on Windows/macOS/Android); elsewhere the browser's own
 *                  compressed type (Opus on Chromium/Linux and Firefox), with a warning once
 *   wav, PCM/pcm   Web Audio capture, resampled and interleaved here: 16-bit WAV, raw Int16LE
 *   mp3            the same capture, encoded by @breezystack/lamejs (LGPL-3.0), which is
 *                  imported only when mp3 is asked for, so bundlers give it a chunk of its own
 * The recorder measures durations itself (WebM/Opus files report Infinity in the browser).
 */
import { callEach } from './caller';

export interface H5RecorderStartOptions {
  /** Longest recording in ms (default 60000, at most 600000): it stops by itself then. */
  duration?: number;
  /** Default 8000, like WeChat's recorder. MediaRecorder formats keep the encoder's own rate. */
  sampleRate?: number;
  /** 1 or 2 (default 2, like WeChat's recorder). */
  numberOfChannels?: number;
  /** Bits per second for aac (MediaRecorder) and mp3. Default 48000. */
  encodeBitRate?: number;
  format?: string;
}

export interface H5StopResult {
  /** A `blob:` URL, which Taro H5 treats as a temporary file path. */
  tempFilePath: string;
  /** Recorded milliseconds, pauses excluded. */
  duration: number;
  fileSize: number;
  /** What the file really is, e.g. 'audio/wav', 'audio/webm;codecs=opus'. */
  mimeType: string;
}

type Listener = (res?: any) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface H5RecorderManager {
  start(options?: H5RecorderStartOptions): void;
  stop(): void;
  pause(): void;
  resume(): void;
  /** Like WeChat, each onX replaces that event's previous listener. */
  onStart(cb: Listener): void;
  onStop(cb: (res: H5StopResult) => void): void;
  onError(cb: (res: { errMsg: string }) => void): void;
  onPause(cb: Listener): void;
  onResume(cb: Listener): void;
}

/** One recording being made, whichever way: it ends once, in stop() or close(). */
interface Capture {
  mime: string;
  pause(): void;
  resume(): void;
  /** Ends the recording and gives the file; releases everything. */
  stop(): Promise<{ blob: Blob; duration: number }>;
  /** Releases everything, no file. */
  close(): void;
}

interface Plan {
  /** MediaRecorder with this type ('' = the browser's default), or undefined for Web Audio. */
  media?: string;
  encode?: 'wav' | 'PCM' | 'pcm' | 'mp3';
}

interface LameModule {
  Mp3Encoder: new (
    channels: number,
    sampleRate: number,
    kbps: number,
  ) => {
    encodeBuffer(left: Int16Array, right?: Int16Array): Int8Array | Uint8Array;
    flush(): Int8Array | Uint8Array;
  };
}

const FAIL = 'operateRecorder:fail ';
const AAC = 'audio/mp4;codecs=mp4a.40.2';
// What MediaRecorder may record when asked for aac, closest first ('audio/mp4' alone is AAC on Safari).
const COMPRESSED = [AAC, 'audio/webm;codecs=opus', 'audio/mp4', 'audio/webm', 'audio/ogg;codecs=opus'];
const isAac = (mime: string) => /mp4a|aac/.test(mime) || mime == 'audio/mp4';
const WORKLET = 'record-compat-capture';

/* eslint-disable @typescript-eslint/no-explicit-any -- browser globals that older typings or browsers lack */
const g: any = typeof window != 'undefined' ? window : {};
const warned: Record<string, boolean> = {};

function warnOnce(format: string, got: string) {
  if (warned[format]) return;
  warned[format] = true;
  console.warn(
    '[record-compat] this browser cannot record "' +
      format +
      '"; recording ' +
      got +
      ' instead (onStop reports it as mimeType)',
  );
}

/** How `format` is recorded here: what was asked where the browser can, else the closest it has. */
function plan(format: string): Plan {
  const MR = g.MediaRecorder;
  const audio = g.AudioContext || g.webkitAudioContext;
  if (format == 'wav' || format == 'PCM' || format == 'pcm' || format == 'mp3') {
    if (audio) return { encode: format };
  } else if (MR) {
    // Early Safari 14 has no isTypeSupported: take its default (AAC) and read the type afterwards.
    if (!MR.isTypeSupported) return { media: '' };
    for (const m of COMPRESSED) if (MR.isTypeSupported(m)) return { media: m };
    return { media: '' };
  }
  // The other kind, then: Web Audio can always give wav; MediaRecorder its default.
  return audio ? { encode: 'wav' } : MR ? { media: '' } : {};
}

/** The legacy API's reason for a getUserMedia / recorder error. */
function reasonOf(e: any): string {
  const name = (e && e.name) || '';
  if (/NotAllowed|PermissionDenied|Security/.test(name)) return 'auth deny';
  if (/NotFound|DevicesNotFound|Overconstrained/.test(name)) return 'no microphone found (' + name + ')';
  if (/NotReadable|TrackStart/.test(name))
    return 'the microphone cannot be opened, another program may be using it (' + name + ')';
  return (name && name != 'Error' ? name + ': ' : '') + ((e && e.message) || String(e));
}

// ---- MediaRecorder -----------------------------------------------------------

function mediaRecorderCapture(
  stream: MediaStream,
  mime: string,
  bitRate: number,
  limit: number,
  onLimit: () => void,
): Promise<Capture> {
  const o: any = { audioBitsPerSecond: bitRate };
  if (mime) o.mimeType = mime;
  const mr = new g.MediaRecorder(stream, o);
  const parts: Blob[] = [];
  // Recorded time: `done` ms before the current run, which began at `since` (0 while paused).
  let done = 0;
  let since = 0;
  let timer: any;
  const now = () => Date.now();
  const run = () => {
    since = now();
    timer = setTimeout(onLimit, limit - done);
  };
  const halt = () => {
    if (since) done += now() - since;
    since = 0;
    clearTimeout(timer);
  };
  const release = () => {
    halt();
    stream.getTracks().forEach((t) => t.stop());
  };
  mr.ondataavailable = (e: any) => {
    if (e.data && e.data.size) parts.push(e.data);
  };
  return new Promise((started, failed) => {
    mr.onerror = (e: any) => failed(e.error || e);
    mr.onstart = () => {
      run();
      started({
        // Chromium names the codec after start; Safari may only say 'audio/mp4'.
        mime: mr.mimeType || mime || 'audio/mp4',
        pause() {
          halt();
          mr.pause();
        },
        resume() {
          mr.resume();
          run();
        },
        stop: () =>
          new Promise((resolve, reject) => {
            mr.onerror = (e: any) => (release(), reject(e.error || e));
            mr.onstop = () => {
              release();
              resolve({ blob: new Blob(parts, { type: mr.mimeType || mime || 'audio/mp4' }), duration: done });
            };
            halt();
            mr.stop();
          }),
        close() {
          release();
          if (mr.state != 'inactive') mr.stop();
        },
      });
    };
    mr.start();
  });
}

// ---- Web Audio: capture, resample, encode ----------------------------------------

/**
 * Resamples several channels chunk by chunk, continuing across chunks. Downsampling averages
 * the input samples each output sample covers (a box low-pass against aliasing); upsampling
 * interpolates linearly. Positions are computed from whole sample counts, never accumulated,
 * so how the input is cut into chunks does not change the output. Exported for tests.
 */
export function resampler(inRate: number, outRate: number) {
  const up = inRate < outRate;
  // Where output sample k sits in the input, in input samples.
  const at = (k: number) => (k * inRate) / outRate;
  // One past the last input sample that output sample k needs.
  const need = (k: number) => (up ? Math.floor(at(k)) + 2 : Math.floor(at(k + 1)));
  let rest: Float32Array[] = [];
  let base = 0; // input samples dropped so far: rest[c][0] is input sample `base`
  let made = 0; // output samples so far
  return (input: Float32Array[]): Float32Array[] => {
    const all = input.map((c, i) => {
      const r = rest[i];
      if (!r || !r.length) return c;
      const a = new Float32Array(r.length + c.length);
      a.set(r);
      a.set(c, r.length);
      return a;
    });
    const len = base + all[0]!.length;
    let n = 0;
    while (need(made + n) <= len) n++;
    const out = all.map((x) => {
      const y = new Float32Array(n);
      for (let j = 0; j < n; j++) {
        const p = at(made + j);
        const i = Math.floor(p);
        if (up) y[j] = x[i - base]! + (x[i + 1 - base]! - x[i - base]!) * (p - i);
        else {
          const e = need(made + j);
          let s = 0;
          for (let q = i; q < e; q++) s += x[q - base]!;
          y[j] = s / (e - i);
        }
      }
      return y;
    });
    made += n;
    const keep = Math.floor(at(made)); // the first input sample still needed
    rest = all.map((x) => x.subarray(keep - base));
    base = keep;
    return out;
  };
}

const int16 = (x: Float32Array) => {
  const y = new Int16Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const s = Math.max(-1, Math.min(1, x[i]!));
    y[i] = s < 0 ? s * 0x8000 : s * 0x7fff;
  }
  return y;
};

interface Encoder {
  write(channels: Float32Array[]): void;
  end(): Blob;
}

/** 16-bit little-endian samples, interleaved; with `wav`, behind a 44-byte RIFF header. */
function pcmEncoder(channels: number, rate: number, wav: boolean): Encoder {
  const parts: BlobPart[] = [];
  let bytes = 0;
  return {
    write(c) {
      const n = c[0]!.length;
      const buf = new DataView(new ArrayBuffer(n * channels * 2));
      const s = c.map(int16);
      for (let i = 0; i < n; i++)
        for (let ch = 0; ch < channels; ch++) buf.setInt16((i * channels + ch) * 2, s[ch]![i]!, true);
      parts.push(buf.buffer);
      bytes += buf.byteLength;
    },
    end() {
      if (!wav) return new Blob(parts, { type: 'audio/pcm;rate=' + rate + ';channels=' + channels });
      const h = new DataView(new ArrayBuffer(44));
      const text = (at: number, s: string) => {
        for (let i = 0; i < 4; i++) h.setUint8(at + i, s.charCodeAt(i));
      };
      text(0, 'RIFF');
      h.setUint32(4, 36 + bytes, true);
      text(8, 'WAVE');
      text(12, 'fmt ');
      h.setUint32(16, 16, true); // fmt chunk size
      h.setUint16(20, 1, true); // PCM
      h.setUint16(22, channels, true);
      h.setUint32(24, rate, true);
      h.setUint32(28, rate * channels * 2, true); // bytes per second
      h.setUint16(32, channels * 2, true); // bytes per frame
      h.setUint16(34, 16, true); // bits per sample
      text(36, 'data');
      h.setUint32(40, bytes, true);
      return new Blob(([h.buffer] as BlobPart[]).concat(parts), { type: 'audio/wav' });
    },
  };
}

function mp3Encoder(lame: LameModule, channels: number, rate: number, bitRate: number): Encoder {
  const enc = new lame.Mp3Encoder(channels, rate, Math.round(bitRate / 1000));
  const parts: BlobPart[] = [];
  const push = (b: Int8Array | Uint8Array) => {
    if (b.length) parts.push(new Uint8Array(b.buffer, b.byteOffset, b.length).slice());
  };
  return {
    write(c) {
      const s = c.map(int16);
      push(enc.encodeBuffer(s[0]!, s[1]));
    },
    end() {
      push(enc.flush());
      return new Blob(parts, { type: 'audio/mpeg' });
    },
  };
}

// Runs in the AudioWorkletGlobalScope: hands every render quantum to the page while the gate is open (1), holds
// them while paused (0), and at the end (-1) answers once more and stops. The gate is here, on the audio thread,
// so a busy page still gets every quantum captured before a pause or stop, however late its messages arrive.
const WORKLET_SOURCE =
  'registerProcessor("' +
  WORKLET +
  '",class extends AudioWorkletProcessor{' +
  'constructor(){super();var s=this;s.gate=1;s.port.onmessage=function(e){s.gate=e.data;if(s.gate<0)s.port.postMessage(0)}}' +
  'process(i){var c=i[0];if(this.gate>0&&c&&c.length){var d=c.map(function(x){return x.slice(0)});' +
  'this.port.postMessage(d,d.map(function(x){return x.buffer}))}return this.gate>=0}})';

/** The node that hands the samples over, and how to pause, resume and end the samples it hands. */
interface Tap {
  node_: AudioNode;
  /** Passes samples on (true) or holds them (false). */
  gate_(open: boolean): void;
  /** Resolves once every chunk captured before now has reached the sink; none comes after. */
  end_(): Promise<void>;
}

// How long the end waits for the audio thread's answer before it ends with what has come.
const END_WAIT_MS = 1000;

/** Connects `source` to a node that passes each chunk of samples to `sink`: AudioWorklet, else ScriptProcessor. */
function tap(ctx: AudioContext, source: AudioNode, channels: number, sink: (c: Float32Array[]) => void): Promise<Tap> {
  const mute = ctx.createGain();
  mute.gain.value = 0;
  mute.connect(ctx.destination); // nodes that lead nowhere are not processed in some browsers
  const link = (node: AudioNode) => {
    source.connect(node);
    node.connect(mute);
  };
  // ScriptProcessor's chunks come as events on this thread: the gate is here.
  const legacy = (): Tap => {
    const node = ctx.createScriptProcessor(4096, channels, channels);
    let open = true;
    node.onaudioprocess = (e) => {
      if (!open) return;
      const c: Float32Array[] = [];
      for (let ch = 0; ch < channels; ch++) c.push(e.inputBuffer.getChannelData(ch).slice(0));
      sink(c);
    };
    link(node);
    return {
      node_: node,
      gate_: (o) => (open = o),
      end_() {
        open = false;
        return Promise.resolve();
      },
    };
  };
  if (!ctx.audioWorklet || !g.AudioWorkletNode || !g.Blob || !g.URL) return Promise.resolve(legacy());
  const url = URL.createObjectURL(new Blob([WORKLET_SOURCE], { type: 'application/javascript' }));
  // A Content-Security-Policy without blob: scripts refuses the module: fall back then.
  return ctx.audioWorklet.addModule(url).then(
    (): Tap => {
      URL.revokeObjectURL(url);
      // 'explicit' channels: the browser up- or down-mixes the microphone to what was asked.
      const node = new AudioWorkletNode(ctx, WORKLET, {
        numberOfInputs: 1,
        numberOfOutputs: 1,
        channelCount: channels,
        channelCountMode: 'explicit',
      });
      let ended: (() => void) | undefined;
      // The port keeps the order of its messages: the end's answer comes after every chunk sent before it.
      node.port.onmessage = (e) => (e.data === 0 ? ended && ended() : sink(e.data));
      link(node);
      return {
        node_: node,
        gate_: (open) => node.port.postMessage(open ? 1 : 0),
        end_: () =>
          new Promise<void>((done) => {
            ended = done;
            node.port.postMessage(-1);
            setTimeout(done, END_WAIT_MS);
          }),
      };
    },
    () => legacy(),
  );
}

function webAudioCapture(
  ctx: AudioContext,
  stream: MediaStream,
  encoder: Encoder,
  mime: string,
  channels: number,
  rate: number,
  limit: number,
  onLimit: () => void,
): Promise<Capture> {
  const source = ctx.createMediaStreamSource(stream);
  const resample = resampler(ctx.sampleRate, rate);
  // The limit in frames: the file is never longer than `duration`.
  const max = Math.round((limit * rate) / 1000);
  let frames = 0;
  let ended = false;
  const sink = (c: Float32Array[]) => {
    if (ended) return;
    let out = resample(c);
    const n = Math.min(out[0]!.length, max - frames);
    if (n < out[0]!.length) out = out.map((x) => x.subarray(0, n));
    if (n > 0) encoder.write(out);
    frames += n;
    if (frames >= max) {
      ended = true;
      onLimit();
    }
  };
  let node: AudioNode | undefined;
  const close = () => {
    ended = true;
    source.disconnect();
    if (node) node.disconnect();
    stream.getTracks().forEach((t) => t.stop());
    if (ctx.state != 'closed') ctx.close().then(undefined, () => 0);
  };
  return tap(ctx, source, channels, sink).then((t) => {
    node = t.node_;
    return {
      mime,
      pause: () => t.gate_(false),
      resume: () => t.gate_(true),
      // The chunks still on their way from the audio thread belong to the file: wait for them, then close.
      stop: () =>
        t.end_().then(() => {
          close();
          return { blob: encoder.end(), duration: Math.round((frames * 1000) / rate) };
        }),
      close,
    };
  });
}

/**
 * Waits for a resumed AudioContext. Browsers keep one suspended when it was not started
 * from a user gesture (iOS always): then the capture would be silent, so say so instead.
 */
function running(ctx: AudioContext): Promise<void> {
  if (ctx.state == 'running') return Promise.resolve();
  return Promise.race([ctx.resume(), new Promise((r) => setTimeout(r, 1000))]).then(() => {
    if (ctx.state != 'running')
      throw new Error('audio capture is suspended by the browser: start recording from a user tap');
  });
}

// ---- the manager ---------------------------------------------------------------

const enum State {
  Idle,
  Starting,
  Recording,
  Paused,
  Stopping,
}

/**
 * Opens the microphone and its capture for the `options` the way `how` says: Web Audio with the
 * runtime's encoder on `context`, else MediaRecorder. Resolves to nothing when the start was
 * `abandoned` before the microphone answered (its tracks are stopped then).
 */
function openCapture(
  { mediaDevices_: mediaDevices, plan_: how, context_: context }: Prepared,
  options: H5RecorderStartOptions,
  onLimit: () => void,
  abandoned: () => boolean,
): Promise<Capture | void> {
  const channels = options.numberOfChannels == 1 ? 1 : 2;
  const rate = options.sampleRate || 8000;
  const bitRate = options.encodeBitRate || 48000;
  // WeChat's default and maximum; a duration that is not a positive number (NaN would be a timer of 1 ms) is the
  // default.
  const limit = options.duration! > 0 ? Math.min(options.duration!, 600000) : 60000;
  // The mp3 encoder is a chunk of its own, loaded only now and only for mp3.
  const lame: Promise<LameModule | void> = how.encode == 'mp3' ? import('@breezystack/lamejs') : Promise.resolve();
  lame.then(undefined, () => 0); // its failure is reported below, unless the microphone failed first
  return mediaDevices
    .getUserMedia({
      // The raw microphone, as the mini-program recorders give it: no voice processing.
      audio: { channelCount: channels, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
    })
    .then((stream: MediaStream) => {
      if (abandoned()) return stream.getTracks().forEach((t) => t.stop());
      // The microphone went away (unplugged, permission revoked): end with what was recorded
      // (onLimit does nothing before onStart).
      stream.getTracks().forEach((t) => (t.onended = onLimit));
      const made = context
        ? Promise.all([lame, running(context)]).then(([lameModule]) => {
            const encode = how.encode!;
            const encoder =
              encode == 'mp3'
                ? mp3Encoder(lameModule as LameModule, channels, rate, bitRate)
                : pcmEncoder(channels, rate, encode == 'wav');
            const mime =
              encode == 'mp3'
                ? 'audio/mpeg'
                : encode == 'wav'
                  ? 'audio/wav'
                  : 'audio/pcm;rate=' + rate + ';channels=' + channels;
            return webAudioCapture(context, stream, encoder, mime, channels, rate, limit, onLimit);
          })
        : mediaRecorderCapture(stream, how.media!, bitRate, limit, onLimit);
      return made.then(undefined, (e) => {
        stream.getTracks().forEach((t) => t.stop());
        throw e;
      });
    });
}

// onStop's answer: WeChat's fields, and the recording's MIME type.
const stopped = (r: { blob: Blob; duration: number }, mime: string) => ({
  tempFilePath: URL.createObjectURL(r.blob),
  duration: r.duration,
  fileSize: r.blob.size,
  mimeType: mime,
});

/** What a start needs: the microphone's API, how to record, and the AudioContext where Web Audio records. */
interface Prepared {
  mediaDevices_: any;
  plan_: Plan;
  context_: AudioContext | undefined;
}

// What a start needs, or why it cannot start (a string). Runs inside the caller's user gesture where there is one.
function prepare(format: string): Prepared | string {
  const mediaDevices = g.navigator && g.navigator.mediaDevices;
  if (!mediaDevices || !mediaDevices.getUserMedia)
    return 'recording needs a secure page (https or localhost): navigator.mediaDevices is missing here';
  const how = plan(format);
  if (!how.encode && how.media == null) return 'this browser cannot record (no MediaRecorder, no Web Audio)';
  let context: AudioContext | undefined;
  try {
    // Created now, inside the gesture (iOS requires it).
    context = how.encode ? new (g.AudioContext || g.webkitAudioContext)() : undefined;
  } catch (e) {
    return reasonOf(e); // e.g. the browser's limit on open AudioContexts
  }
  if (context) context.resume().then(undefined, () => 0);
  return { mediaDevices_: mediaDevices, plan_: how, context_: context };
}

/** One recorder's state. */
interface H5Recording {
  /** Where it is: idle, starting, recording, paused or stopping. */
  state_: State;
  /** The capture, once the microphone answered. */
  capture_?: Capture;
  /** Identifies the start in flight, so a late answer of an abandoned one is dropped. */
  startId_: number;
  /** A stop came before onStart: stop as soon as it has started. */
  stopWaiting_: boolean;
  /** Calls the listener of an event. */
  emit_: (k: string, res?: unknown) => void;
}

// The onError of `reason`, as WeChat words a refused operation.
function h5Error(recorder: H5Recording, reason: string) {
  recorder.emit_('onError', { errMsg: FAIL + reason });
}

// The start `id` failed with `e`, unless it was abandoned or the recorder is idle already.
function h5Fail(recorder: H5Recording, id: number, e: unknown) {
  if (id != recorder.startId_ || recorder.state_ == State.Idle) return;
  recorder.state_ = State.Idle;
  if (recorder.capture_) recorder.capture_.close();
  recorder.capture_ = undefined;
  h5Error(recorder, reasonOf(e));
}

// start(): the microphone is asked inside the caller's gesture; onStart once it answered.
function h5Start(recorder: H5Recording, options: H5RecorderStartOptions = {}) {
  if (recorder.state_ != State.Idle) return h5Error(recorder, "audio is recording, don't start record again");
  const format = options.format || 'aac';
  const ready = prepare(format);
  if (typeof ready == 'string') return h5Error(recorder, ready);
  const id = ++recorder.startId_;
  recorder.state_ = State.Starting;
  recorder.stopWaiting_ = false;
  const onLimit = () => {
    if (id == recorder.startId_ && (recorder.state_ == State.Recording || recorder.state_ == State.Paused))
      h5Stop(recorder);
  };
  openCapture(ready, options, onLimit, () => id != recorder.startId_)
    .then((capture) => {
      // Abandoned meanwhile: no capture (the microphone's tracks are stopped), or one to close.
      if (!capture || id != recorder.startId_) return capture && capture.close();
      recorder.capture_ = capture;
      if (format == 'aac' ? !isAac(capture.mime) : format != (ready.plan_.encode || '')) warnOnce(format, capture.mime);
      recorder.state_ = State.Recording;
      recorder.emit_('onStart');
      if (recorder.stopWaiting_) h5Stop(recorder);
    })
    .then(undefined, (e: unknown) => {
      const context = ready.context_;
      if (context && context.state != 'closed') context.close().then(undefined, () => 0);
      h5Fail(recorder, id, e);
    });
}

// stop(): onStop with the file once the capture has ended.
function h5Stop(recorder: H5Recording) {
  if (recorder.state_ == State.Idle) return h5Error(recorder, 'recorder not start');
  // Stopping already (at the limit, say) changes nothing, as on WeChat: onStop is on its way.
  if (recorder.state_ == State.Stopping) return;
  // Before onStart: stop as soon as it has started.
  if (recorder.state_ == State.Starting) return void (recorder.stopWaiting_ = true);
  const id = recorder.startId_;
  const capture = recorder.capture_!;
  recorder.state_ = State.Stopping;
  capture.stop().then(
    (res) => {
      if (id != recorder.startId_) return;
      recorder.state_ = State.Idle;
      recorder.capture_ = undefined;
      recorder.emit_('onStop', stopped(res, capture.mime));
    },
    (e) => h5Fail(recorder, id, e),
  );
}

export function createH5RecorderManager(): H5RecorderManager {
  const on: Record<string, Listener | undefined> = {};
  const recorder: H5Recording = {
    state_: State.Idle,
    startId_: 0,
    stopWaiting_: false,
    // The listener of an event (one per event, as on WeChat), if any; its own error is thrown again later, without
    // failing the recording.
    emit_: (k, res) => callEach([on[k]], res),
  };
  const manager: any = {
    start: (options?: H5RecorderStartOptions) => h5Start(recorder, options),
    stop: () => h5Stop(recorder),
    pause() {
      if (recorder.state_ != State.Recording) return h5Error(recorder, 'recorder not recording');
      recorder.state_ = State.Paused;
      recorder.capture_!.pause();
      recorder.emit_('onPause');
    },
    resume() {
      if (recorder.state_ != State.Paused) return h5Error(recorder, 'recorder not paused');
      recorder.state_ = State.Recording;
      recorder.capture_!.resume();
      recorder.emit_('onResume');
    },
  };
  for (const k of ['onStart', 'onStop', 'onError', 'onPause', 'onResume']) manager[k] = (cb: Listener) => (on[k] = cb);
  return manager;
}

let shared: H5RecorderManager | undefined;

/** The one recorder of the page, as getRecorderManager() is on the mini-program platforms. */
export function getH5RecorderManager(): H5RecorderManager {
  return shared || (shared = createH5RecorderManager());
}
