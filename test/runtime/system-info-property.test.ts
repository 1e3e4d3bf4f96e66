/*
 * Random platform shapes (which of the five exist, answer, answer undefined or throw; the legacy
 * call deprecated, current, missing or throwing; Alipay's rule; base libraries whose getAppBaseInfo
 * lacks fontSizeSetting) and random call sequences, checked against the invariants of
 * docs/contract.md, Decisions S1–S4. Then the built Taro entry on WeChat and on Taro H5 in WeChat's
 * browser with the web JS-SDK loaded: what the migrated calls answer against what the original read.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import {
  FakeSystemInfoPlatform,
  NEW_APIS,
  SYSTEM_INFO_PLATFORMS,
  compareVersions,
  deprecationLine,
  iphone,
  taroH5SystemInfo,
  weappSystemInfo,
  type Behaviour,
  type LegacyBehaviour,
} from './fakes/system-info';
import { systemInfoFor } from './helpers';
import { loadIn } from './system-info-world';
import { SYSTEM_INFO_FIELD_GROUPS, type SystemInfoGroupExport } from '../../src/rewrite/rules/legacy-apis';

type Fn = 'getSystemInfoSync' | 'getSystemInfo' | 'getSystemInfoAsync' | (typeof NEW_APIS)[number];
type Cmd = { t: 'call'; fn: Fn; callbacks: boolean } | { t: 'rotate' };

const behaviour = fc.constantFrom<Behaviour>('answers', 'answers', 'undefined', 'absent', 'throws');
const randomShape = fc.record({
  apis: fc.record(
    Object.fromEntries(NEW_APIS.map((n) => [n, behaviour])) as Record<
      (typeof NEW_APIS)[number],
      fc.Arbitrary<Behaviour>
    >,
  ),
  legacy: fc.constantFrom<LegacyBehaviour>('deprecated', 'current', 'absent', 'throws'),
  alipay: fc.boolean(),
  // 2.20.1–2.23.3: getAppBaseInfo without fontSizeSetting.
  sdk: fc.constantFrom('2.20.1', '2.22.1', '2.23.3', '2.23.4', '3.7.12'),
});
const platform: fc.Arbitrary<() => FakeSystemInfoPlatform> = fc.oneof(
  fc.constantFrom(...SYSTEM_INFO_PLATFORMS.map(([, make]) => make)),
  randomShape.map(
    (s) => () =>
      new FakeSystemInfoPlatform({
        name: 'random',
        apis: s.apis,
        legacy: s.legacy,
        alipay: s.alipay,
        parts: (o) => iphone(o, s.sdk),
        // Where getAppBaseInfo lacks it, only a legacy call that answers gives it.
        withoutNewHome:
          compareVersions(s.sdk, '2.23.4') < 0 && (s.legacy === 'absent' || s.legacy === 'throws')
            ? ['fontSizeSetting']
            : [],
      }),
  ),
);
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      t: fc.constant('call' as const),
      fn: fc.constantFrom<Fn>(...NEW_APIS, 'getSystemInfoSync', 'getSystemInfo', 'getSystemInfoAsync'),
      callbacks: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ t: 'rotate' as const }) },
);

const flush = () => new Promise((resolve) => setImmediate(resolve));

it('random platforms and calls keep every invariant (1,000 runs)', async () => {
  await fc.assert(
    fc.asyncProperty(platform, fc.array(cmd, { minLength: 1, maxLength: 25 }), async (make, cmds) => {
      const p = make();
      const si = systemInfoFor(p);
      const answers = (n: string) => p.asksAndAnswers(n);
      const legacyUsable = p.shape.legacy === 'deprecated' || p.shape.legacy === 'current';
      const skipped = p.shape.withoutNewHome ?? [];
      const later: (() => void)[] = [];

      // The merged object has every field the legacy one had there (but those without a new home), with its value;
      // *Authorized are booleans.
      const checkWhole = (info: Record<string, unknown>, legacy: Record<string, unknown>) => {
        if (legacyUsable || NEW_APIS.every(answers))
          for (const [k, v] of Object.entries(legacy)) if (!skipped.includes(k)) expect(info[k], k).toEqual(v);
        for (const [k, v] of Object.entries(info)) if (/Authorized$/.test(k)) expect(typeof v, k).toBe('boolean');
      };

      for (const c of cmds) {
        if (c.t === 'rotate') {
          p.rotate();
          continue;
        }
        const before = p.legacyCalls;
        const printedBefore = p.printed.length;
        const own = (NEW_APIS as readonly string[]).includes(c.fn);
        // getAppBaseInfo's answer without fontSizeSetting is not in full: the whole object stands in, from the legacy call.
        const fontSize = p.lacksFontSize() && (c.fn === 'getAppBaseInfo' || !own);
        const noLegacyNeeded = (own ? answers(c.fn) : NEW_APIS.every(answers)) && !fontSize;
        let result: unknown;
        const events: string[] = [];
        // Never a throw, whatever the platform does.
        expect(() => {
          if (c.fn === 'getSystemInfo' || c.fn === 'getSystemInfoAsync') {
            const o = c.callbacks
              ? {
                  success: (r: unknown) => (events.push('success'), (result = r)),
                  complete: () => events.push('complete'),
                }
              : undefined;
            const returned = si[c.fn](o);
            if (c.callbacks) expect(returned).toBeUndefined();
            else {
              expect(returned).toBeInstanceOf(Promise);
              void (returned as unknown as Promise<unknown>).then(
                (r) => (events.push('success', 'complete'), (result = r)),
              );
            }
            // getSystemInfo's callbacks run before it returns; getSystemInfoAsync's after.
            expect(events).toEqual(c.fn === 'getSystemInfo' && c.callbacks ? ['success', 'complete'] : []);
          } else result = si[c.fn]();
        }, c.fn).not.toThrow();

        // Never the legacy call (nor its deprecation line) where the new API answers; at most one otherwise.
        const made = p.legacyCalls - before;
        expect(made, c.fn).toBe(noLegacyNeeded || p.shape.legacy === 'absent' ? 0 : 1);
        expect(p.printed.slice(printedBefore)).toEqual(
          p.shape.legacy === 'deprecated' && made ? [deprecationLine('getSystemInfoSync')] : [],
        );

        const parts = p.parts();
        const legacy = p.legacyObject();
        if (own) {
          const r = result as Record<string, unknown>;
          const font = legacyUsable ? { fontSizeSetting: legacy.fontSizeSetting } : {};
          if (fontSize) expect(r).toMatchObject({ ...parts[c.fn as (typeof NEW_APIS)[number]], ...font });
          else if (answers(c.fn)) expect(r).toEqual(parts[c.fn as (typeof NEW_APIS)[number]]);
          else if (legacyUsable)
            for (const k of Object.keys(parts[c.fn as (typeof NEW_APIS)[number]]))
              if (k in legacy && !skipped.includes(k)) expect(r[k], k).toEqual(legacy[k]);
        } else if (c.fn === 'getSystemInfoSync') checkWhole(result as Record<string, unknown>, legacy);
        else {
          const fn = c.fn;
          // Checked once delivered, against the device as it was at the call.
          later.push(() => {
            expect(events).toEqual(['success', 'complete']);
            expect((result as { errMsg: string }).errMsg).toBe(`${fn}:ok`);
            checkWhole(result as Record<string, unknown>, legacy);
          });
        }
      }
      await flush();
      for (const check of later) check();
    }),
    { numRuns: Math.max(1000, Number(process.env.FC_RUNS) || 0) },
  );
}, 300_000);

// ---- Through the built Taro entry: what a migrated call answers against what the original read ----

type Entry = Record<string, (o?: object) => any>;
type EntryCall =
  | { fn: SystemInfoGroupExport }
  | { fn: 'getSystemInfoSync' }
  | { fn: 'getSystemInfo' | 'getSystemInfoAsync' | 'getSystemInfoWrapped'; callbacks: boolean };

/** WeChat on any base library (2.20.1–2.23.3 among them), or Taro H5 in WeChat's browser with the JS-SDK's `wx`. */
const entryWorld: fc.Arbitrary<() => FakeSystemInfoPlatform> = fc.oneof(
  fc
    .record({
      sdk: fc.constantFrom('2.19.4', '2.20.1', '2.22.1', '2.23.3', '2.23.4', '3.7.12'),
      singlePage: fc.boolean(),
    })
    .map((o) => () => weappSystemInfo(o)),
  fc
    .constantFrom('4.2.1' as const, '4.0.7' as const)
    .map((version) => () => taroH5SystemInfo({ version, jsSdkWithoutPlugin: true })),
);
const groups = Object.keys(SYSTEM_INFO_FIELD_GROUPS) as SystemInfoGroupExport[];
const entryCall: fc.Arbitrary<EntryCall> = fc.oneof(
  fc.constantFrom(...groups).map((fn) => ({ fn })),
  fc.constant({ fn: 'getSystemInfoSync' as const }),
  fc.record({
    fn: fc.constantFrom('getSystemInfo' as const, 'getSystemInfoAsync' as const, 'getSystemInfoWrapped' as const),
    callbacks: fc.boolean(),
  }),
);

/** What a call answers: at once, or through its callbacks or its Promise. */
async function answerOf(entry: Entry, c: EntryCall): Promise<Record<string, unknown>> {
  if (!('callbacks' in c)) return entry[c.fn]!();
  if (!c.callbacks) return entry[c.fn]!();
  return new Promise((resolve) => {
    const returned = entry[c.fn]!({ success: resolve });
    if (c.fn !== 'getSystemInfoWrapped') expect(returned, c.fn).toBeUndefined();
  });
}

let entryRuns = 0;
it('the built Taro entry on WeChat (2.20.1–2.23.3 among its base libraries) and on Taro H5 in WeChat with the JS-SDK: what each migrated call answers is what the original read (300 runs)', async () => {
  await fc.assert(
    fc.asyncProperty(entryWorld, fc.array(entryCall, { minLength: 1, maxLength: 8 }), async (make, calls) => {
      const p = make();
      const entry = loadIn<{ rt: Entry }>(
        p,
        `module.exports = { rt: require('record-compat-runtime') }`,
        `entry ${entryRuns++}`,
      ).rt;
      // The original's `getSystemInfoSync()`: the legacy object; on Taro H5 4.0.7, which lost it (the original threw),
      // what it was on 4.2.1.
      const original = (p.shape.legacy === 'absent' ? taroH5SystemInfo() : p).legacyObject();
      const skipped = p.shape.withoutNewHome ?? [];
      for (const c of calls) {
        const before = p.legacyCalls;
        const answer = await answerOf(entry, c);
        // A group's function answers each field of its group the original had; the whole object, every field, with
        // `*Authorized` a boolean.
        const fields = c.fn in SYSTEM_INFO_FIELD_GROUPS ? SYSTEM_INFO_FIELD_GROUPS[c.fn as SystemInfoGroupExport] : [];
        const compared = 'callbacks' in c || c.fn === 'getSystemInfoSync' ? Object.keys(original) : fields;
        for (const k of compared)
          if (k in original && !skipped.includes(k))
            expect(answer[k], `${c.fn}().${k} on ${p.name}`).toEqual(original[k]);
        // Never a legacy call (nor its deprecation line) where the new APIs give every field asked for.
        const needed = 'callbacks' in c || c.fn === 'getSystemInfoSync' ? [...NEW_APIS] : [c.fn];
        const complete =
          needed.every((n) => p.asksAndAnswers(n)) && !(p.lacksFontSize() && needed.includes('getAppBaseInfo'));
        if (complete) expect(p.legacyCalls - before, `${c.fn} on ${p.name}`).toBe(0);
      }
      expect(p.printed.length, p.name).toBe(p.shape.legacy === 'deprecated' ? p.legacyCalls : 0);
    }),
    { numRuns: Math.max(300, Number(process.env.FC_RUNS) || 0) },
  );
}, 300_000);
