/**
 * The stop signals during a codemod run: heard, and acted on between files.
 */
import { removeUnfinishedWrites } from '../files/io';
import { exitCodeOf, STOP_SIGNALS, type StopSignalName } from './report';

/**
 * The stop signals (STOP_SIGNALS: Ctrl-C, SIGTERM, SIGHUP, SIGQUIT) during a run: heard (the
 * handlers replace Node's default exit, which could strike between any two statements), and
 * acted on between files. The loops give the event loop a turn every few milliseconds so that
 * a signal is noticed promptly.
 *
 * One set of process handlers serves every run, installed by the first. Once a run has
 * ended, a signal no longer stops anything: the summary is being printed and stdout drains,
 * which a kill would only lose. So the process is left to exit by itself, and only if it is
 * still alive two seconds later (a long-lived host of the library) does Node's default apply.
 */
export class StopSignal {
  private static active: StopSignal | null = null;
  private static installed = false;

  signal: StopSignalName | null = null;
  /** Called when a signal is heard (a run waiting on the planning thread wakes up). */
  onHeard: (() => void) | null = null;
  private last = Date.now();

  constructor() {
    StopSignal.active = this;
    if (!StopSignal.installed) {
      for (const signal of STOP_SIGNALS) process.on(signal, StopSignal.onSignal);
      StopSignal.installed = true;
    }
  }

  private static onSignal(signal: NodeJS.Signals): void {
    const run = StopSignal.active;
    if (run) return run.heard(signal as StopSignalName);
    setTimeout(() => {
      StopSignal.uninstall();
      process.kill(process.pid, signal); // still alive: Node's default
    }, 2000).unref();
  }

  private static uninstall(): void {
    for (const signal of STOP_SIGNALS) process.off(signal, StopSignal.onSignal);
    StopSignal.installed = false;
  }

  private heard(signal: StopSignalName): void {
    if (this.signal) {
      // A second signal: the user means it. Every write is atomic; those under way leave no temporary file.
      removeUnfinishedWrites();
      process.exit(exitCodeOf(signal));
    }
    this.signal = signal;
    this.onHeard?.();
  }

  /** 10 ms since the last turn of the event loop: time to let a signal in. */
  due(): boolean {
    return Date.now() - this.last >= 10;
  }

  /** Gives the event loop a turn, so that a pending signal is heard. */
  async yield(): Promise<void> {
    this.last = Date.now();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  dispose(): void {
    if (StopSignal.active !== this) return;
    StopSignal.active = null;
  }
}
