/*
 * What the floors of the families that answer calls share, as src/runtime/caller.ts is shared: one call's answer under
 * WeChat's rules (Decisions R1, R9, and "delivery as R1" of V1 and B1). Kept: a Promise when the call has none of
 * success, fail or complete, nothing when it has one; success or fail, then complete with the same object, always
 * asynchronously; a callback that throws surfaces as an unhandled rejection and complete still runs; the reason of an
 * audio error with its code. Left out: the guard against rejected Promises (ifRejected: Taro H5's stubs, React
 * Native's play() and start() return them; WeChat's calls return nothing) and callEach (the app's own listeners beside
 * the runtime's: in no floor's row).
 */
export const isFn = (f) => typeof f == 'function';

/**
 * What a call with the options `o` returns, the outcome `p` handed to the app: `p` itself without any callback; else
 * success or fail then complete, and nothing.
 */
export function answer(o, p) {
  const then = (f) => (res) => {
    try {
      if (isFn(f)) f(res);
    } finally {
      if (isFn(o.complete)) o.complete(res);
    }
  };
  if (!o || !(isFn(o.success) || isFn(o.fail) || isFn(o.complete))) return p;
  p.then(then(o.success), then(o.fail));
}

/** [settle, what the call returns]: settle(result, ok) answers the call; only its first call counts. */
export function caller(o) {
  let settle;
  const promise = new Promise((resolve, reject) => (settle = (res, ok) => (ok ? resolve : reject)(res)));
  return [settle, answer(o, promise)];
}

/** The reason in an `{ errMsg, errCode }` error or a thrown Error: the text after ":fail", and the code. */
export function errorReason(e) {
  const x = e || {};
  const m = String(x.errMsg || x.message || '').replace(/^.*?:fail[: ]*/, '') || 'error';
  return x.errCode != null ? m + ' (errCode ' + x.errCode + ')' : m;
}
