/*
 * The system-info family's floor: the family as a WeChat-only build keeps it (the most a `TARO_ENV` define could
 * drop), the same code and shape as src/runtime/system-info.ts and the Taro entry's lines for it, on `wx` itself.
 * Measured by bench:size as the family is (the five, the legacy three and `authorized`).
 *
 * Kept: WeChat's own rules (docs/contract.md, Decisions S1–S4): the five may be missing (base library < 2.20.1), answer
 * undefined (single-page mode) or, for getAppBaseInfo, answer without fontSizeSetting (2.20.1–2.23.3), and then one
 * legacy call stands in; the whole object is the five merged; getSystemInfo and getSystemInfoAsync keep their shape
 * (a Promise without callbacks, the callbacks otherwise, getSystemInfoAsync's later); an `*Authorized` field keeps its
 * boolean meaning.
 *
 * Left out, as only other platforms need it: the Alipay rule, and the lookup of `Taro` where there is no `wx` (or
 * where `wx` is the web JS-SDK's).
 */
const isFn = (f) => typeof f == 'function';
const N = ['getWindowInfo', 'getDeviceInfo', 'getAppBaseInfo', 'getSystemSetting', 'getAppAuthorizeSetting'];
export const authorized = (v) => v === true || v === 'authorized';
function run(f, r) {
  try {
    if (isFn(f)) f(r);
  } catch (e) {
    void Promise.reject(e);
  }
}
function create(getApi) {
  function call(api, name) {
    try {
      const r = api[name]();
      return typeof r == 'object' && r;
    } catch (e) {
      // A throwing API answers nothing: the legacy call stands in.
    }
  }
  const full = (r, i) => r && (i != 2 || 'fontSizeSetting' in r);
  function whole() {
    const api = getApi();
    const parts = N.map((name) => call(api, name));
    const r = Object.assign({}, parts.every(full) || call(api, 'getSystemInfoSync'), ...parts);
    for (const k in r) if (/Authorized$/.test(k)) r[k] = authorized(r[k]);
    return r;
  }
  const one = (i) => () => {
    const r = call(getApi(), N[i]);
    return full(r, i) ? r : whole();
  };
  const get = (name, later) => (o) => {
    const r = whole();
    const p = Promise.resolve(r);
    const cb = () => (run(o.success, r), run(o.complete, r));
    r.errMsg = name + ':ok';
    if (!o || !(o.success || o.fail || o.complete)) return p;
    if (later) void p.then(cb);
    else cb();
  };
  return [one(0), one(1), one(2), one(3), one(4), whole, get('getSystemInfo'), get('getSystemInfoAsync', true)];
}
const si = /* @__PURE__ */ create(() => wx);
export const getWindowInfo = () => si[0](),
  getDeviceInfo = () => si[1](),
  getAppBaseInfo = () => si[2](),
  getSystemSetting = () => si[3]();
export const getAppAuthorizeSetting = () => si[4](),
  getSystemInfoSync = () => si[5]();
export const getSystemInfo = (o) => si[6](o),
  getSystemInfoAsync = (o) => si[7](o);
