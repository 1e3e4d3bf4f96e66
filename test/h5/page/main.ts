/// <reference lib="dom" />
/*
 * The test page's script: the runtime's H5 entry as an app bundles it, plus helpers the
 * tests call through page.evaluate. Bundled by esbuild (test/h5/harness.ts).
 */
import * as entry from '../../../src/runtime/h5';
import {
  createH5RecorderManager,
  type H5RecorderStartOptions,
  type H5StopResult,
} from '../../../src/runtime/h5-recorder';
import { analyze } from './analyze';

export interface RecordOutcome {
  /** Event names in order, with the ms since start() when each came. */
  events: { name: string; at: number }[];
  /** When the page called pause(), resume() and stop(), in ms since start(): a timer fires late on a busy machine. */
  calls: { name: 'pause' | 'resume' | 'stop'; at: number }[];
  stop?: H5StopResult;
  error?: string;
  warnings: string[];
}

const warnings: string[] = [];
const warn = console.warn.bind(console);
console.warn = (...a: unknown[]) => {
  warnings.push(a.map(String).join(' '));
  warn(...a);
};

/** Keeps this thread busy for `ms`, as a page's heavy work does: events and messages wait meanwhile. */
function block(ms: number) {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

/**
 * Records with a fresh manager: stops `stopAfterMs` after onStart (none: waits for the
 * duration limit), pausing for `pause.ms` at `pause.at` ms when asked. With `busyMs`, this
 * thread is blocked for the last `busyMs` before the pause and the stop, which still come on time.
 */
function record(
  options: H5RecorderStartOptions,
  stopAfterMs?: number,
  pause?: { at: number; ms: number },
  busyMs = 0,
): Promise<RecordOutcome> {
  const m = createH5RecorderManager();
  const t0 = performance.now();
  const seen = warnings.length;
  const out: RecordOutcome = { events: [], calls: [], warnings: [] };
  const note = (name: string) => out.events.push({ name, at: Math.round(performance.now() - t0) });
  const call = (name: RecordOutcome['calls'][number]['name']) => {
    out.calls.push({ name, at: performance.now() - t0 });
    m[name]();
  };
  return new Promise((resolve) => {
    const done = () => resolve({ ...out, warnings: warnings.slice(seen) });
    m.onStart(() => {
      note('start');
      const after = (ms: number, then: () => void) =>
        setTimeout(() => {
          block(busyMs);
          then();
        }, ms - busyMs);
      if (pause) after(pause.at, () => call('pause'));
      if (stopAfterMs != null) after(stopAfterMs + (pause ? pause.ms : 0), () => call('stop'));
    });
    m.onPause(() => {
      note('pause');
      setTimeout(() => call('resume'), pause!.ms);
    });
    m.onResume(() => note('resume'));
    m.onStop((r) => {
      note('stop');
      out.stop = r;
      done();
    });
    m.onError((e) => {
      note('error');
      out.error = e.errMsg;
      done();
    });
    m.start(options);
  });
}

/** Plays a recording in an <audio> element to its end; resolves with what the element saw. */
function play(src: string): Promise<{ ended: boolean; duration: number; error?: string }> {
  const a = document.createElement('audio');
  a.controls = true;
  document.body.appendChild(a);
  return new Promise((resolve) => {
    a.onended = () => resolve({ ended: true, duration: a.duration });
    a.onerror = () => resolve({ ended: false, duration: a.duration, error: String(a.error && a.error.message) });
    a.src = src;
    a.play().catch((e) => resolve({ ended: false, duration: a.duration, error: String(e) }));
  });
}

function show(line: string) {
  const p = document.createElement('p');
  p.textContent = line;
  document.body.appendChild(p);
}

const api = { entry, createH5RecorderManager, record, analyze, play, show, warnings };
/** What `window.h5` holds for the tests. */
export type PageApi = typeof api;
Object.assign(window, { h5: api });
