/*
 * What Taro < 3.3.1 returned for the APIs it wrapped (docs/contract.md#taro-wrapper, Decision R9):
 * always a Promise, resolved with the success result and rejected with the fail result even when
 * callbacks were given; the callbacks run first, and `complete` does not settle it. A callback that
 * throws leaves it pending, as Taro's did: it settled only after the callback returned, so code after
 * an `await` of it never ran. The rewrite imports the `…Wrapped` exports for `Taro.*` calls of
 * projects on such a Taro only, so other apps ship none of this.
 */

import { isFn } from './caller';

/* eslint-disable @typescript-eslint/no-explicit-any */
/** `fn` (a runtime function with WeChat's rule) as Taro's wrapper returned it. */
export function taroWrapped(fn: (o: any) => unknown, o?: any): Promise<any> {
  const x = o || {};
  return new Promise((resolve, reject) => {
    // The app's callback, then the Promise; a throw skips the second and reaches the runtime's
    // delivery, which surfaces it as an unhandled rejection.
    const then = (f: unknown, settle: (r: unknown) => void) => (r: unknown) => {
      if (isFn(f)) f(r);
      settle(r);
    };
    const y: any = {};
    for (const k in x) y[k] = x[k];
    y.success = then(x.success, resolve);
    y.fail = then(x.fail, reject);
    fn(y);
  });
}
