/**
 * Progress for long runs: the codemod's bar on a terminal, a plain line every so often in
 * CI logs, nothing for small runs; the audit's status line, phase by phase, on a terminal
 * only. cli-progress is loaded only for the bar.
 */
import type * as CliProgress from 'cli-progress';

/** Runs smaller than this finish before a bar would be worth drawing. */
export const PROGRESS_MIN_FILES = 300;
const PLAIN_EVERY = 1000;

export interface Progress {
  /** True while a bar owns the terminal line: per-file lines must wait. */
  readonly drawsBar: boolean;
  tick(): void;
  stop(): void;
}

export function createProgress(total: number, stream: NodeJS.WriteStream, allowed: boolean): Progress {
  if (!allowed || total < PROGRESS_MIN_FILES) return { drawsBar: false, tick() {}, stop() {} };
  if (stream.isTTY) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { SingleBar, Presets } = require('cli-progress') as typeof CliProgress;
    const bar = new SingleBar(
      {
        stream,
        format: 'migrating {bar} {value}/{total} files | {eta_formatted} left',
        hideCursor: true,
        clearOnComplete: true,
        fps: 10,
      },
      Presets.shades_classic,
    );
    bar.start(total, 0);
    return {
      drawsBar: true,
      tick: () => bar.increment(),
      stop: () => bar.stop(),
    };
  }
  let done = 0;
  return {
    drawsBar: false,
    tick() {
      done++;
      if (done % PLAIN_EVERY === 0 && done < total) stream.write(`… ${done}/${total} files\n`);
    },
    stop() {},
  };
}

/** One line on a terminal that says what a long step is doing now, replaced at each step and cleared at the end. */
export interface StatusLine {
  show(text: string): void;
  /** Clears the line; said before anything else is printed. */
  stop(): void;
}

/**
 * A status line on `stream` where it is a terminal, else nothing at all: a log or a pipe gets no
 * line rewritten in place, and `--json` passes no stream. The time since the first line is shown
 * with each step, as a step (TypeScript building its program) may hold the event loop for seconds.
 */
export function createStatusLine(stream: NodeJS.WriteStream | undefined): StatusLine {
  if (stream?.isTTY !== true) return { show() {}, stop() {} };
  const started = Date.now();
  let shown = false;
  return {
    show(text) {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const line = `${text}… ${seconds}s`;
      // One terminal line, or a narrow one would scroll at each step.
      const width = stream.columns > 0 ? stream.columns - 1 : line.length;
      stream.write(`\r\x1b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
      shown = true;
    },
    stop() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
