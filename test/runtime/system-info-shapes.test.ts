/*
 * Programs that read system info in the shapes a rewrite can get wrong (docs/legacy-apis.md#system-info),
 * generated at random: destructuring defaults, nested patterns and computed keys that read other bindings
 * of the pattern (some before they are made: the original throws, or reads undefined with `var`) and
 * defaults with effects; a Vue `<script setup>` local its template reads; a page's data its WXML reads;
 * the object stored and read back, passed on, beside a rest element; the callback and Promise forms;
 * `*Authorized` reads; reads that throw; and reads of `environment` (WeCom) in each of them. Each is
 * migrated by the codemod's engine (rewriteFile) and is either a place for a person, named with its reason
 * (exactly those that read `environment`), or run beside the original on every fake of its door: each
 * value the migrated program computes is the original's, or the original's on the platform as the docs
 * say a migrated read sees it (seenAs: no field without a new home; an absent `*Authorized` read false).
 * Where all five answer, the migrated program asks only for the groups it reads.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { rewriteFile } from '../../src/rewrite';
import { scriptBlocks } from '../../src/rewrite/file/vue-blocks';
import {
  SYSTEM_INFO_AUTHORIZED_FIELDS,
  SYSTEM_INFO_FIELD_GROUPS,
  type SystemInfoGroupExport,
} from '../../src/rewrite/rules/legacy-apis';
import { NEW_APIS, SYSTEM_INFO_PLATFORMS, taroH5SystemInfo, type FakeSystemInfoPlatform } from './fakes/system-info';
import { asCommonJs, expectNoNeedlessLegacyCall, runOn, type Outcome } from './system-info-world';

// ---- The shapes ----

/** How a field is read: its value, as a test (`info.x ? 'yes' : 'no'`), or with a call on it, which throws on undefined. */
interface Read {
  field: string;
  as: 'value' | 'test' | 'call';
}
/** A destructuring default: a literal, another binding of the pattern (by its index), or a call with an effect. */
type Fallback = { kind: 'literal' } | { kind: 'sibling'; of: number } | { kind: 'effect' };
interface Prop {
  field: string;
  rename: boolean;
  fallback: Fallback | null;
  /** `safeArea: { top: safeArea_top = … } = {}`: a nested pattern (safeArea only). */
  nested: boolean;
}
type Api = 'wx' | 'Taro';
type Shape =
  | { kind: 'member'; read: Read }
  | { kind: 'local'; reads: Read[]; stored: Read[]; passed: Read[] }
  | { kind: 'destructure'; keyword: 'const' | 'let' | 'var'; props: Prop[]; computed: number | null }
  | { kind: 'rest'; first: string[]; rest: Read[] }
  | { kind: 'callback'; api: 'getSystemInfo' | 'getSystemInfoAsync'; form: CallbackForm; reads: Read[] }
  | { kind: 'vue'; script: Read[]; template: (Read | 'whole')[] }
  | { kind: 'page'; script: Read[]; template: Read[] };
type CallbackForm = 'method' | 'arrow' | 'pattern' | 'named' | 'then' | 'await';

const GROUP_FIELDS: string[] = Object.values(SYSTEM_INFO_FIELD_GROUPS).flat();
/** Douyin's own field, in no group: the whole object keeps it. */
const NO_GROUP = 'appName';
const HOMELESS = 'environment';
const syncField = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...GROUP_FIELDS) },
  { weight: 3, arbitrary: fc.constantFrom(...SYSTEM_INFO_AUTHORIZED_FIELDS) },
  { weight: 1, arbitrary: fc.constantFrom(HOMELESS, NO_GROUP) },
);
const callbackField = fc.oneof(syncField, fc.constant('errMsg'));
/** Mostly fields of groups, so that most programs are split rather than kept whole. */
const groupField = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...GROUP_FIELDS) },
  { weight: 1, arbitrary: syncField },
);
/** Mostly none. */
const rarely = <T>(arbitrary: fc.Arbitrary<T>, none: T) =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(none) }, { weight: 1, arbitrary });
const readOf = (field: fc.Arbitrary<string>, throwing = true): fc.Arbitrary<Read> =>
  fc.record({
    field,
    as: fc.constantFrom<Read['as']>('value', 'value', 'test', ...(throwing ? ['call' as const] : [])),
  });
const reads = (min: number, max: number, field = syncField, throwing = true) =>
  fc.array(readOf(field, throwing), { minLength: min, maxLength: max });

const prop: fc.Arbitrary<Prop> = fc.record({
  field: groupField,
  rename: fc.boolean(),
  fallback: fc.option(
    fc.oneof(
      fc.constant<Fallback>({ kind: 'literal' }),
      fc.nat(5).map<Fallback>((of) => ({ kind: 'sibling', of })),
      fc.constant<Fallback>({ kind: 'effect' }),
    ),
  ),
  nested: fc.boolean(),
});

const shape: fc.Arbitrary<Shape> = fc.oneof(
  readOf(syncField).map((read) => ({ kind: 'member' as const, read })),
  fc
    .record({ reads: reads(1, 4, groupField), stored: rarely(reads(1, 2), []), passed: rarely(reads(1, 2), []) })
    .map((s) => ({ kind: 'local' as const, ...s })),
  fc
    .record({
      keyword: fc.constantFrom('const' as const, 'let' as const, 'var' as const),
      props: fc.uniqueArray(prop, { minLength: 1, maxLength: 5, selector: (p) => p.field }),
      computed: rarely(fc.nat(5), null),
    })
    .map((s) => ({ kind: 'destructure' as const, ...s })),
  fc
    .record({ first: fc.uniqueArray(syncField, { minLength: 1, maxLength: 3 }), rest: reads(0, 2) })
    .map((s) => ({ kind: 'rest' as const, ...s })),
  fc
    .record({
      api: fc.constantFrom('getSystemInfo' as const, 'getSystemInfoAsync' as const),
      form: fc.constantFrom<CallbackForm>('method', 'arrow', 'pattern', 'named', 'then', 'await'),
      // A callback that throws surfaces as an unhandled rejection (Decision S3): the sync shapes throw instead.
      reads: reads(1, 3, callbackField, false),
    })
    // WeChat's getSystemInfoAsync returns no Promise: its Promise forms are no program.
    .map((s) => ({
      kind: 'callback' as const,
      ...s,
      api: s.form === 'then' || s.form === 'await' ? ('getSystemInfo' as const) : s.api,
    })),
  fc
    .record({
      script: reads(0, 3, groupField),
      template: fc.array(
        fc.oneof({ weight: 4, arbitrary: readOf(groupField) }, { weight: 1, arbitrary: fc.constant('whole' as const) }),
        { minLength: 1, maxLength: 3 },
      ),
    })
    .map((s) => ({ kind: 'vue' as const, ...s })),
  fc.record({ script: reads(0, 2), template: reads(1, 3) }).map((s) => ({ kind: 'page' as const, ...s })),
);

// ---- The programs: each returns what it read, by label ----

const readCode = (object: string, read: Read) =>
  read.as === 'value'
    ? `${object}.${read.field}`
    : read.as === 'test'
      ? `(${object}.${read.field} ? 'yes' : 'no')`
      : `${object}.${read.field}.toString()`;
/** `{ a0: info.x, a1: … }`: each read under a label of its own. */
const labelled = (prefix: string, object: string, rs: Read[]) =>
  rs.map((r, i) => `${prefix}${i}: ${readCode(object, r)}`);

function destructuringBody(s: Extract<Shape, { kind: 'destructure' }>, call: string): string {
  const binding = (i: number) => {
    const p = s.props[i % s.props.length];
    return p.nested && p.field === 'safeArea' ? 'safeArea_top' : p.rename ? `my_${p.field}` : p.field;
  };
  const fallback = (f: Fallback | null, i: number) =>
    !f
      ? ''
      : f.kind === 'literal'
        ? ' = 20'
        : f.kind === 'effect'
          ? ` = step('d${i}')`
          : ` = String(${binding(f.of)}) + '!'`;
  const pattern = s.props.map((p, i) => {
    if (p.nested && p.field === 'safeArea') return `safeArea: { top: safeArea_top${fallback(p.fallback, i)} } = {}`;
    return `${p.rename || fallback(p.fallback, i) ? `${p.field}: ` : ''}${binding(i)}${fallback(p.fallback, i)}`.replace(
      /^(\w+): \1(?= |$)/,
      '$1',
    );
  });
  if (s.computed !== null) pattern.push(`[${binding(s.computed)} ? 'windowWidth' : 'windowHeight']: picked`);
  const back = s.props.map((_, i) => `b${i}: ${binding(i)}`);
  if (s.computed !== null) back.push('picked');
  return `const log = []\n  const step = (label) => (log.push(label), label)\n  ${s.keyword} { ${pattern.join(', ')} } = ${call}\n  return { ${back.join(', ')}, log }`;
}

function callbackBody(s: Extract<Shape, { kind: 'callback' }>, api: Api): string {
  const got = (object: string) => `{ ${labelled('c', object, s.reads).join(', ')} }`;
  const call = `${api}.${s.api}`;
  switch (s.form) {
    case 'method':
      return `return new Promise((resolve) => {\n    ${call}({ success(res) { resolve(${got('res')}) } })\n  })`;
    case 'arrow':
      return `return new Promise((resolve) => {\n    ${call}({ success: (res) => resolve(${got('res')}) })\n  })`;
    case 'pattern': {
      const fields = [...new Set(s.reads.map((r) => r.field))];
      return `return new Promise((resolve) => {\n    ${call}({ success: ({ ${fields.join(', ')} }) => resolve(${got('({ ' + fields.join(', ') + ' })')}) })\n  })`;
    }
    case 'named':
      return `return new Promise((resolve) => {\n    const onInfo = function (res) { resolve(${got('res')}) }\n    ${call}({ success: onInfo })\n  })`;
    case 'then':
      return `return ${call}().then((res) => (${got('res')}))`;
    case 'await':
      return `const res = await ${call}()\n  return ${got('res')}`;
  }
}

/** The body of `run()` of a script shape (not vue, not page). */
function programBody(s: Shape, api: Api): string {
  const call = `${api}.getSystemInfoSync()`;
  switch (s.kind) {
    case 'member':
      return `return { m: ${readCode(call, s.read)} }`;
    case 'local': {
      const store =
        s.stored.length > 0
          ? `\n  ${api}.setStorageSync('sys', info)\n  const back = ${api}.getStorageSync('sys')`
          : '';
      const values = [...labelled('l', 'info', s.reads), ...labelled('s', 'back', s.stored)];
      if (s.passed.length > 0) values.push('p: pick(info)');
      return `const info = ${call}${store}\n  return { ${values.join(', ')} }`;
    }
    case 'destructure':
      return destructuringBody(s, call);
    case 'rest':
      return `const { ${s.first.join(', ')}, ...rest } = ${call}\n  return { ${[...s.first.map((f, i) => `f${i}: ${f}`), ...labelled('r', 'rest', s.rest)].join(', ')} }`;
    case 'callback':
      return callbackBody(s, api);
    default:
      throw new Error(`${s.kind} is no script shape`);
  }
}

function helpersOf(s: Shape): string {
  if (s.kind !== 'local' || s.passed.length === 0) return '';
  return `function pick(i) {\n  return { ${labelled('p', 'i', s.passed).join(', ')} }\n}\n\n`;
}

/** A script shape's file: a native page's module (`wx`), or a Taro module. */
function scriptProgram(s: Shape, api: Api): string {
  if (api === 'wx')
    return `${helpersOf(s)}async function run() {\n  ${programBody(s, 'wx')}\n}\n\nmodule.exports = { run }\n`;
  return `import Taro from '@tarojs/taro'\n\n${helpersOf(s)}export async function run() {\n  ${programBody(s, 'Taro')}\n}\n`;
}

/** A Vue component: its setup reads `info`, and so does its template (never rewritten: Vue evaluates it in the setup's scope). */
function vueComponent(s: Extract<Shape, { kind: 'vue' }>): string {
  const tags = s.template.map((t) =>
    t === 'whole' ? `  <nav-bar :sys="info" />` : `  <view>{{ ${readCode('info', t)} }}</view>`,
  );
  const script = labelled('v', 'info', s.script).join(', ');
  return `<template>\n${tags.join('\n')}\n</template>\n\n<script setup>\nimport Taro from '@tarojs/taro'\n\nconst info = Taro.getSystemInfoSync()\nconst scriptReads = { ${script} }\n</script>\n`;
}

/** A component's setup block with `run()`: the script's reads and each template expression, evaluated where Vue does. */
function vueRunner(component: string, file: string, s: Extract<Shape, { kind: 'vue' }>): string {
  const setup = scriptBlocks(component, file).find((block) => block.setup)!.content;
  const template = s.template.map((t, i) => (t === 'whole' ? `'whole:t${i}': info` : `t${i}: ${readCode('info', t)}`));
  return `${setup}\nexport async function run() {\n  return { ...scriptReads, ${template.join(', ')} }\n}\n`;
}

/** A native page that keeps the object in its data, and its WXML, which reads the data. */
function pageFiles(s: Extract<Shape, { kind: 'page' }>): { js: string; wxml: string } {
  const script = labelled('s', 'info', s.script).join(', ');
  const js = `Page({\n  onLoad() {\n    const info = wx.getSystemInfoSync()\n    this.setData({ sys: info${script ? ', ' + script : ''} })\n  },\n})\n`;
  const wxml = s.template.map((t) => `<view>{{${readCode('sys', t)}}}</view>`).join('\n') + '\n';
  return { js, wxml };
}

/** The page loaded with WeChat's `Page`, then `run()`: onLoad, and the data as its WXML reads it. */
function pageRunner(code: string, s: Extract<Shape, { kind: 'page' }>): string {
  const reads = [
    ...s.script.map((_, i) => `s${i}: data.s${i}`),
    ...s.template.map((t, i) => `t${i}: ${readCode('data.sys', t)}`),
  ];
  return `let page\nconst Page = (options) => { page = options }\n${code}\nmodule.exports = { run: async () => {\n  const self = { data: {}, setData(d) { Object.assign(this.data, d) } }\n  page.onLoad.call(self)\n  const data = self.data\n  return { ${reads.join(', ')} }\n} }\n`;
}

// ---- What each shape reads, and whether it is for a person ----

/** Every field the program reads of the result, in the script and the template. */
function fieldsRead(s: Shape): string[] {
  const of = (rs: (Read | 'whole')[]) => rs.flatMap((r) => (r === 'whole' ? [] : [r.field]));
  switch (s.kind) {
    case 'member':
      return [s.read.field];
    case 'local':
      return of([...s.reads, ...s.stored, ...s.passed]);
    case 'destructure':
      return s.props.map((p) => p.field);
    case 'rest':
      return [...s.first, ...of(s.rest)];
    case 'callback':
      return of(s.reads);
    case 'vue':
    case 'page':
      return of([...s.script, ...s.template]);
  }
}

/** A place for a person: exactly the programs that read `environment` (no sync shape here reads errMsg). */
const forAPerson = (s: Shape) => fieldsRead(s).includes(HOMELESS);

/** The groups the fields read belong to, where every field has one: what a migrated program that reads them asks. */
function groupsAsked(fields: string[]): Set<string> | undefined {
  const groups = new Set<string>();
  for (const field of fields) {
    if (SYSTEM_INFO_AUTHORIZED_FIELDS.includes(field)) groups.add('getAppAuthorizeSetting');
    else {
      const group = (Object.keys(SYSTEM_INFO_FIELD_GROUPS) as SystemInfoGroupExport[]).find((g) =>
        (SYSTEM_INFO_FIELD_GROUPS[g] as readonly string[]).includes(field),
      );
      if (!group) return undefined;
      groups.add(group);
    }
  }
  return groups;
}

/** A member read, or a local read only by name in the script: each field of a group asks for its group alone. */
function readOnlyByName(s: Shape): boolean {
  const plain = s.kind === 'member' || (s.kind === 'local' && s.stored.length === 0 && s.passed.length === 0);
  return plain && groupsAsked(fieldsRead(s)) !== undefined;
}

// ---- Migrating and running ----

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-system-info-shapes-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let programs = 0;

interface Migrated {
  /** What runs: the original and the migrated program, as CommonJS; null when the rewrite left it for a person. */
  original: string;
  migrated: string | null;
  /** The migrated source, as the engine wrote it. */
  output: string | null;
  api: Api;
}

/** Writes the program's files, runs the engine on them and checks its report; the two programs to run. */
function migrate(s: Shape, api: Api): Migrated {
  const folder = path.join(dir, `p${programs++}`);
  fs.mkdirSync(folder);
  const importSource = api === 'wx' ? 'record-compat-runtime/native' : 'record-compat-runtime';
  let text: string;
  let file: string;
  let runner: (code: string) => string;
  if (s.kind === 'vue') {
    text = vueComponent(s);
    file = path.join(folder, 'index.vue');
    runner = (component) => asCommonJs(vueRunner(component, file, s));
  } else if (s.kind === 'page') {
    const { js, wxml } = pageFiles(s);
    text = js;
    file = path.join(folder, 'index.js');
    fs.writeFileSync(path.join(folder, 'index.wxml'), wxml);
    runner = (code) => asCommonJs(pageRunner(code, s));
  } else {
    text = scriptProgram(s, api);
    file = path.join(folder, 'index.js');
    runner = asCommonJs;
  }
  fs.writeFileSync(file, text);
  const { output, report } = rewriteFile(text, file, { importSource });
  if (forAPerson(s)) {
    // Left as it is, each place named with the reason.
    expect(output, text).toBeNull();
    expect(report.manual.length, text).toBeGreaterThan(0);
    for (const site of report.manual) expect(site.reason, text).toMatch(/\benvironment\b.*migrate it by hand/);
    return { original: runner(text), migrated: null, output: null, api };
  }
  expect(report.manual, text).toEqual([]);
  expect(output, `the rewrite changed nothing in:\n${text}`).not.toBeNull();
  // Read only by name, fields of groups (`*Authorized` through authorized()): no whole object (Decision S1).
  if (readOnlyByName(s)) expect(output, text).not.toMatch(/\bgetSystemInfoSync\(/);
  expect(output, `a legacy call is left in:\n${output}`).not.toMatch(/\b(?:wx|Taro)\s*\.\s*getSystemInfo/);
  return { original: runner(text), migrated: runner(output!), output, api };
}

/**
 * The platform as a migrated read sees it, as the docs say: no field without a new home; the new APIs' own fields
 * besides (screenTop); an absent `*Authorized` read through `authorized()` false.
 */
function seenByMigrated(p: FakeSystemInfoPlatform, throughAuthorized: boolean): FakeSystemInfoPlatform {
  const without = p.shape.withoutNewHome ?? [];
  const answering = NEW_APIS.filter((n) => p.asksAndAnswers(n));
  return p.seenAs((legacy, parts) => {
    const seen = { ...legacy };
    for (const field of without) delete seen[field];
    // As the whole object has them: an `*Authorized` a boolean (Decision S4).
    for (const n of answering)
      for (const [field, value] of Object.entries(parts[n]))
        if (!(field in seen)) seen[field] = /Authorized$/.test(field) ? value === 'authorized' : value;
    if (throughAuthorized) for (const field of SYSTEM_INFO_AUTHORIZED_FIELDS) seen[field] ??= false;
    return seen;
  });
}

/**
 * Each value of the migrated program: one of the original's (on the platform, or as a migrated read sees it); a throw,
 * one the original made.
 */
function expectValues(where: string, migrated: Outcome, originals: Outcome[]) {
  if ('threw' in migrated) {
    expect(originals, `${where}: the migrated program threw ${migrated.threw}`).toContainEqual(migrated);
    return;
  }
  const values = originals.flatMap((o) => ('values' in o ? [o.values] : []));
  expect(values, `${where}: the original threw, the migrated program gave ${JSON.stringify(migrated)}`).not.toEqual([]);
  expect(Object.keys(migrated.values).sort(), where).toEqual(Object.keys(values[0]).sort());
  const expectOneOf = (got: unknown, allowed: unknown[], what: string) =>
    expect(
      allowed.some((a) => isDeepStrictEqual(a, got)),
      `${where}: ${what} = ${JSON.stringify(got)}, original ${JSON.stringify(allowed)}`,
    ).toBe(true);
  for (const [key, value] of Object.entries(migrated.values)) {
    if (!key.startsWith('whole:')) {
      expectOneOf(
        value,
        values.map((v) => v[key]),
        key,
      );
      continue;
    }
    // The whole object: each field of the original's, with one of its values (the new APIs' own fields besides, S1).
    for (const field of Object.keys(values[0][key] as object))
      expectOneOf(
        (value as Record<string, unknown>)[field],
        values.map((v) => (v[key] as Record<string, unknown>)[field]),
        `${key}.${field}`,
      );
  }
}

/** The platforms a program runs on: a native page's `wx.` on WeChat's; `Taro.` on all, the callback forms where the fake has them. */
function platformsFor(s: Shape, api: Api) {
  return SYSTEM_INFO_PLATFORMS.filter(([name, make]) => {
    if (api === 'wx' && !name.startsWith('weapp')) return false;
    return s.kind !== 'callback' || make().shape.legacyCallbacks || make().shape.legacy === 'absent';
  });
}

/** The original and the migrated program on one platform, compared; the groups the migrated one asked, checked. */
async function compareOn(make: () => FakeSystemInfoPlatform, s: Shape, m: Migrated, key: string) {
  const probe = make();
  // Taro H5 4.0.7–4.0.10 lost getSystemInfoSync: the original threw there; it is held to what it did on 4.2.1.
  const base = probe.shape.legacy === 'absent' ? () => taroH5SystemInfo() : make;
  const throughAuthorized = /\bauthorized\(/.test(m.output!);
  const originals = [
    await runOn(base(), m.original, `${key}:original`),
    await runOn(seenByMigrated(base(), throughAuthorized), m.original, `${key}:original`),
  ];
  const after = make();
  const migrated = await runOn(after, m.migrated!, `${key}:migrated`);
  expectValues(`${after.name}\n${m.output}`, migrated, originals);
  expectNoNeedlessLegacyCall(after);
  // Where all five answer, a program that reads fields of groups asks for those alone (Decision S1).
  const groups = groupsAsked(fieldsRead(s));
  const whole = /\bgetSystemInfo(?:Sync|Async|Wrapped)?\(/.test(m.output!) || s.kind === 'callback';
  if (groups && !whole && NEW_APIS.every((n) => after.asksAndAnswers(n)) && !after.lacksFontSize())
    for (const asked of after.calls.filter((c) => (NEW_APIS as readonly string[]).includes(c)))
      expect([...groups], `${after.name}: ${asked} asked\n${m.output}`).toContain(asked);
}

const api: fc.Arbitrary<Api> = fc.constantFrom('wx', 'Taro');
/** A shape and the API object it reads through: a Vue component is Taro's, a native page WeChat's. */
const program = fc
  .tuple(shape, api)
  .map(([s, a]): [Shape, Api] => [s, s.kind === 'vue' ? 'Taro' : s.kind === 'page' ? 'wx' : a]);

async function check(s: Shape, a: Api) {
  const m = migrate(s, a);
  if (m.migrated === null) return;
  const key = `shape ${programs}`;
  for (const [, make] of platformsFor(s, a)) await compareOn(make, s, m, key);
}

describe('system info read as programs really read it: each migrated program computes what the original computed, or is a place for a person', () => {
  it('random programs in every shape (defaults reading other bindings, templates, stored and read, rest, callbacks, throws, environment), on every fake of their door', async () => {
    await fc.assert(
      fc.asyncProperty(program, async ([s, a]) => check(s, a)),
      { seed: Number(process.env.FC_SEED) || 84, numRuns: Number(process.env.FC_RUNS) || 120 },
    );
  }, 300_000);

  // Each case of the issue once, whatever the random draw.
  const read = (field: string, as: Read['as'] = 'value'): Read => ({ field, as });
  const cases: [string, Shape, Api][] = [
    [
      "a default reads another group's binding: theme is there only in dark mode",
      {
        kind: 'destructure',
        keyword: 'const',
        props: [
          { field: 'language', rename: false, fallback: null, nested: false },
          { field: 'windowWidth', rename: false, fallback: null, nested: false },
          { field: 'theme', rename: false, fallback: { kind: 'sibling', of: 1 }, nested: false },
        ],
        computed: null,
      },
      'wx',
    ],
    [
      'with var, a default reads a binding made after it',
      {
        kind: 'destructure',
        keyword: 'var',
        props: [
          { field: 'theme', rename: false, fallback: { kind: 'sibling', of: 1 }, nested: false },
          { field: 'windowWidth', rename: true, fallback: null, nested: false },
        ],
        computed: null,
      },
      'Taro',
    ],
    [
      'a nested default and a computed key read other bindings, defaults with effects',
      {
        kind: 'destructure',
        keyword: 'let',
        props: [
          { field: 'model', rename: false, fallback: { kind: 'effect' }, nested: false },
          { field: 'safeArea', rename: false, fallback: { kind: 'sibling', of: 0 }, nested: true },
          { field: 'benchmarkLevel', rename: false, fallback: { kind: 'effect' }, nested: false },
        ],
        computed: 0,
      },
      'Taro',
    ],
    [
      'the Vue template reads a field of the local',
      { kind: 'vue', script: [read('platform')], template: [read('statusBarHeight')] },
      'Taro',
    ],
    ['the Vue template has the whole local', { kind: 'vue', script: [read('platform')], template: ['whole'] }, 'Taro'],
    [
      "the page's data holds the object, its WXML reads it",
      { kind: 'page', script: [], template: [read('statusBarHeight')] },
      'wx',
    ],
    [
      'environment read where the object is stored too',
      { kind: 'local', reads: [read('environment')], stored: [read('model')], passed: [] },
      'wx',
    ],
    [
      'environment read from the stored copy',
      { kind: 'local', reads: [read('windowWidth')], stored: [read('environment')], passed: [] },
      'wx',
    ],
    ['environment beside a rest element', { kind: 'rest', first: ['environment'], rest: [read('platform')] }, 'wx'],
    [
      'a getSystemInfo callback reads res.environment',
      { kind: 'callback', api: 'getSystemInfo', form: 'method', reads: [read('environment', 'test')] },
      'wx',
    ],
    [
      "the page's WXML reads sys.environment",
      { kind: 'page', script: [], template: [read('environment', 'test')] },
      'wx',
    ],
    [
      '*Authorized through a local, beside a field of another group',
      {
        kind: 'local',
        reads: [read('cameraAuthorized', 'test'), read('microphoneAuthorized'), read('wifiEnabled')],
        stored: [],
        passed: [],
      },
      'Taro',
    ],
    [
      '*Authorized alone through a local: getAppAuthorizeSetting alone',
      { kind: 'local', reads: [read('cameraAuthorized', 'test'), read('albumAuthorized')], stored: [], passed: [] },
      'wx',
    ],
    [
      '*Authorized and *Enabled through a local: getAppAuthorizeSetting and getSystemSetting alone',
      {
        kind: 'local',
        reads: [read('locationAuthorized', 'test'), read('locationEnabled', 'test'), read('bluetoothEnabled')],
        stored: [],
        passed: [],
      },
      'Taro',
    ],
    ['a read that throws where the field is missing', { kind: 'member', read: read('theme', 'call') }, 'wx'],
  ];
  it.each(cases)('%s', async (_, s, a) => check(s, a));
});
