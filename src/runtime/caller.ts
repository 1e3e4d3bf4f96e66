/*
 * What the runtime's legacy functions share: the caller of one call (its callbacks or its
 * Promise), the failure reason read from an audio error, and the guard against a rejected Promise
 * left unhandled. A module of its own: an app ships it once, whichever of the APIs it calls.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Fn = (...a: any[]) => any;
export const isFn = (f: unknown): f is Fn => typeof f == 'function';

/**
 * Sends the rejection of `value`, if it is a Promise-like, to `onRejected` (by default nowhere:
 * a stub or a play() that returns a rejected Promise must never surface as unhandled).
 */
export function ifRejected(value: any, onRejected: Fn = isFn): void {
  if (value && isFn(value.then)) value.then(undefined, onRejected);
}

// Declared here so the standalone copy type-checks without DOM or Node typings.
declare function setTimeout(cb: () => void, ms: number): unknown;

// Calls each function of `listeners` with `res` as the platforms call their listeners: one that throws is thrown again
// later, on its own, and the others still run.
export function callEach(listeners: unknown[], res?: unknown): void {
  listeners.forEach((listener) => {
    try {
      if (isFn(listener)) listener(res);
    } catch (e) {
      setTimeout(() => {
        throw e;
      }, 0);
    }
  });
}

/** WeChat's typing rule: a call with a callback returns nothing, a call without one a Promise. */
export type CallReturn<T, R> = T extends { success: unknown } | { fail: unknown } | { complete: unknown }
  ? undefined
  : Promise<R>;

/** A call's caller: call it with (result, ok); only the first call counts, as it settles a Promise. */
export type Caller = ((res: any, ok?: boolean) => void) & {
  /** @internal The Promise the call returns, if the app gets one. */
  promise_?: Promise<any> | undefined;
};

/**
 * Hands the outcome `p` of a call with the options `o` to the app. Without any callback, it
 * returns `p` (WeChat's rule, docs/contract.md, Decision R9); with callbacks, success or fail then
 * complete run asynchronously like the platform's, and one that throws surfaces as an unhandled
 * rejection instead of escaping from the runtime's listeners, complete still running.
 */
export function answer<T>(o: any, p: Promise<T>): Promise<T> | undefined {
  const then = (f: unknown) => (res: unknown) => {
    try {
      if (isFn(f)) f(res);
    } finally {
      if (isFn(o.complete)) o.complete(res);
    }
  };
  if (!o || !(isFn(o.success) || isFn(o.fail) || isFn(o.complete))) return p;
  // A statement, not `cond ? void p.then(…) : p`: Taro 2's minifier inlines this function and
  // turns that `void p.then(…)` into `void 0`, dropping the callbacks (the Taro 2 e2e build).
  p.then(then(o.success), then(o.fail));
  return undefined;
}

/** The caller of a call with the options `o`: its Promise, if the app gets one, is in `promise_`. */
export function caller(o: any): Caller {
  let settle!: Caller;
  const promise = new Promise((resolve, reject) => (settle = (res, ok) => (ok ? resolve : reject)(res)));
  settle.promise_ = answer(o, promise);
  return settle;
}

/** The reason in `{ errMsg, errCode }` of an onError, a thrown Error or a rejected play(). */
export function errorReason(e: any): string {
  const x = e || {};
  const m = String(x.errMsg || x.message || '').replace(/^.*?:fail[: ]*/, '') || 'error';
  return x.errCode != null ? m + ' (errCode ' + x.errCode + ')' : m;
}
