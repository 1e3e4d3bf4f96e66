/**
 * A fake clock for the mini-program host: timers run only when the test
 * advances time, in due order, with the promise jobs they queue settled
 * in between (as the real event loop would).
 */

interface Timer {
  id: number;
  at: number;
  seq: number;
  fn: (...args: unknown[]) => void;
  args: unknown[];
  every?: number;
}

const realSetImmediate = setImmediate;

/** Let every queued promise job (and the jobs they queue) run. */
export async function flushJobs(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await new Promise<void>((resolve) => realSetImmediate(resolve));
  }
}

export class FakeClock {
  /** Milliseconds since the host started. */
  now = 0;
  readonly epoch = Date.UTC(2026, 0, 1);
  private timers = new Map<number, Timer>();
  private nextId = 1;
  private seq = 0;

  setTimeout = (fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): number => {
    return this.add(fn, ms, args);
  };

  setInterval = (fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): number => {
    return this.add(fn, ms, args, Math.max(1, Number(ms) || 0));
  };

  clearTimeout = (id: unknown): void => {
    this.timers.delete(Number(id));
  };

  clearInterval = (id: unknown): void => {
    this.timers.delete(Number(id));
  };

  /** Number of timers still waiting. */
  pending(): number {
    return this.timers.size;
  }

  private add(fn: (...args: unknown[]) => void, ms: unknown, args: unknown[], every?: number): number {
    if (typeof fn !== 'function') throw new TypeError('fake clock: callback must be a function');
    const id = this.nextId++;
    const delay = Math.max(0, Number(ms) || 0);
    this.timers.set(id, { id, at: this.now + delay, seq: this.seq++, fn, args, every });
    return id;
  }

  private nextDue(limit: number): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers.values()) {
      if (t.at > limit) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }

  /** Move time forward by `ms`, running every timer that falls due, in order. */
  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    await flushJobs();
    for (let guard = 0; ; guard++) {
      if (guard > 100_000) throw new Error('fake clock: timers keep rescheduling themselves');
      const t = this.nextDue(end);
      if (!t) break;
      this.now = t.at;
      if (t.every) {
        t.at += t.every;
        t.seq = this.seq++;
      } else {
        this.timers.delete(t.id);
      }
      t.fn(...t.args);
      await flushJobs(3);
    }
    this.now = end;
    await flushJobs();
  }

  /** A Date whose "now" follows the fake clock. */
  makeDate(): DateConstructor {
    const clock = this;
    const Real = Date;
    class FakeDate extends Real {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(clock.epoch + clock.now);
        else super(...(args as [number]));
      }
      static now(): number {
        return clock.epoch + clock.now;
      }
    }
    return FakeDate as unknown as DateConstructor;
  }
}
