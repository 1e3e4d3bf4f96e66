/**
 * Every option a user can hand to the package, described once. From this one table come:
 * the TypeScript types of each door's options (RewriteOptions, the Taro plugin's options),
 * the check every door runs and its messages, Taro's joi schema for the plugin, and the
 * command-line flags of the options the CLI exposes, the ESLint rule's option schema. Loads
 * no parser.
 */
import { validateRecordOptions, type DeniedPrompt, type RecordCompatOptions } from '../../shared/recording-options';
import { isPlainObject, isStringArray, readOwnValues, shownValue } from './given-values';
import { oxcLoadFailure } from './oxc';
import { DEFAULT_IMPORT_SOURCE, MIGRATION_FAMILIES, PACKAGE_NAME } from './legacy-apis';

/** Every message about bad input (options, toolchains) starts with this. */
export const MESSAGE_PREFIX = `[${PACKAGE_NAME}]`;

/**
 * Who reads an option: `engine` is the rewrite itself (the Babel plugin, the jscodeshift
 * transform, the text rewrite the CLI and the build hooks call), `plugin` the Taro build
 * plugin's config, `cli` the command line, `eslint` the ESLint rule's options.
 */
export type OptionDoor = 'engine' | 'plugin' | 'cli' | 'eslint';

const DOOR_LABELS: Record<OptionDoor, string> = {
  engine: 'rewrite',
  plugin: 'plugin',
  cli: 'command-line',
  eslint: 'ESLint rule',
};

type Rule =
  | { type: 'boolean' }
  /** A non-empty string; with `pattern`, one that matches it. */
  | { type: 'string'; what: string; pattern?: RegExp }
  | { type: 'oneOf'; values: readonly string[] }
  /** An array of strings, each matching `pattern`. */
  | { type: 'names'; pattern: RegExp; what: string }
  /** A non-empty array of strings, each one of `values` (a door that reads strings takes them comma-separated). */
  | { type: 'someOf'; values: readonly string[]; what: string }
  /** A positive number. */
  | { type: 'number'; integer?: boolean }
  /** `deniedPrompt`: true, false, or the texts of the prompt. */
  | { type: 'prompt' }
  /** An array of gitignore patterns, each one that makes a rule (excludePatternProblem). */
  | { type: 'patterns'; what: string };

interface OptionSpec {
  rule: Rule;
  doors: readonly OptionDoor[];
  /** One line, for `--help` and the docs. */
  summary: string;
  /** A recording default handed to the runtime, whose own rules (validateRecordOptions) apply on top. */
  recording?: true;
  /** The command line's flag, where it is not the option's name (`--format`: the name `format` is a recording one). */
  flag?: string;
}

// npm package names: an optional @scope/, then the name.
const PACKAGE_NAME_PATTERN = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i;
const IDENTIFIER_PATTERN = /^[A-Za-z_$][\w$]*$/;
/**
 * What a module specifier the rewrite writes into an import may be: a package name as npm allows
 * it, with a path inside the package after it (`my-runtime`, `@scope/pkg/entry`); or a path:
 * relative, absolute (a Windows drive too), or under a bundler's alias (`@/`, `~/`) or Node's
 * `#` imports. No specifier has a line break or another control character, a backslash (its
 * separator is `/`) or spaces at either end. A quote can be part of a folder's name: the
 * rewrite writes it escaped (literals.ts, codeOfString), as it writes every string.
 */
const MODULE_SPECIFIER =
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  /^(?!\s)(?!.*\s$)(?:\.{1,2}(?:\/|$)|\/|[a-z]:\/|[@~]\/|#(?=.)|(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/|$))[^\x00-\x1f\x7f\u2028\u2029\\]*$/i;
const PROMPT_KEYS = ['title', 'content', 'confirmText', 'cancelText'] as const;

/**
 * Where the command line's rewritten code takes the runtime from (`--runtime`): `auto`, the
 * default, chooses per file (project-options.ts, runtimeRouteOf): a local copy in a native
 * mini-program WeChat loads as it is, the package elsewhere; `package` and `local[=<path>]` are
 * the user's own choice, for every file.
 */
export const RUNTIME_CHOICES = ['auto', 'package', 'local'] as const;
export type RuntimeChoice = (typeof RUNTIME_CHOICES)[number];
export const DEFAULT_RUNTIME: RuntimeChoice = 'auto';

/**
 * What the command line's report is written as (`--format`): the text for a person, our own JSON (`--json`), SARIF for
 * code scanning, GitHub Actions workflow commands, or Markdown for a pull request.
 */
export const REPORT_FORMATS = ['text', 'json', 'sarif', 'github', 'markdown'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The parsers the text rewrite can read a script with (`auto`: oxc where it loads, else Babel). */
export const PARSER_CHOICES = ['auto', 'babel', 'oxc'] as const;
export type ParserChoice = (typeof PARSER_CHOICES)[number];

export const OPTIONS = {
  // ---- the rewrite ----
  importSource: {
    rule: {
      type: 'string',
      what: `a module specifier: a package name, with a path inside it or not ("my-runtime", "@scope/pkg/entry"), or a relative or absolute path or an alias ("./utils/record-compat", "@/utils/record-compat"); without a backslash, a line break or another control character, or spaces at either end (default "${DEFAULT_IMPORT_SOURCE}")`,
      pattern: MODULE_SPECIFIER,
    },
    doors: ['engine', 'plugin', 'eslint'],
    summary: 'the module the rewritten calls import the runtime from',
  },
  moduleStyle: {
    rule: { type: 'oneOf', values: ['import', 'require'] },
    doors: ['engine'],
    summary: 'import or require the runtime (default: decided from the file)',
  },
  reservedNames: {
    rule: { type: 'names', pattern: IDENTIFIER_PATTERN, what: 'an array of identifiers' },
    doors: ['engine'],
    summary: "names the runtime's local bindings must not take (a Vue component's other script block)",
  },
  componentScript: {
    rule: { type: 'string', what: "the text of a Vue component's plain <script> block" },
    doors: ['engine'],
    summary:
      "for a Vue component's <script setup> block: the text of its plain <script>, whose imports and top-level names the block sees (Vue compiles both into one module)",
  },
  setupScript: {
    rule: { type: 'string', what: "the text of a Vue component's <script setup> block" },
    doors: ['engine'],
    summary:
      "for a Vue component's plain <script> block: the text of its <script setup>, which sees the block's top-level names (their legacy bindings are then left for a person)",
  },
  routeRecorderManager: {
    rule: { type: 'boolean' },
    doors: ['engine', 'eslint'],
    // docs/contract.md, Decision R12
    summary:
      "also route the app's own getRecorderManager() through the runtime (only for a project that has legacy record calls)",
  },
  routeBackgroundAudioManager: {
    rule: { type: 'boolean' },
    doors: ['engine', 'eslint'],
    // docs/contract.md, Decision B4
    summary:
      "also route the app's own getBackgroundAudioManager() through the runtime (only for a project that has legacy background-audio calls)",
  },
  routeCanvasPixels: {
    rule: { type: 'boolean' },
    // Not the ESLint rule's, which moves no canvas: the codemod and the build decide it, with the templates they write (C4).
    doors: ['engine'],
    summary:
      'also route canvasToTempFilePath, canvasGetImageData and canvasPutImageData through the runtime (only for a project where a canvas moves to Canvas 2D)',
  },
  taroWrapper: {
    rule: { type: 'boolean' },
    doors: ['engine', 'eslint'],
    // docs/contract.md, Decision R9 and #taro-wrapper
    summary:
      'the project is on Taro < 3.3.1: Taro.* calls of the APIs its wrapper took keep returning a Promise (the CLI and the build plugin decide it from the project)',
  },
  families: {
    rule: { type: 'someOf', values: MIGRATION_FAMILIES, what: 'a list of families' },
    doors: ['engine', 'plugin', 'cli', 'eslint'],
    // A family not chosen is left as it is, and every summary counts its calls ("left as chosen").
    summary: `the families of deprecated APIs to migrate, of ${MIGRATION_FAMILIES.join(', ')} (default: all); the calls of the others are left as they are, and counted`,
  },
  parser: {
    rule: { type: 'oneOf', values: PARSER_CHOICES },
    doors: ['engine', 'plugin', 'cli', 'eslint'],
    summary: 'the parser of the text rewrite: auto (oxc where it loads, else Babel), babel or oxc',
  },
  // ---- the build and the command line ----
  runtime: {
    rule: {
      type: 'string',
      what: 'auto, package, local or local=<path>',
      pattern: /^(?:auto|package|local(?:=[^]+)?)$/,
    },
    doors: ['cli'],
    summary:
      'where rewritten code takes the runtime from: auto (the default: a copy written into a native mini-program WeChat loads as it is, unless its npm build holds the runtime package; the package everywhere else), package, or local[=<path>] (a copy written into the project)',
  },
  include: {
    rule: {
      type: 'names',
      pattern: PACKAGE_NAME_PATTERN,
      what: 'an array of package names such as ["my-sdk", "@scope/pkg"]',
    },
    doors: ['plugin'],
    summary: 'packages under node_modules whose code is rewritten too',
  },
  reportFormat: {
    rule: { type: 'oneOf', values: REPORT_FORMATS },
    doors: ['cli'],
    flag: 'format',
    summary:
      'how the codemod and the audit write their report on stdout: text (the default), json (as --json), sarif (SARIF 2.1.0, for code scanning), github (GitHub Actions annotations) or markdown (a summary for a pull request)',
  },
  strict: {
    rule: { type: 'boolean' },
    doors: ['plugin', 'cli'],
    summary: 'fail (the build; the run with exit code 1) when places are left for manual review',
  },
  exclude: {
    rule: {
      type: 'patterns',
      what: 'gitignore patterns relative to the current folder, one line each, such as "legacy/", "**/*.gen.js" or "!legacy/keep.js"',
    },
    // Not the build plugin's: a build takes Taro's own compile.exclude.
    doors: ['cli'],
    summary:
      "leave out the files and folders a gitignore pattern matches, relative to the current folder (repeatable); an excluded file that names a legacy API is named in the summary. The build plugin takes Taro's compile.exclude instead",
  },
  report: {
    rule: { type: 'boolean' },
    doors: ['plugin'],
    summary: 'print the one-line summary at the end of each build (default true)',
  },
  // ---- recording defaults, handed to the runtime ----
  durationMs: {
    rule: { type: 'number' },
    doors: ['plugin'],
    recording: true,
    summary: 'longest recording in ms (default 60000, the legacy minute)',
  },
  format: {
    rule: { type: 'string', what: 'one of aac, mp3, wav, PCM, pcm' },
    doors: ['plugin'],
    recording: true,
    summary: "aac, mp3, wav or PCM (pcm: Baidu's spelling; the build gives each platform its own)",
  },
  sampleRate: {
    rule: { type: 'number', integer: true },
    doors: ['plugin'],
    recording: true,
    summary: 'samples per second',
  },
  numberOfChannels: { rule: { type: 'number', integer: true }, doors: ['plugin'], recording: true, summary: '1 or 2' },
  encodeBitRate: {
    rule: { type: 'number', integer: true },
    doors: ['plugin'],
    recording: true,
    summary: 'bits per second, within the sample rate range',
  },
  deniedPrompt: {
    rule: { type: 'prompt' },
    doors: ['plugin'],
    recording: true,
    summary: 'ask a user who denied the microphone to open the settings',
  },
  stopTimeoutMs: {
    rule: { type: 'number' },
    doors: ['plugin'],
    recording: true,
    summary: 'fail a recording whose onStop has not come this many ms after stop()',
  },
} as const satisfies Record<string, OptionSpec>;

type Options = typeof OPTIONS;
export type OptionName = keyof Options;

type ValueOf<R> = R extends { type: 'boolean' }
  ? boolean
  : R extends { type: 'oneOf'; values: readonly (infer V)[] }
    ? V
    : R extends { type: 'string' }
      ? string
      : R extends { type: 'names' }
        ? readonly string[]
        : R extends { type: 'someOf'; values: readonly (infer V)[] }
          ? readonly V[]
          : R extends { type: 'number' }
            ? number
            : R extends { type: 'prompt' }
              ? boolean | DeniedPrompt
              : R extends { type: 'patterns' }
                ? readonly string[]
                : never;

/** The options one door reads, all optional. */
export type OptionsOf<D extends OptionDoor> = {
  -readonly [K in OptionName as D extends Options[K]['doors'][number] ? K : never]?: ValueOf<Options[K]['rule']>;
};

export const OPTION_NAMES = Object.keys(OPTIONS) as OptionName[];

/** The option names a door reads, in table order. */
export function optionNamesOf(door: OptionDoor): OptionName[] {
  return OPTION_NAMES.filter((name) => (OPTIONS[name].doors as readonly OptionDoor[]).includes(door));
}

/** The command line's flag of an option, without its dashes: its own name unless the table names another. */
export function cliFlagOf(name: OptionName): string {
  return (OPTIONS[name] as OptionSpec).flag ?? name;
}

/** The recording defaults (handed to the runtime), in table order. */
export const RECORDING_OPTION_NAMES = OPTION_NAMES.filter((name) => (OPTIONS[name] as OptionSpec).recording);

/** A bad option: the message names it and says what is allowed. The stack would say nothing more. */
export class OptionsError extends Error {
  constructor(detail: string) {
    super(`${MESSAGE_PREFIX} ${detail}`);
    this.name = 'OptionsError';
    this.stack = `${this.name}: ${this.message}`;
  }

  /**
   * The message without the package's prefix, for a door that adds its own (the CLI's "error:"). A getter: not printed
   * as a field of the error.
   */
  get detail(): string {
    return this.message.slice(MESSAGE_PREFIX.length + 1);
  }
}

/** What a rule allows, in the words of the messages. */
function allowed(rule: Rule): string {
  switch (rule.type) {
    case 'boolean':
      return 'true or false';
    case 'string':
    case 'names':
      return rule.what;
    case 'oneOf':
      return oneOfWords(rule.values);
    case 'someOf':
      return `${rule.what}, each one of ${oneOfWords(rule.values)}`;
    case 'number':
      // Joi, which Taro checks the options with, refuses a number past the safe integers.
      return `${rule.integer ? 'a positive whole number' : 'a positive number'} up to ${Number.MAX_SAFE_INTEGER}`;
    case 'prompt':
      return `true, false or an object with string ${PROMPT_KEYS.join(', ')}`;
    case 'patterns':
      return rule.what;
  }
}

/**
 * What an option allows, in the words of the messages (a door that names the option itself, as commander does, says the
 * rest).
 */
export function allowedWords(name: OptionName): string {
  return allowed(OPTIONS[name].rule);
}

/** `'a', 'b' or 'c'`. */
function oneOfWords(values: readonly string[]): string {
  return values
    .map((v) => `'${v}'`)
    .join(', ')
    .replace(/, ([^,]*)$/, ' or $1');
}

function follows(rule: Rule, value: unknown): boolean {
  switch (rule.type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return (
        typeof value === 'string' && value.trim() !== '' && (rule.pattern === undefined || rule.pattern.test(value))
      );
    case 'oneOf':
      return typeof value === 'string' && rule.values.includes(value);
    case 'names':
      return isStringArray(value) && value.every((v) => rule.pattern.test(v));
    case 'someOf':
      return isStringArray(value) && value.length > 0 && value.every((v) => rule.values.includes(v));
    case 'number':
      return (
        typeof value === 'number' &&
        value > 0 &&
        value <= Number.MAX_SAFE_INTEGER &&
        (!rule.integer || Number.isInteger(value))
      );
    case 'prompt':
      return typeof value === 'boolean' || (isPlainObject(value) && isPrompt(readOwnValues(value)));
    case 'patterns':
      return isStringArray(value) && value.every((v) => excludePatternProblem(v) === null);
  }
}

/** A prompt's texts: known keys only, each a string (a getter that throws makes none). */
function isPrompt(read: ReturnType<typeof readOwnValues>): boolean {
  return (
    'values' in read &&
    Object.entries(read.values).every(
      ([k, v]) => (PROMPT_KEYS as readonly string[]).includes(k) && typeof v === 'string',
    )
  );
}

/**
 * Why a gitignore pattern given to `exclude` makes no rule, or one that matches nothing; null for
 * a good one. Git (and the matcher, ignore-patterns.ts, which follows it) passes over a blank
 * line, a comment, a lone `!` and a line ending in an unescaped backslash: a user who typed one
 * meant something else. A pattern is one line of a .gitignore in the current folder: it never
 * reaches above it, and git reads `./` in it as no folder at all.
 */
export function excludePatternProblem(pattern: string): string | null {
  if (/[\r\n]/.test(pattern)) return 'it holds a line break: give each pattern its own --exclude';
  const trimmed = gitTrimmed(pattern);
  if (trimmed === '') return 'it is blank';
  if (trimmed.startsWith('#')) return 'git reads it as a comment (# first): write \\# for a name that starts with #';
  if (trimmed === '!') return 'a lone ! re-includes nothing: write !<pattern>';
  if (oddBackslashesBefore(trimmed, trimmed.length)) return 'it ends in a lone backslash, which git passes over';
  const body = trimmed.replace(/^!?\/?/, '');
  if (/^\.\.(?:\/|$)/.test(body)) return 'it reaches above the current folder: run from a folder that holds it';
  if (/^\.(?:\/|$)/.test(body))
    return 'git matches no path by ./: write the path without it (src/legacy, or /src/legacy)';
  return null;
}

/** A pattern as git reads it: without the spaces at its end that no backslash escapes. */
function gitTrimmed(pattern: string): string {
  let end = pattern.length;
  while (end > 0 && pattern[end - 1] === ' ' && !oddBackslashesBefore(pattern, end - 1)) end--;
  return pattern.slice(0, end);
}

/** Whether an odd run of backslashes ends at `at` (the character there is escaped). */
function oddBackslashesBefore(text: string, at: number): boolean {
  let count = 0;
  while (at - count - 1 >= 0 && text[at - count - 1] === '\\') count++;
  return count % 2 === 1;
}

/**
 * Checks the options a door was given, the one gate of every door's options: a plain object
 * (undefined: none), known names only, each value read once (a getter that throws is named) and
 * as its rule says, and the recording defaults as the runtime's own rules say. Returns what was
 * read and checked; throws OptionsError, whose message names the option, what it allows and
 * the value as given (shownValue).
 */
export function checkOptions<D extends OptionDoor>(raw: unknown, door: D): OptionsOf<D> {
  if (raw === undefined) return {};
  const invalid = (detail: string) => new OptionsError(`invalid ${DOOR_LABELS[door]} options: ${detail}`);
  if (!isPlainObject(raw)) throw invalid(`options must be a plain object ({ … }), got ${shownValue(raw)}`);
  const read = readOwnValues(raw);
  if ('unreadable' in read) throw invalid(`option ${JSON.stringify(read.unreadable)} could not be read: ${read.why}`);
  const names = optionNamesOf(door);
  for (const [name, value] of Object.entries(read.values)) {
    if (!(names as string[]).includes(name)) throw invalid(unknownOption(name, names));
    const rule: Rule = OPTIONS[name as OptionName].rule;
    if (value !== undefined && !follows(rule, value))
      throw invalid(`option "${name}" must be ${allowed(rule)}, got ${shownValue(value)}`);
  }
  const problem = validateRecordOptions(recordingPart(read.values));
  // The runtime's words start with the option's name: quoted here as in the messages above.
  if (problem) throw invalid(`option ${problem.replace(/^\w+/, (name) => `"${name}"`)}`);
  return read.values as OptionsOf<D>;
}

/** What is said of an option no door of this kind reads: its name, and the ones allowed. */
function unknownOption(name: string, allowedNames: readonly string[]): string {
  return `unknown option ${JSON.stringify(name)}; allowed options are ${allowedNames.join(', ')}`;
}

/** Only the recording defaults of a door's options (what the build hands to the runtime). */
export function recordingPart(options: Record<string, unknown>): RecordCompatOptions {
  const recording: Record<string, unknown> = {};
  for (const name of RECORDING_OPTION_NAMES) if (options[name] !== undefined) recording[name] = options[name];
  return recording as RecordCompatOptions;
}

/**
 * Options that arrive as strings (jscodeshift's `--routeRecorderManager=false`, an
 * environment variable): booleans from 'true'/'false', the rest as given. Only the names
 * the door reads are kept: jscodeshift hands a transform its own options too. With
 * `others`, the names that come along and are not ours (jscodeshift's own), any other name
 * is a misspelling and an error that names it and the allowed ones.
 */
export function optionsFromStrings<D extends OptionDoor>(
  raw: Record<string, unknown>,
  door: D,
  names: readonly OptionName[] = optionNamesOf(door),
  others?: readonly string[],
): OptionsOf<D> {
  if (others) {
    const unknown = Object.keys(raw).find(
      (name) => raw[name] !== undefined && !(names as readonly string[]).includes(name) && !others.includes(name),
    );
    if (unknown !== undefined)
      throw new OptionsError(`invalid ${DOOR_LABELS[door]} options: ${unknownOption(unknown, names)}`);
  }
  const picked: Record<string, unknown> = {};
  for (const name of names) {
    const value = raw[name];
    if (value === undefined) continue;
    picked[name] = fromString(OPTIONS[name].rule, value);
  }
  return checkOptions(picked, door);
}

/**
 * A value as a door that reads strings gives it: a boolean from 'true'/'false', a list from its comma-separated items;
 * the rest as given.
 */
function fromString(rule: Rule, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (rule.type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  if (rule.type === 'someOf') return value.split(',').map((item) => item.trim());
  return value;
}

/** A list option written on a command line (`--families record,voice`): its items, for checkOptions. */
export function listFromString(name: OptionName, value: string): unknown {
  return fromString(OPTIONS[name].rule, value);
}

/**
 * The same table as Taro's joi schema (`ctx.addPluginOptsSchema`). Taro replaces joi's
 * reason with a generic message, so checkOptions runs first and is what users read; this
 * keeps Taro's own check in step with it. `joi` is Taro's instance, typed loosely so the
 * published types do not depend on joi.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- joi's instance, see above
export function joiSchemaOf(joi: any, door: OptionDoor): unknown {
  const keys: Record<string, unknown> = {};
  for (const name of optionNamesOf(door)) {
    const rule: Rule = OPTIONS[name].rule;
    switch (rule.type) {
      case 'boolean':
        keys[name] = joi.boolean();
        break;
      case 'string':
        keys[name] = rule.pattern ? joi.string().pattern(rule.pattern) : joi.string().trim().min(1);
        break;
      case 'oneOf':
        keys[name] = joi.string().valid(...rule.values);
        break;
      case 'names':
        keys[name] = joi.array().items(joi.string().pattern(rule.pattern));
        break;
      case 'someOf':
        keys[name] = joi
          .array()
          .items(joi.string().valid(...rule.values))
          .min(1);
        break;
      case 'number':
        keys[name] = rule.integer ? joi.number().integer().positive() : joi.number().positive();
        break;
      case 'prompt':
        keys[name] = joi
          .alternatives()
          .try(joi.boolean(), joi.object(Object.fromEntries(PROMPT_KEYS.map((k) => [k, joi.string()]))));
        break;
      case 'patterns':
        keys[name] = joi.array().items(joi.string());
        break;
    }
  }
  return joi.object(keys).unknown(false);
}

/**
 * Whether `specifier` is one the rewrite may write into an import (MODULE_SPECIFIER): the CLI's `--runtime local=`
 * path, before its files are read.
 */
export function isModuleSpecifier(specifier: string): boolean {
  return MODULE_SPECIFIER.test(specifier);
}

/** The module rewritten code imports the runtime from: the option, else the Taro entry. */
export function importSourceOf(options: { importSource?: string }): string {
  return options.importSource ?? DEFAULT_IMPORT_SOURCE;
}

/**
 * The table's option names as a JSON Schema (the ESLint rule's `meta.schema`): ESLint refuses a
 * name it does not list, and says which names it expects. The values are left to checkOptions,
 * which the rule runs when it starts: ESLint's own words for a value the schema refuses
 * ("Value "acorn" should be equal to one of the allowed values", "Value "yes" should be boolean")
 * name neither the option nor what it allows, where checkOptions names both, as every door does.
 */
export function jsonSchemaOf(door: OptionDoor): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const name of optionNamesOf(door)) properties[name] = { description: (OPTIONS[name] as OptionSpec).summary };
  return { type: 'object', properties, additionalProperties: false };
}

/** The environment variable that overrides the `parser` option (documented once, in docs/codemod.md). */
export const PARSER_ENV = 'RECORD_COMPAT_PARSER';

/**
 * The parser to use: the option, else the environment's override of the default, else
 * auto. The environment is read here only, and only when no door passed the option.
 */
export function parserChoice(option: ParserChoice | undefined): ParserChoice {
  if (option !== undefined) return option;
  const value = process.env[PARSER_ENV];
  if (value === undefined || value === '') return 'auto';
  if (!(PARSER_CHOICES as readonly string[]).includes(value))
    throw new OptionsError(`${PARSER_ENV}=${value}: the parser must be ${allowed(OPTIONS.parser.rule)}`);
  return value as ParserChoice;
}

/** The parser is oxc, and oxc-parser does not load here: what to use instead. */
export function oxcUnavailableError(): OptionsError {
  return new OptionsError(
    `the parser is oxc (option "parser" or ${PARSER_ENV}), but ${oxcLoadFailure()}. Use the parser "auto" (oxc where it loads, else Babel) or "babel"`,
  );
}

/**
 * The parser choice, checked where a door starts (the CLI's command line, the Taro plugin's
 * options, the ESLint rule's): a bad environment value, or oxc where oxc-parser does not load
 * (Node before 20.19, a platform without its binary), is one OptionsError before any file,
 * not a failure of each file. Tries to load oxc only when oxc is asked for.
 */
export function checkParserChoice(option: ParserChoice | undefined): void {
  if (parserChoice(option) === 'oxc' && oxcLoadFailure() !== null) throw oxcUnavailableError();
}
