/*
 * Fake platform API objects (wx / tt / qq / swan / my / Taro on React Native / Taro H5 / Harmony)
 * around FakeRecorder, with scope.record authorization and privacy behaving as docs/contract.md#authorization says.
 * JD (jd) has none: what it offers is not verified (docs/contract.md#platforms), so no fake says.
 */
import { GLOBAL_TIMERS, type AudioTimers } from './audio';
import { FakeRecorder, type Flavor, type Privacy } from './recorder';

export type Answer = 'allow' | 'deny';
export type { Privacy };

export interface AuthOptions {
  /** scope.record as getSetting reports it: true granted, false denied before, undefined never asked */
  scope?: boolean;
  /** what the user answers in authorize's popup */
  popup?: Answer;
  /** ms the popup stays open */
  popupDelay?: number;
  privacy?: Privacy;
  /** showModal: does the user tap confirm */
  modalConfirm?: boolean;
  /** in the settings page opened by openSetting: does the user switch the microphone on */
  settingsGrant?: boolean;
  /** APIs also return a Promise that rejects on fail, as Taro's promisified APIs do */
  taroPromises?: boolean;
  /** The clock it runs on (GLOBAL_TIMERS by default; the e2e host hands it its own). */
  timers?: AudioTimers;
  /** What a refused authorize answers besides its errMsg (Baidu: an errCode). */
  refusal?: Res;
}

type Res = Record<string, unknown>;
type Cb = { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void };

export class FakeAuth {
  scope: boolean | undefined;
  popup: Answer;
  popupDelay: number;
  privacy: Privacy;
  modalConfirm: boolean;
  settingsGrant: boolean;
  taroPromises: boolean;
  readonly calls: string[] = [];
  private readonly refusal: Res;
  private inTap = false;
  private readonly timers: AudioTimers;

  constructor(o: AuthOptions = {}) {
    this.scope = o.scope;
    this.popup = o.popup ?? 'allow';
    this.popupDelay = o.popupDelay ?? 800;
    this.privacy = o.privacy ?? 'agreed';
    this.modalConfirm = o.modalConfirm ?? true;
    this.settingsGrant = o.settingsGrant ?? true;
    this.taroPromises = o.taroPromises ?? false;
    this.timers = o.timers ?? GLOBAL_TIMERS;
    this.refusal = o.refusal ?? {};
  }

  // Answers after `delay` ms; `effect` is what the user's choice changes before the callback runs.
  private reply(name: string, o: Cb, ok: boolean, res: Res | (() => Res), delay = 10, effect?: () => void) {
    const p = new Promise((resolve, reject) =>
      this.timers.setTimeout(() => {
        effect?.();
        const r = typeof res === 'function' ? res() : res;
        const full = { ...r, errMsg: r.errMsg ?? `${name}:ok` };
        if (ok) {
          o.success?.(full);
          resolve(full);
        } else {
          o.fail?.(full);
          reject(full);
        }
        o.complete?.(full);
      }, delay),
    );
    if (this.taroPromises) return p;
    p.catch(() => undefined);
    return undefined;
  }

  private settings() {
    return this.scope === undefined ? {} : { 'scope.record': this.scope };
  }

  api() {
    return {
      getSetting: (o: Cb = {}) => {
        this.calls.push('getSetting');
        return this.reply('getSetting', o, true, { authSetting: this.settings() });
      },
      authorize: (o: Cb & { scope?: string } = {}) => {
        this.calls.push('authorize');
        if (o.scope !== 'scope.record')
          return this.reply('authorize', o, false, { errMsg: 'authorize:fail invalid scope' });
        if (this.privacy === 'disagree')
          return this.reply('authorize', o, false, { errMsg: 'authorize:fail privacy permission is not authorized' });
        if (this.privacy === 'undeclared')
          return this.reply('authorize', o, false, {
            errMsg: 'authorize:fail api scope is not declared in the privacy agreement',
          });
        if (this.scope === true) return this.reply('authorize', o, true, {});
        // Denied before: fails at once, no popup.
        if (this.scope === false)
          return this.reply('authorize', o, false, { ...this.refusal, errMsg: 'authorize:fail auth deny' });
        // Never asked: the popup opens and the answer becomes the setting.
        const allow = this.popup === 'allow';
        return this.reply(
          'authorize',
          o,
          allow,
          allow ? {} : { ...this.refusal, errMsg: 'authorize:fail:auth deny' },
          this.popupDelay,
          () => {
            this.scope = allow;
          },
        );
      },
      showModal: (o: Cb & { content?: string; title?: string } = {}) => {
        this.calls.push('showModal');
        const confirm = this.modalConfirm;
        const p = new Promise((resolve) =>
          this.timers.setTimeout(() => {
            const res = { confirm, cancel: !confirm, errMsg: 'showModal:ok' };
            // A confirm tap counts as the user gesture openSetting needs.
            this.inTap = confirm;
            try {
              o.success?.(res);
              o.complete?.(res);
            } finally {
              this.inTap = false;
            }
            resolve(res);
          }, 500),
        );
        return this.taroPromises ? p : undefined;
      },
      openSetting: (o: Cb = {}) => {
        this.calls.push('openSetting');
        if (!this.inTap)
          return this.reply('openSetting', o, false, {
            errMsg: 'openSetting:fail can only be invoked by user TAP gesture.',
          });
        return this.reply(
          'openSetting',
          o,
          true,
          () => ({ authSetting: this.settings() }),
          2000,
          () => {
            if (this.settingsGrant) this.scope = true;
          },
        );
      },
    };
  }
}

export interface FakePlatform {
  name: string;
  api: Record<string, unknown>;
  recorder?: FakeRecorder;
  auth?: FakeAuth;
  /** platforms where the runtime must ask scope.record before starting */
  guarded: boolean;
  maxDurationMs: number;
}

function withAuth(
  flavor: Flavor,
  auth: AuthOptions,
  rec: Partial<ConstructorParameters<typeof FakeRecorder>[0]>,
): FakePlatform {
  const a = new FakeAuth(auth);
  const recorder = new FakeRecorder({
    flavor,
    permitted: () => a.scope === true,
    privacy: () => a.privacy,
    ...rec,
  });
  return {
    name: flavor,
    api: { ...a.api(), getRecorderManager: () => recorder },
    recorder,
    auth: a,
    guarded: true,
    maxDurationMs: 600000,
  };
}

/** WeChat (wx): the reference platform. */
export const weapp = (auth: AuthOptions = { scope: true }, rec = {}) => withAuth('weapp', auth, rec);
/** QQ: WeChat's behaviour. */
export const qq = (auth: AuthOptions = { scope: true }, rec = {}) => withAuth('qq', auth, rec);
/** Douyin (tt): same manager on every call, no interruption events. */
export const douyin = (auth: AuthOptions = { scope: true }, rec = {}) => withAuth('tt', auth, rec);

/**
 * Baidu (swan): its RecorderManager needs scope.record, asked with swan.authorize as on WeChat, and
 * records `aac` or `pcm` only, at 8000, 16000 or 44100 Hz (docs/contract.md#platforms); no legacy
 * startRecord. Its reference documents no privacy agreement (never refused here), a refused
 * authorize as errCode 10003 (its own sample code tests that code; the errMsg is assumed), and
 * neither the shape nor the wording of the recorder's onError (`{ errCode, errMsg }` assumed).
 */
export const baidu = (auth: Omit<AuthOptions, 'privacy' | 'refusal'> = { scope: true }, rec = {}) =>
  withAuth('baidu', { ...auth, refusal: { errCode: 10003 } }, rec);

/** Alipay (my): { error, errorMessage }, off*, 180 s max, no scope.record (its authorize is for user info). */
export function alipay(o: { micAllowed?: boolean } = {}, rec = {}): FakePlatform {
  const state = { mic: o.micAllowed ?? true };
  const recorder = new FakeRecorder({ flavor: 'alipay', permitted: () => state.mic, ...rec });
  const calls: string[] = [];
  const later = (cb: Cb, ok: boolean, res: unknown) => setTimeout(() => (ok ? cb.success?.(res) : cb.fail?.(res)), 10);
  return {
    name: 'alipay',
    api: {
      getRecorderManager: () => recorder,
      getSetting: (cb: Cb) => (calls.push('getSetting'), later(cb, true, { authSetting: { userInfo: true } })),
      authorize: (cb: Cb & { scopes?: string }) => (
        calls.push('authorize'),
        later(cb, false, { error: 11, errorMessage: 'invalid scopes' })
      ),
      showAuthGuide: () => undefined,
      calls,
    },
    recorder,
    guarded: false,
    maxDurationMs: 180000,
  };
}

/** Taro on React Native (expo-av): no getSetting; permission denial rejects start(). */
export function reactNative(o: { permission?: 'granted' | 'denied' } = {}, rec = {}): FakePlatform {
  const state = { permission: o.permission ?? 'granted' };
  const recorder = new FakeRecorder({ flavor: 'rn', permitted: () => state.permission === 'granted', ...rec });
  return { name: 'rn', api: { getRecorderManager: () => recorder }, recorder, guarded: false, maxDurationMs: 600000 };
}

/** Taro H5: getRecorderManager is a stub that logs and returns a rejected Promise. */
export function h5(): FakePlatform {
  const stub = (name: string) => () => Promise.reject({ errMsg: `${name}:fail 暂时不支持 API ${name}` });
  return {
    name: 'h5',
    api: {
      getRecorderManager: stub('getRecorderManager'),
      startRecord: stub('startRecord'),
      stopRecord: stub('stopRecord'),
      ...new FakeAuth({ scope: true }).api(),
    },
    guarded: false,
    maxDurationMs: 600000,
  };
}

/** Harmony: the stub returns nothing usable. */
export function harmony(): FakePlatform {
  return { name: 'harmony', api: { getRecorderManager: () => undefined }, guarded: false, maxDurationMs: 600000 };
}

/**
 * Each platform fake with a usable RecorderManager, by the name of its flavour, with its defaults (scope.record
 * granted).
 */
export const RECORDING_PLATFORMS: [string, () => FakePlatform][] = [
  ['weapp', () => weapp()],
  ['qq', () => qq()],
  ['tt', () => douyin()],
  ['alipay', () => alipay()],
  ['rn', () => reactNative()],
  ['baidu', () => baidu()],
];
