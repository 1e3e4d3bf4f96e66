/*
 * Migrated code computes what the original computed (docs/contract.md, section 12, Decisions S1–S5): small
 * programs that read system info the ways apps do are rewritten by the engine, as the codemod
 * rewrites a file's text; then the original runs on each fake with its legacy API, the migrated
 * program on a fresh copy of the same fake with the built runtime (packages/runtime/dist) bound to
 * its import, and the values each read are compared. Where the contract says the two answer differently by
 * design, the test asserts what the contract says instead, and says why beside it.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rewriteFile } from '../../src/rewrite';
import {
  LEGACY_FIELDS,
  NEW_APIS,
  SYSTEM_INFO_PLATFORMS,
  deprecationLine,
  taroH5SystemInfo,
  weappSystemInfo,
  type FakeSystemInfoPlatform,
} from './fakes/system-info';
import { asCommonJs, expectNoNeedlessLegacyCall, runOn, type Outcome } from './system-info-world';

// ---- Programs: how apps read system info, each returning what it read, keyed by field ----

/** A field read; `fallback`: a destructuring default (its code and its value). */
interface Read {
  field: string;
  fallback?: { code: string; value: unknown };
}
type Shape =
  | { kind: 'member'; reads: Read[] }
  | { kind: 'local'; reads: Read[] }
  | { kind: 'destructure'; reads: Read[]; renamed: boolean[] }
  | { kind: 'kept'; how: 'cached' | 'spread' | 'passed'; reads: Read[] }
  | { kind: 'authorized'; field: string; form: 'member' | 'local'; reads: Read[] }
  | { kind: 'callback'; api: 'getSystemInfo' | 'getSystemInfoAsync'; reads: Read[] }
  | { kind: 'promise'; style: 'then' | 'await'; reads: Read[] };
/** `wx.` in a native page (required runtime), or `Taro.` with a default or namespace import. */
type Door = 'wx' | 'taro-default' | 'taro-namespace';

const AUTHORIZED_FIELDS = LEGACY_FIELDS.filter((f) => /Authorized$/.test(f));
const PLAIN_FIELDS = LEGACY_FIELDS.filter((f) => !/Authorized$/.test(f));
const FALLBACKS = [
  { code: '20', value: 20 },
  { code: "'none'", value: 'none' },
];

const reads = (max = 4) => fc.uniqueArray(fc.constantFrom(...PLAIN_FIELDS), { minLength: 1, maxLength: max });
const plain = (fields: string[]): Read[] => fields.map((field) => ({ field }));
const shape: fc.Arbitrary<Shape> = fc.oneof(
  reads().map((f) => ({ kind: 'member' as const, reads: plain(f) })),
  reads().map((f) => ({ kind: 'local' as const, reads: plain(f) })),
  fc
    .uniqueArray(
      fc.record({ field: fc.constantFrom(...PLAIN_FIELDS), fallback: fc.option(fc.constantFrom(...FALLBACKS)) }),
      { minLength: 1, maxLength: 5, selector: (r) => r.field },
    )
    .chain((rs) =>
      fc.array(fc.boolean(), { minLength: rs.length, maxLength: rs.length }).map((renamed) => ({
        kind: 'destructure' as const,
        reads: rs.map((r) => (r.fallback ? { field: r.field, fallback: r.fallback } : { field: r.field })),
        renamed,
      })),
    ),
  fc
    .record({ how: fc.constantFrom('cached' as const, 'spread' as const, 'passed' as const), f: reads(2) })
    .map(({ how, f }) => ({ kind: 'kept' as const, how, reads: plain(f) })),
  fc
    .record({
      field: fc.constantFrom(...AUTHORIZED_FIELDS),
      form: fc.constantFrom('member' as const, 'local' as const),
      f: reads(2),
    })
    .map(({ field, form, f }) => ({ kind: 'authorized' as const, field, form, reads: plain(f) })),
  fc
    .record({ api: fc.constantFrom('getSystemInfo' as const, 'getSystemInfoAsync' as const), f: reads(3) })
    .map(({ api, f }) => ({ kind: 'callback' as const, api, reads: plain(f) })),
  fc
    .record({ style: fc.constantFrom('then' as const, 'await' as const), f: reads(3) })
    .map(({ style, f }) => ({ kind: 'promise' as const, style, reads: plain(f) })),
);

/** `{ windowWidth: info.windowWidth, … }`: the fields read of `object`, keyed by field. */
const fieldsOf = (object: string, rs: Read[]) => `{ ${rs.map((r) => `${r.field}: ${object}.${r.field}`).join(', ')} }`;
/** The same, each read by a call of its own (`wx.getSystemInfoSync().windowWidth`). */
const membersOf = (call: string, rs: Read[]) => `${rs.map((r) => `${r.field}: ${call}.${r.field}`).join(', ')}`;

/** `const { statusBarHeight = 20, platform: my_platform } = …`, returning each under its field. */
function destructuringBody(s: Extract<Shape, { kind: 'destructure' }>, call: string): string {
  const local = (r: Read, i: number) => (s.renamed[i] ? `my_${r.field}` : r.field);
  const pattern = s.reads.map(
    (r, i) => `${s.renamed[i] ? `${r.field}: ${local(r, i)}` : r.field}${r.fallback ? ` = ${r.fallback.code}` : ''}`,
  );
  const back = s.reads.map((r, i) => `${r.field}: ${local(r, i)}`);
  return `const { ${pattern.join(', ')} } = ${call}\n  return { ${back.join(', ')} }`;
}

/** The whole object kept (in a cache), spread or passed on; returned as `__whole` beside the fields read. */
function keptBody(s: Extract<Shape, { kind: 'kept' }>, call: string): string {
  const withWhole = (object: string) => `{ __whole: ${object}, ${fieldsOf(object, s.reads).slice(2)}`;
  if (s.how === 'cached') return `const info = ${call}\n  cache.info = info\n  return ${withWhole('cache.info')}`;
  if (s.how === 'spread') return `const copy = { ...${call} }\n  return ${withWhole('copy')}`;
  return `return pick(${call})`;
}

/** An `*Authorized` field tested as the boolean it was (S4), beside fields read the same way. */
function authorizedBody(s: Extract<Shape, { kind: 'authorized' }>, call: string): string {
  if (s.form === 'member') return `return { ${s.field}: ${call}.${s.field} === true, ${membersOf(call, s.reads)} }`;
  const rest = fieldsOf('info', s.reads).slice(2);
  return `const info = ${call}\n  if (info.${s.field}) return { ${s.field}: 'yes', ${rest}\n  return { ${s.field}: 'no', ${rest}`;
}

/** The body of `run()`, reading system info through `api` (`wx` or `Taro`). */
function programBody(s: Shape, api: string): string {
  const call = `${api}.getSystemInfoSync()`;
  const withErrMsg = `{ errMsg: res.errMsg, ${fieldsOf('res', s.reads).slice(2)}`;
  switch (s.kind) {
    case 'member':
      return `return { ${membersOf(call, s.reads)} }`;
    case 'local':
      return `const info = ${call}\n  return ${fieldsOf('info', s.reads)}`;
    case 'destructure':
      return destructuringBody(s, call);
    case 'kept':
      return keptBody(s, call);
    case 'authorized':
      return authorizedBody(s, call);
    case 'callback':
      return `return new Promise((resolve) => {\n    ${api}.${s.api}({\n      success: (res) => resolve(${withErrMsg}),\n      fail: (err) => resolve({ failed: err.errMsg }),\n    })\n  })`;
    case 'promise':
      return s.style === 'then'
        ? `return ${api}.getSystemInfo().then((res) => (${withErrMsg}))`
        : `const res = await ${api}.getSystemInfo()\n  return ${withErrMsg}`;
  }
}

/** What a program declares beside `run()`: the cache an object is kept in, the function it is passed to. */
function helpersOf(s: Shape): string {
  if (s.kind !== 'kept' || s.how === 'spread') return '';
  if (s.how === 'cached') return 'const cache = {}\n\n';
  return `function pick(info) {\n  return { __whole: info, ${fieldsOf('info', s.reads).slice(2)}\n}\n\n`;
}

/** The whole file: a native page's module (`wx`), or a Taro module importing Taro. */
function program(s: Shape, door: Door): string {
  if (door === 'wx')
    return `${helpersOf(s)}async function run() {\n  ${programBody(s, 'wx')}\n}\n\nmodule.exports = { run }\n`;
  const taroImport =
    door === 'taro-default' ? `import Taro from '@tarojs/taro'` : `import * as Taro from '@tarojs/taro'`;
  return `${taroImport}\n\n${helpersOf(s)}export async function run() {\n  ${programBody(s, 'Taro')}\n}\n`;
}

/** The destructuring default a field's read had. */
const fallbackOf = (s: Shape, field: string) => s.reads.find((r) => r.field === field)?.fallback?.value;
const usesCallbacks = (s: Shape) => s.kind === 'callback' || s.kind === 'promise';

// ---- The rewrite, in-process: the engine's function the codemod runs on a file's text ----

/** The native entry for a native page (what the codemod writes there), the package's main entry for Taro. */
const importSourceOf = (door: Door) => (door === 'wx' ? 'record-compat-runtime/native' : 'record-compat-runtime');
const LEGACY_CALL = /\b(?:wx|Taro)\s*\.\s*getSystemInfo(?:Sync|Async)?\b/;

function migrate(text: string, door: Door): string {
  const file = door === 'wx' ? '/app/pages/index/index.js' : '/app/src/pages/index/index.js';
  const { output, report } = rewriteFile(text, file, { importSource: importSourceOf(door) });
  expect(report.manual, text).toEqual([]);
  expect(output, `the rewrite changed nothing in:\n${text}`).not.toBeNull();
  expect(output, `a legacy call is left in:\n${output}`).not.toMatch(LEGACY_CALL);
  return output!;
}

// ---- What the migrated values must be, from what the original read ----

const answers = (p: FakeSystemInfoPlatform, n: string) => p.asksAndAnswers(n);
const withFallback = (value: unknown, fallback: unknown) => (value === undefined ? fallback : value);

/**
 * One field read: the original's value, else what contract.md section 12 says the migrated read gives by design:
 * undefined where the field has no new home on that platform (`withoutNewHome`: Taro H5's stubs), or the platform's new API's own answer where it answers (S2:
 * the new API where it exists and answers). `*Authorized` (S4) and errMsg (S3) are always the original's.
 */
function expectField(
  p: FakeSystemInfoPlatform,
  field: string,
  original: unknown,
  migrated: unknown,
  fallback: unknown,
) {
  if (isDeepStrictEqual(migrated, original)) return;
  const where = `${field} on ${p.name}`;
  if (/Authorized$/.test(field) || field === 'errMsg') expect(migrated, where).toEqual(original);
  if ((p.shape.withoutNewHome ?? []).includes(field) && isDeepStrictEqual(migrated, withFallback(undefined, fallback)))
    return;
  const home = NEW_APIS.find((n) => answers(p, n) && field in p.parts()[n]);
  if (home && isDeepStrictEqual(migrated, withFallback(p.parts()[home][field], fallback))) return;
  expect(migrated, where).toEqual(original);
}

/** The migrated values against the original's, field by field; a whole object kept, key by key of the original's. */
function expectSameValues(p: FakeSystemInfoPlatform, s: Shape, original: Outcome, migrated: Outcome) {
  expect(migrated, p.name).toHaveProperty('values');
  expect(original, p.name).toHaveProperty('values');
  if (!('values' in original) || !('values' in migrated)) return;
  expect(Object.keys(migrated.values).sort(), p.name).toEqual(Object.keys(original.values).sort());
  for (const [key, value] of Object.entries(original.values)) {
    if (key !== '__whole') {
      expectField(p, key, value, migrated.values[key], fallbackOf(s, key));
      continue;
    }
    // The runtime's whole object has every field of the legacy one (and the new APIs' own fields besides, S1).
    const whole = migrated.values.__whole as Record<string, unknown>;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) expectField(p, k, v, whole[k], undefined);
  }
}

/**
 * One program on one fake: the original with its legacy API, the migrated with the runtime. Taro H5
 * 4.0.7–4.0.10 lost `getSystemInfoSync` (and the callback forms) (contract.md section 12): the original throws a
 * TypeError there, and the migrated program computes what the original computed on Taro H5 4.2.1.
 */
async function compareOn(
  make: () => FakeSystemInfoPlatform,
  s: Shape,
  original: string,
  migrated: string,
  key: string,
) {
  const before = make();
  let originalOutcome = await runOn(before, original, `${key}:original`);
  const lost = before.shape.legacy === 'absent';
  if (lost) {
    expect(originalOutcome, before.name).toEqual({ threw: expect.stringMatching(/^TypeError: /) });
    originalOutcome = await runOn(taroH5SystemInfo(), original, `${key}:original`);
  } else if (before.shape.legacy === 'deprecated') {
    // The control: the original does print WeChat's line, one per legacy call.
    expect(before.legacyCalls, before.name).toBeGreaterThan(0);
    expect(before.printed.length, before.name).toBe(before.legacyCalls);
    expect(before.printed).toContain(deprecationLine(before.calls.find((c) => c.startsWith('getSystemInfo'))!));
  }
  const after = make();
  const migratedOutcome = await runOn(after, migrated, `${key}:migrated`);
  expectSameValues(after, s, originalOutcome, migratedOutcome);
  expectNoNeedlessLegacyCall(after);
  if (NEW_APIS.every((n) => answers(after, n)) && !after.lacksFontSize()) {
    expect(after.legacyCalls, after.name).toBe(0);
    expect(after.printed, after.name).toEqual([]);
  }
}

// ---- The platforms each door runs on ----

/** A native page's `wx.` runs on WeChat only (every other platform's global is its own, and left as it is). */
const WECHAT = SYSTEM_INFO_PLATFORMS.filter(([name]) => name.startsWith('weapp'));
/**
 * `Taro.` runs on every platform; the callback and Promise forms only where the fake has the legacy callback
 * forms (WeChat, Taro H5) or lost them (Taro H5 4.0.7): the others model `getSystemInfoSync` alone.
 */
const platformsFor = (door: Door, s: Shape) =>
  (door === 'wx' ? WECHAT : SYSTEM_INFO_PLATFORMS).filter(
    ([, make]) => !usesCallbacks(s) || make().shape.legacyCallbacks || make().shape.legacy === 'absent',
  );

const door: fc.Arbitrary<Door> = fc.constantFrom('wx', 'taro-default', 'taro-namespace');
let programs = 0;

describe('migrated system-info code computes what the original computed, on every fake (contract.md section 12)', () => {
  it('the platforms answer otherwise than their own legacy object only where the contract says (what the comparison allows)', () => {
    // Per fake: the fields its new APIs answer otherwise than its legacy object (S2 takes the new API's
    // answer), and those with no new home there (the migrated read gives undefined). A field that joins
    // either list is a difference by design, to be named in contract.md section 12 first.
    const differences = Object.fromEntries(
      SYSTEM_INFO_PLATFORMS.map(([name, make]) => {
        const p = make();
        const legacy = p.legacyObject();
        const answeredOtherwise = PLAIN_FIELDS.filter((f) => {
          const home = NEW_APIS.find((n) => answers(p, n) && f in p.parts()[n]);
          return home !== undefined && !isDeepStrictEqual(p.parts()[home][f], legacy[f]);
        });
        return [name, { answeredOtherwise, noNewHome: p.shape.withoutNewHome ?? [] }] as const;
      }).filter(([, d]) => d.answeredOtherwise.length + d.noNewHome.length > 0),
    );
    expect(differences).toEqual({
      // WeCom's environment: no new home; a read of it is left for a person (docs/legacy-apis.md#system-info).
      'weapp in WeCom': { answeredOtherwise: [], noNewHome: ['environment'] },
      // Taro H5's stubs: fontSizeSetting NaN and environment '' in its getSystemInfoSync alone. (WeChat's
      // getAppBaseInfo lacks fontSizeSetting before 2.23.4, but the runtime takes it from the legacy call there.)
      'taro h5 4.2.1': { answeredOtherwise: [], noNewHome: ['fontSizeSetting', 'environment'] },
      'taro h5 4.0.7': { answeredOtherwise: [], noNewHome: ['fontSizeSetting', 'environment'] },
      "taro h5 4.2.1 in WeChat's browser, JS-SDK loaded, no build plugin": {
        answeredOtherwise: [],
        noNewHome: ['fontSizeSetting', 'environment'],
      },
    });
  });

  it('random programs (member, local, destructuring, whole object, *Authorized, callbacks, Promise, Async; wx and Taro): the same values', async () => {
    await fc.assert(
      fc.asyncProperty(door, shape, async (d, s) => {
        const original = program(s, d);
        const migrated = migrate(original, d);
        const key = String(programs++);
        const [originalCode, migratedCode] = [asCommonJs(original), asCommonJs(migrated)];
        for (const [, make] of platformsFor(d, s)) await compareOn(make, s, originalCode, migratedCode, key);
      }),
      { seed: 51, numRuns: Number(process.env.FC_RUNS) || 60 },
    );
  }, 120_000);
});

// A fixed program per shape of contract.md section 12, so that each is run whatever the random draw.
describe('each shape once, on every fake of its door', () => {
  const field = (f: string): Read => ({ field: f });
  const cases: [string, Door, Shape][] = [
    ['member read', 'wx', { kind: 'member', reads: [field('windowWidth')] }],
    [
      'a local, then fields of several groups',
      'wx',
      {
        kind: 'local',
        reads: ['windowHeight', 'platform', 'SDKVersion', 'wifiEnabled', 'locationReducedAccuracy'].map(field),
      },
    ],
    [
      'destructuring with a default and a rename',
      'taro-default',
      {
        kind: 'destructure',
        reads: [
          { field: 'statusBarHeight', fallback: FALLBACKS[0] },
          field('platform'),
          { field: 'fontSizeSetting', fallback: FALLBACKS[1] },
        ],
        renamed: [false, true, false],
      },
    ],
    ['the whole object passed on', 'wx', { kind: 'kept', how: 'passed', reads: [field('model')] }],
    ['the whole object spread', 'taro-namespace', { kind: 'kept', how: 'spread', reads: [field('language')] }],
    [
      'an *Authorized read',
      'wx',
      { kind: 'authorized', field: 'microphoneAuthorized', form: 'local', reads: [field('brand')] },
    ],
    ['getSystemInfo({ success })', 'wx', { kind: 'callback', api: 'getSystemInfo', reads: [field('pixelRatio')] }],
    [
      'getSystemInfoAsync({ success })',
      'taro-default',
      { kind: 'callback', api: 'getSystemInfoAsync', reads: [field('system')] },
    ],
    [
      'the Promise form',
      'taro-default',
      { kind: 'promise', style: 'await', reads: [field('safeArea'), field('theme')] },
    ],
  ];
  it.each(cases)('%s (%s)', async (_, d, s) => {
    const original = program(s, d);
    const migrated = migrate(original, d);
    for (const [, make] of platformsFor(d, s))
      await compareOn(make, s, asCommonJs(original), asCommonJs(migrated), `fixed:${programs++}`);
  });

  it('the comparison can fail: a "migrated" program that answers a width of its own', async () => {
    const s: Shape = { kind: 'member', reads: [field('windowWidth')] };
    const original = asCommonJs(program(s, 'wx'));
    const wrong = asCommonJs(`async function run() {\n  return { windowWidth: 375 }\n}\nmodule.exports = { run }\n`);
    await expect(compareOn(() => weappSystemInfo(), s, original, wrong, 'wrong')).rejects.toThrow(
      /windowWidth on weapp/,
    );
  });
});
