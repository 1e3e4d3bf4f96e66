/**
 * Progress for long runs: a bar on a terminal, a plain line every so often in
 * CI logs, nothing for small runs. cli-progress is loaded only for the bar.
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
      { stream, format: 'migrating {bar} {value}/{total} files | {eta_formatted} left', hideCursor: true, clearOnComplete: true, fps: 10 },
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
