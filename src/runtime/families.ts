/*
 * The runtime's table: its modules, and each family's construction and exports, written once for
 * the three entries. scripts/write-runtime-entries.mjs writes each entry's family section
 * (taro.ts, native.ts, h5.ts, between their markers) from it, and test/runtime/entries.test.ts
 * fails when one is stale; scripts/build-runtime.mjs takes its module lists from it. Data only:
 * no entry imports it, nothing of it ships.
 *
 * Why the entries are written and not one shared module: each entry binds each family to its own
 * platform object, once, with a construction marked pure, and exports every function as a plain
 * function over it, so an app's bundler drops the families the app does not import. An ES module
 * cannot export names it computes, and a name exported from one shared module would be bound to
 * one platform object (docs/runtime.md, "How a module is exported").
 */

/** A family of the runtime, named as src/rewrite/rules/legacy-apis.ts names it (RUNTIME_FAMILIES). */
export type FamilyName =
  'record' | 'voice' | 'background-audio' | 'audio-context' | 'taro-wrapper' | 'system-info' | 'canvas' | 'base64';

/** The families that need no platform object: plain code, the same in every entry. */
type PlainFamily = 'taro-wrapper' | 'base64';

/** An entry: a module of src/runtime the runtime package exports (record-compat-runtime, /native, /h5). */
export type EntryName = 'taro' | 'native' | 'h5';

/** What an entry hands each family: its construction's arguments, and the types of the app's own managers. */
export interface Entry {
  /** Per family, the arguments of its construction, as the entry's own code names them (the platform lookup first). */
  args: Record<Exclude<FamilyName, PlainFamily>, string>;
  /**
   * The type the entry gives the app's own getRecorderManager() and getBackgroundAudioManager(): the platform's
   * typings'.
   */
  recorderManager: string;
  backgroundAudioManager: string;
  /** Modules of src/runtime only this entry imports (its platform's own code), in the order they import each other. */
  own: string[];
  /**
   * Families this entry holds in a module of their own (src/runtime/<module>.ts, its section written from this table
   * too, after the entry's own modules), which the entry re-exports. A bundler then leaves that module out, and what it
   * imports, when the app imports none of the family's functions (the package has no side effects): webpack writes a
   * chunk for each import() of a module it bundles before its minifier drops the unused code.
   */
  apart?: Partial<Record<FamilyName, string>>;
}

export interface Family {
  name: FamilyName;
  /**
   * Its modules, each imported by the next: src/runtime/<name>.ts, or src/shared/<name>.ts where the engine reads it
   * too (SHARED_MODULES).
   */
  modules: string[];
  /** What the entries import, by module: values, and types (`type X`). */
  imports: Record<string, string[]>;
  /** The entry's code for it: the construction, then one export per function. */
  code: (entry: Entry) => string;
}

/** The modules every family uses (the caller: callbacks or Promise, failure reasons). */
export const COMMON_MODULES = ['caller'];

/**
 * The modules that live in src/shared, read by the engine too (src/rewrite/rules/options-schema.ts): the build ships
 * them as runtime modules.
 */
export const SHARED_MODULES = ['recording-options'];

export const ENTRIES: Record<EntryName, Entry> = {
  taro: {
    args: {
      record: 'taro, onAlipay',
      voice: 'taro',
      'background-audio': 'taro, onAlipay',
      'audio-context': 'taro, () => Taro.getCurrentPages()',
      'system-info': 'wxOrTaro, onAlipay',
      canvas: 'weChat, taro, () => Taro.getCurrentPages()',
    },
    recorderManager: 'Taro.RecorderManager',
    backgroundAudioManager: 'Taro.BackgroundAudioManager',
    own: [],
  },
  native: {
    args: {
      record: 'nativeApi, onAlipay',
      voice: 'nativeApi',
      'background-audio': 'nativeApi, onAlipay',
      'audio-context': 'nativeApi, () => getCurrentPages()',
      'system-info': 'nativeApi, onAlipay',
      canvas: 'weChat, nativeApi, () => getCurrentPages()',
    },
    recorderManager: 'RecorderManager',
    backgroundAudioManager: 'BackgroundAudioManager',
    own: [],
  },
  h5: {
    args: {
      record: '() => h5Recorder',
      voice: '() => h5Players',
      'background-audio': 'h5BackgroundAudio',
      'audio-context': '() => h5Players, () => getCurrentPages()',
      'system-info': 'h5SystemInfo',
      canvas: '() => undefined, () => h5Canvas, () => getCurrentPages()',
    },
    recorderManager: 'TaroTypes.RecorderManager',
    backgroundAudioManager: 'TaroTypes.BackgroundAudioManager',
    own: ['h5-recorder', 'h5-players', 'h5-system-info'],
    // The H5 recorder imports the mp3 encoder: an app that does not record gets no chunk for it.
    apart: { record: 'h5-record' },
  },
};

/**
 * Background audio's functions in the order of the tuple createBackgroundAudioCompat returns (an
 * object's names would not minify: src/runtime/background-audio.ts), each with its parameter.
 */
const BACKGROUND_AUDIO_FUNCTIONS = [
  ['playBackgroundAudio', 'option'],
  ['pauseBackgroundAudio', 'option?'],
  ['seekBackgroundAudio', 'option'],
  ['stopBackgroundAudio', 'option?'],
  ['getBackgroundAudioPlayerState', 'option?'],
  ['onBackgroundAudioPlay', 'listener'],
  ['onBackgroundAudioPause', 'listener'],
  ['onBackgroundAudioStop', 'listener'],
];

/**
 * System info's functions in the order of the tuple createSystemInfoCompat returns (its names would
 * not minify either: src/runtime/system-info.ts), each with its parameter.
 */
const SYSTEM_INFO_FUNCTIONS = [
  ['getWindowInfo', ''],
  ['getDeviceInfo', ''],
  ['getAppBaseInfo', ''],
  ['getSystemSetting', ''],
  ['getAppAuthorizeSetting', ''],
  ['getSystemInfoSync', ''],
  ['getSystemInfo', 'option?'],
  ['getSystemInfoAsync', 'option?'],
];

/**
 * The canvas's functions in the order of the tuple createCanvasCompat returns (src/runtime/canvas.ts), each with its
 * parameters.
 */
const CANVAS_FUNCTIONS = [
  ['createCanvasContext', 'canvasId', 'scope?'],
  ['canvasToTempFilePath', 'option', 'scope?'],
  ['canvasGetImageData', 'option', 'scope?'],
  ['canvasPutImageData', 'option', 'scope?'],
];

/**
 * What Taro < 3.3.1 returned for a legacy call, each over the entry's own function: its name, the family of that
 * function, the function and its parameter. A family apart from its entry (Entry.apart) holds its own.
 */
const WRAPPED: [string, FamilyName, string, string][] = [
  ['startRecordWrapped', 'record', 'startRecord', 'option?'],
  ['playVoiceWrapped', 'voice', 'playVoice', 'option'],
  ['playBackgroundAudioWrapped', 'background-audio', 'playBackgroundAudio', 'option'],
  ['seekBackgroundAudioWrapped', 'background-audio', 'seekBackgroundAudio', 'option'],
  ['getBackgroundAudioPlayerStateWrapped', 'background-audio', 'getBackgroundAudioPlayerState', 'option?'],
];

/** The code of the Taro wrapper's functions `wrapped` (rows of WRAPPED). */
const wrappedCode = (wrapped: typeof WRAPPED) => `
// What Taro < 3.3.1 returned (docs/contract.md, Decision R9), over this entry's own functions: the
// rewrite imports these for \`Taro.*\` calls of projects on such a Taro. Typed Promise<any> as Taro
// < 3.3.1 typed them: the users' \`.then((res) => res.tempFilePath)\` relies on it.
/* eslint-disable @typescript-eslint/no-explicit-any */
${wrapped.map(([name, , fn, parameter]) => `export const ${name} = (${parameter}: any): Promise<any> => taroWrapped(${fn}, ${parameter.replace('?', '')});`).join('\n')}
/* eslint-enable @typescript-eslint/no-explicit-any */
`;

/** The families, in the order the entries and a local copy hold them. */
export const FAMILIES: Family[] = [
  {
    name: 'record',
    modules: ['recording-options', 'record'],
    imports: {
      './record': [
        'createRecordCompat',
        'configureRecord',
        'shareRecorderManager',
        'validateRecordOptions',
        'type RecordCompat',
      ],
      '../shared/recording-options': ['type RecordCompatOptions'],
    },
    code: (entry) => `
const rc = /* @__PURE__ */ createRecordCompat(${entry.args.record});
export const startRecord: RecordCompat['startRecord'] = (option?) => rc.startRecord(option);
export const stopRecord: RecordCompat['stopRecord'] = (option?) => rc.stopRecord(option);
/**
 * App-level options (durationMs, format, sampleRate, numberOfChannels, encodeBitRate, deniedPrompt,
 * stopTimeoutMs), merged over the build-time defaults. Returns a message when they are invalid;
 * startRecord then fails with it instead of a silent platform error.
 */
export const configureRecordCompat = (options?: RecordCompatOptions): string | undefined => configureRecord(rc, options, validateRecordOptions);
/**
 * The app's own \`getRecorderManager()\`: the platform's manager for the app's own recordings,
 * sharing it with startRecord/stopRecord so that neither takes the other's events (docs/contract.md,
 * Decision R12). Rewritten code calls it where the app called the platform's.
 */
export function getRecorderManager(): ${entry.recorderManager} {
  return shareRecorderManager(rc) as unknown as ${entry.recorderManager};
}
`,
  },
  {
    name: 'voice',
    modules: ['voice'],
    imports: { './voice': ['createVoiceCompat', 'type VoiceCompat'] },
    code: (entry) => `
const vc = /* @__PURE__ */ createVoiceCompat(${entry.args.voice});
export const playVoice: VoiceCompat['playVoice'] = (option) => vc.playVoice(option);
export const pauseVoice: VoiceCompat['pauseVoice'] = (option?) => vc.pauseVoice(option);
export const stopVoice: VoiceCompat['stopVoice'] = (option?) => vc.stopVoice(option);
`,
  },
  {
    name: 'background-audio',
    modules: ['background-audio'],
    imports: {
      './background-audio': [
        'createBackgroundAudioCompat',
        'shareBackgroundAudioManager',
        'type BackgroundAudioCompat',
      ],
    },
    code: (entry) => `
const bc = /* @__PURE__ */ createBackgroundAudioCompat(${entry.args['background-audio']});
${BACKGROUND_AUDIO_FUNCTIONS.map(([name, parameter], i) => `export const ${name}: BackgroundAudioCompat[${i}] = (${parameter}) => bc[${i}](${parameter.replace('?', '')});`).join('\n')}
/**
 * The app's own \`getBackgroundAudioManager()\`: the platform's one manager, shared with the legacy
 * background-audio calls so that neither takes the other's listeners (docs/contract.md, Decision B4).
 */
export const getBackgroundAudioManager = (): ${entry.backgroundAudioManager} => shareBackgroundAudioManager(bc) as unknown as ${entry.backgroundAudioManager};
`,
  },
  {
    name: 'audio-context',
    modules: ['audio-context'],
    imports: { './audio-context': ['createAudioContextCompat', 'type CreateAudioContext'] },
    code: (entry) => `
// The legacy createAudioContext on the platform's createInnerAudioContext, one player per id and
// page or component (docs/contract.md, Decisions A1–A7). Synchronous: never wrapped.
export const createAudioContext: CreateAudioContext = /* @__PURE__ */ createAudioContextCompat(${entry.args['audio-context']});
`,
  },
  {
    name: 'taro-wrapper',
    modules: ['taro-wrapper'],
    imports: { './taro-wrapper': ['taroWrapped'] },
    code: (entry) => wrappedCode(WRAPPED.filter(([, family]) => !entry.apart?.[family])),
  },
  {
    // After the Taro wrapper: its module imports the wrapper's (wrapGetSystemInfo).
    name: 'system-info',
    modules: ['system-info'],
    imports: { './system-info': ['createSystemInfoCompat', 'wrapGetSystemInfo', 'type SystemInfoCompat'] },
    code: (entry) => `
// The legacy getSystemInfo* on WeChat's five APIs that replace them where they answer, else on the
// legacy call (docs/contract.md, Decisions S1–S5).
const si = /* @__PURE__ */ createSystemInfoCompat(${entry.args['system-info']});
${SYSTEM_INFO_FUNCTIONS.map(([name, parameter], i) => `export const ${name}: SystemInfoCompat[${i}] = (${parameter}) => si[${i}](${parameter.replace('?', '')});`).join('\n')}
/**
 * What \`Taro.getSystemInfo\` returned on every Taro version (Decision S5): the rewrite imports it
 * for each such call.
 */
export const getSystemInfoWrapped = /* @__PURE__ */ wrapGetSystemInfo(getSystemInfo);
/** An \`*Authorized\` field with its legacy boolean meaning (Decision S4). */
export { authorized } from './system-info';
`,
  },
  {
    name: 'canvas',
    modules: ['canvas-context', 'canvas'],
    imports: { './canvas': ['createCanvasCompat', 'canvasTypeOn', 'type CanvasCompat'] },
    code: (entry) => `
// The legacy canvas on Canvas 2D, draw() kept: each context records its calls and replays them at
// draw() (docs/contract.md, Decisions C2–C4). Off WeChat every call is the platform's own.
const cc = /* @__PURE__ */ createCanvasCompat(${entry.args.canvas});
${CANVAS_FUNCTIONS.map(([name, first, second], i) => `export const ${name}: CanvasCompat[${i}] = (${first}, ${second}) => cc[${i}](${first}, ${second.replace('?', '')});`).join('\n')}
// The type a moved canvas's Taro JSX or Vue template binds: '2d' only where the context above draws on Canvas 2D.
export const canvasType = /* @__PURE__ */ canvasTypeOn(${entry.args.canvas.split(',')[0]});
`,
  },
  {
    name: 'base64',
    modules: ['base64'],
    imports: {},
    code: () => `
// The legacy arrayBufferToBase64 / base64ToArrayBuffer as plain functions, the same on every platform
// (docs/contract.md, Decisions E1–E3): nothing to construct.
export { arrayBufferToBase64, base64ToArrayBuffer } from './base64';
`,
  },
];

/** The marks around an entry's family section: what lies between them is written from this table. */
export const SECTION_START =
  '// ---- The families: written from src/runtime/families.ts by scripts/write-runtime-entries.mjs, edit them there ----';
export const SECTION_END = '// ---- End of the families ----';

const EXPORTED = `
// Each API is exported as a plain function over a pure (annotated) construction, so that a
// bundler drops what the app does not import: an app that only records ships no voice code, and
// the other way round. (\`export const startRecord = rc.startRecord\` would keep both: a property
// read counts as a side effect.)`;

/** The imports of `families`' modules, values and types apart. */
function importsOf(families: Family[]): string[] {
  const imports: string[] = [];
  for (const family of families) {
    for (const [from, names] of Object.entries(family.imports)) {
      const values = names.filter((name) => !name.startsWith('type '));
      const types = names.filter((name) => name.startsWith('type ')).map((name) => name.slice(5));
      if (values.length > 0) imports.push(`import { ${values.join(', ')} } from '${from}';`);
      if (types.length > 0) imports.push(`import type { ${types.join(', ')} } from '${from}';`);
    }
  }
  return imports;
}

/** The names a family's code exports (`export const x`, `export function x`). */
const exportedNames = (code: string) => [...code.matchAll(/^export (?:const|function) (\w+)/gm)].map((m) => m[1]!);

/** The code of the family `name` as `entry` holds it apart (Entry.apart): its own, then its Taro-wrapped functions. */
function apartCode(entry: EntryName, name: FamilyName): string {
  const family = FAMILIES.find((f) => f.name === name)!;
  const wrapped = WRAPPED.filter(([, of]) => of === name);
  return family.code(ENTRIES[entry]) + (wrapped.length > 0 ? wrappedCode(wrapped) : '');
}

/**
 * The family section of `entry`: each family's imports, then its code; a family it holds apart (Entry.apart) is
 * re-exported from its module.
 */
export function entrySection(entry: EntryName): string {
  const apart = ENTRIES[entry].apart ?? {};
  const reexport = (name: FamilyName) => `
// The ${name} family, in a module of its own: a bundler leaves it out where the app imports none of it.
export { ${exportedNames(apartCode(entry, name)).join(', ')} } from './${apart[name]}';
`;
  return [
    SECTION_START,
    ...importsOf(FAMILIES.filter((family) => !apart[family.name])),
    EXPORTED,
    ...FAMILIES.map((family) =>
      (apart[family.name] ? reexport(family.name) : family.code(ENTRIES[entry])).replace(/^\n/, ''),
    ),
    SECTION_END,
  ].join('\n');
}

/** The family section of the module that holds the family `name` apart from `entry` (Entry.apart). */
export function apartSection(entry: EntryName, name: FamilyName): string {
  const family = FAMILIES.find((f) => f.name === name)!;
  const wrapper = WRAPPED.some(([, of]) => of === name) ? FAMILIES.filter((f) => f.name === 'taro-wrapper') : [];
  return [
    SECTION_START,
    ...importsOf([family, ...wrapper]),
    EXPORTED,
    apartCode(entry, name).replace(/^\n/, ''),
    SECTION_END,
  ].join('\n');
}

/**
 * The modules of src/runtime that have a family section, each with the section the table writes there: the entries,
 * and the families an entry holds apart.
 */
export function sectionModules(): { module: string; section: () => string }[] {
  return (Object.keys(ENTRIES) as EntryName[]).flatMap((entry) => [
    { module: entry, section: () => entrySection(entry) },
    ...Object.entries(ENTRIES[entry].apart ?? {}).map(([family, module]) => ({
      module: module!,
      section: () => apartSection(entry, family as FamilyName),
    })),
  ]);
}

/**
 * `text` (the source of src/runtime/`module`.ts) with its family section written afresh: `section`, which is its
 * section (sectionModules) as the script formats it; throws when it has no section.
 */
export function withEntrySection(module: string, text: string, section: string): string {
  const start = text.indexOf(SECTION_START);
  const end = text.indexOf(SECTION_END);
  if (start < 0 || end < start)
    throw new Error(`src/runtime/${module}.ts: no family section (${SECTION_START} … ${SECTION_END})`);
  return text.slice(0, start) + section + text.slice(end + SECTION_END.length);
}

/**
 * The runtime's modules in the order they import each other: the caller, each family's, the entries and their own (a
 * family an entry holds apart before the entry).
 */
export function runtimeModules(): { all: string[]; standalone: string[]; familyOf: Record<string, FamilyName> } {
  const families = FAMILIES.flatMap((family) => family.modules);
  const familyOf: Record<string, FamilyName> = {};
  for (const family of FAMILIES) for (const module of family.modules) familyOf[module] = family.name;
  return {
    all: [
      ...COMMON_MODULES,
      ...families,
      ...Object.entries(ENTRIES).flatMap(([name, entry]) => [...entry.own, ...Object.values(entry.apart ?? {}), name]),
    ],
    // The local copy: the native entry and everything it imports.
    standalone: [...COMMON_MODULES, ...families, ...ENTRIES.native.own, 'native'],
    familyOf,
  };
}
