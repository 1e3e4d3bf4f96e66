/*
 * What Taro < 3.3.1 returned for the APIs it wrapped (docs/contract.md#taro-wrapper, Decision R9):
 * always a Promise, resolved with the success result and rejected with the fail result even when
 * callbacks were given; the callbacks run first, and `complete` does not settle it. The rewrite
 * imports the `…Wrapped` exports for `Taro.*` calls of projects on such a Taro only, so other
 * apps ship none of this.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */
/** `fn` (a runtime function with WeChat's rule) as Taro's wrapper returned it. */
export function taroWrapped(fn: (o: any) => unknown, o?: any): Promise<any> {
  const x = o || {};
  return new Promise((resolve, reject) => {
    const y: any = {};
    for (const k in x) y[k] = x[k];
    y.success = (r: unknown) => {
      try {
        if (typeof x.success == 'function') x.success(r);
      } finally {
        resolve(r);
      }
    };
    y.fail = (r: unknown) => {
      try {
        if (typeof x.fail == 'function') x.fail(r);
      } finally {
        reject(r);
      }
    };
    fn(y);
  });
}
