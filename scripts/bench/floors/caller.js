/*
 * What the record and voice floors share, as src/runtime/caller.ts is shared: one call's answer under WeChat's rules
 * (Decisions R1, R9 and V1's "delivery as R1"). Kept: a Promise when the call has none of success, fail or complete,
 * nothing when it has one; success or fail, then complete with the same object, always asynchronously; a callback that
 * throws surfaces as an unhandled rejection and complete still runs; the reason of an InnerAudioContext error with its
 * code. Left out: the guard against rejected Promises (ifRejected: Taro H5's stubs, React Native's play() and start()
 * return them; WeChat's calls return nothing) and callEach (the app's own listeners: not in these rows).
 */
export const isFn = (f) => typeof f == 'function';

/** [settle, what the call returns]: settle(result, ok) answers the call; only its first call counts. */
export function caller(o) {
  let settle;
  const promise = new Promise((resolve, reject) => (settle = (res, ok) => (ok ? resolve : reject)(res)));
  const then = (f) => (res) => {
    try {
      if (isFn(f)) f(res);
    } finally {
      if (isFn(o.complete)) o.complete(res);
    }
  };
  if (!o || !(isFn(o.success) || isFn(o.fail) || isFn(o.complete))) return [settle, promise];
  promise.then(then(o.success), then(o.fail));
  return [settle];
}

/** The reason in an `{ errMsg, errCode }` error or a thrown Error: the text after ":fail", and the code. */
export function errorReason(e) {
  const x = e || {};
  const m = String(x.errMsg || x.message || '').replace(/^.*?:fail[: ]*/, '') || 'error';
  return x.errCode != null ? m + ' (errCode ' + x.errCode + ')' : m;
}
