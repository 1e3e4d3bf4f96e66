/**
 * The command line, for both commands: one commander program whose root is the migration
 * (`taro-plugin-record-compat [paths…]`) and whose `audit` subcommand is the audit. argv
 * in, the chosen command and its checked options out. Nothing here touches the file
 * system beyond checking that the given paths exist and where `--runtime local=<path>` would write.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { AuditCliOptions } from '../audit/types';
import { checkParserChoice, DEFAULT_RUNTIME, isModuleSpecifier, OPTIONS, OptionsError, PACKAGE_NAME, PARSER_CHOICES, printable, RUNTIME_PACKAGE, toPosixPath, undecodableNamesAt, type EvaluatedCopies, type ParserChoice } from '../rewrite/light';
import { checkEnvironment } from './environment';
import { errorJson } from './error-json';
import type { Invocation } from './next-steps';
import { localRuntimePathProblem, type RuntimeMode } from './runtime-target';

export interface CliOptions {
  /** Absolute paths to walk, in the order given. */
  paths: string[];
  dry: boolean;
  print: boolean;
  json: boolean;
  force: boolean;
  strict: boolean;
  runtime: RuntimeMode;
  /** The text rewrite's parser; undefined: the default (RECORD_COMPAT_PARSER, else auto). */
  parser?: ParserChoice;
  cwd: string;
  /** The copy patterns Taro evaluated, when its CLI runs the program (ProgramDoor). */
  taroCopies?: EvaluatedCopies;
  /** How the program was called: the commands of the next steps are the user's own. */
  invocation: Invocation;
}


/** A bad command line: exit code 2, with a message that names the argument. */
export class UsageError extends Error {
  /** The line asked for JSON (asksForJson): the error is printed as JSON on stdout too. */
  json = false;

  constructor(
    message: string,
    /** --help would tell how to write the line (not so for a current folder that is gone). */
    readonly helpHelps = true,
  ) {
    super(message);
  }
}

/**
 * Whether a command line asks for JSON: `--json` anywhere before a `--`, read from the words
 * themselves so that a usage error elsewhere on the line (`--json --bogus`, a bad value before
 * `--json`) is answered in JSON too, although commander stops before it has read every option.
 */
export function asksForJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

export type CommandLine =
  | { kind: 'migrate'; options: CliOptions }
  | { kind: 'audit'; options: AuditCliOptions }
  /** --help, --version, or a bad argument commander caught: what to print (a usage error as JSON too, under --json), and the exit code. */
  | { kind: 'exit'; code: number; stdout: string; stderr: string };

export const BIN_NAME = PACKAGE_NAME;

const HELP_AFTER = `
What it does:
  Rewrites calls of the deprecated startRecord / stopRecord, playVoice /
  pauseVoice / stopVoice and background-audio APIs (playBackgroundAudio,
  pauseBackgroundAudio, seekBackgroundAudio, stopBackgroundAudio,
  getBackgroundAudioPlayerState, onBackgroundAudioPlay/Pause/Stop; wx.*, qq.*,
  Taro.*, aliases, destructured and required forms) into calls of a small
  runtime built on getRecorderManager(), createInnerAudioContext() and
  getBackgroundAudioManager(), and adds one import per file.
  createAudioContext is migrated where its <audio> (read from the .wxml
  beside the script, the .vue template or the file's JSX) is rendered once
  and shows and tells the page nothing: an <audio> with controls or
  bind*/on* handlers, one in a list or under a condition (wx:for, wx:if,
  .map, &&), a bound src never set with setSrc, no template found, and the
  other cases docs/legacy-apis.md names are listed for manual review with the
  template's file:line and the reason. Handles .js .jsx .ts .tsx .mjs .cjs .mts .cts
  and the <script> blocks of .vue files (templates and styles stay
  byte-identical). Files that cannot mention the APIs are never parsed.

What it skips:
  paths git ignores (.gitignore files, nested ones too, info/exclude, the
  user's core.excludesFile; a file git tracks is taken all the same),
  node_modules, dist, build,
  unpackage, coverage, miniprogram_npm, hidden folders, .d.ts, minified files, files over
  1 MB, WeChat web JS-SDK code. Symbolic links are not followed. A folder
  named here that git ignores is skipped with a warning; a file named here is
  always taken.

Runtime (--runtime auto, the default): decided file by file.
  A file of a native mini-program that WeChat loads as it is (its
  project.config.json names the folder of app.json as miniprogramRoot, or a
  plugin's folder as pluginRoot), or of one with no package.json at or above
  it, gets a copy of the runtime written into its mini-program (as with the
  option local), unless WeChat's npm build holds the runtime: a package.json
  it builds for that folder (inside the root, or as setting.packNpmRelationList
  says with setting.packNpmManually) lists ${RUNTIME_PACKAGE} in its
  dependencies; then, as every other file, it imports the package. With
  --dry, the summary says which route the files take and which copies would
  be written; --print shows each file that would change, and each copy.

Runtime entry (--runtime package, and the default's package route):
  A file that imports @tarojs/taro, or whose nearest package.json depends on
  it, imports record-compat-runtime; any other file (a native mini-program)
  imports record-compat-runtime/native (the runtime's package, which the app
  lists in its dependencies; this tool stays a devDependency). A file that
  Taro's copy option copies without bundling (copy.patterns in config/index.*)
  fails instead: migrate its folder with --runtime local=<folder>/record-compat.js.
  With --runtime package, so does a file of a native mini-program WeChat loads
  as it is whose npm build does not hold the runtime, or one with no
  package.json at or above it: nothing installs the package there.

Runtime entry (--runtime local[=path], and the default's local route):
  Writes a standalone copy of the runtime into the project and imports it by
  relative path: no new dependency, works without a bundler. The copy holds
  only the families the migrated files import (record, voice, background
  audio, createAudioContext); a later run adds the ones new code needs. Default: one copy
  per native mini-program, <dir of app.json>/utils/record-compat, and one in
  each independent subpackage, <its root>/utils/record-compat (their files may
  require nothing outside it); a file in no mini-program: src/utils/record-compat,
  else utils/record-compat under the first path. .ts in a TypeScript project
  (a tsconfig.json is found), .js otherwise. An explicit path is relative to
  the current folder and names a .js or .ts file (not a folder) inside the
  git repository (else the package) being migrated; a file whose mini-program
  root or independent subpackage does not hold it fails, left as it is. An
  existing copy of another version (or edited) is replaced only with --force;
  a file there that this tool did not write
  (no runtime copy) is never replaced: the run is refused, choose another path.

Safety:
  Refuses to write into a git working tree with uncommitted changes (including
  untracked files, and files it would rewrite that are marked skip-worktree or
  assume-unchanged, whose changes git hides) unless --force; a folder outside
  git is migrated with a warning. A file that fails is reported and left
  byte-for-byte untouched; the run goes on. Writes are atomic and keep the file's mode, line endings and BOM.
  Output that does not re-parse is never written.

Exit codes:
  0  nothing failed
  1  a file failed, the run was refused (dirty tree, runtime copy conflict),
     or, with --strict, places are left for manual review
  2  usage error

Audit (type-aware, what is left; see 'npx ${BIN_NAME} audit --help'):
  npx ${BIN_NAME} audit [paths] [--project tsconfig.json] [--verify] [--json] [--strict]

From Taro's CLI (the build plugin in config/index.ts), on the config's sourceRoot:
  taro record-compat [migrate|audit] [options]

ESLint (keeps the calls from coming back; its fix is this migration's edit):
  taro-plugin-record-compat/eslint, rule record-compat/no-deprecated-api

Parser: --parser overrides RECORD_COMPAT_PARSER (auto, babel or oxc), which
  overrides the default, auto: oxc-parser where it loads, else Babel.

Examples:
  npx ${BIN_NAME}                      migrate the current folder
  npx ${BIN_NAME} src --dry --print    show the diff, write nothing
  npx ${BIN_NAME} miniprogram --runtime local
  npx ${BIN_NAME} . --json > report.json
`;

function parseRuntime(value: string): RuntimeMode {
  if (value === 'auto') return { kind: 'auto' };
  if (value === 'package') return { kind: 'package' };
  if (value === 'local') return { kind: 'local' };
  if (value.startsWith('local=')) {
    const p = value.slice('local='.length);
    if (p.trim() === '') throw new InvalidArgumentError('local= needs a path, e.g. local=src/utils/record-compat.ts');
    return { kind: 'local', path: p };
  }
  throw new InvalidArgumentError('expected auto, package, local or local=<path>');
}

const AUDIT_HELP_AFTER = `
Finds every remaining reference to the deprecated APIs (startRecord/stopRecord,
playVoice/pauseVoice/stopVoice, the background-audio API, and createAudioContext,
which the rewrite takes where the page neither shows nor listens to its <audio>) with the
TypeScript type checker, and says whether the rewrite handles it, or why not.

Exit codes:
  0  nothing is left for a person
  1  references that need a person remain (with --strict: any reference, warning
     or place only the rewrite sees), or --verify found new type errors
  2  usage error
`;

/** The parser option, as the options table describes it. */
function parserOption(): Option {
  return new Option('--parser <name>', OPTIONS.parser.summary).choices(PARSER_CHOICES);
}

/** What the program's actions chose; set by the one that ran. */
type Chosen = { command: 'migrate'; paths: string[]; opts: Record<string, unknown> } | { command: 'audit'; paths: string[]; opts: Record<string, unknown> };

/**
 * Who runs the program: the npx bin (the defaults), or another door that hands it a
 * command line, such as `taro record-compat` (its name in the usage, and the paths to
 * work on when none are given: the Taro project's source root).
 */
export interface ProgramDoor {
  name?: string;
  /** The words the user typed after `name`, where the door adds its own (Taro's adds the audit's --project): what a next step repeats. */
  typed?: string[];
  defaultPaths?: string[];
  /** The Taro project's copy patterns as Taro evaluated its config: no need to read them from its text. */
  taroCopies?: EvaluatedCopies;
}

function buildProgram(version: string, choose: (chosen: Chosen) => void, name: string): Command {
  const program = new Command(name)
    .description('Migrate startRecord/stopRecord, playVoice/pauseVoice/stopVoice, background-audio and createAudioContext calls to the runtime built on RecorderManager, InnerAudioContext and BackgroundAudioManager.')
    .usage('[options] [paths...]')
    .argument('[paths...]', 'files or folders to migrate (default: .)')
    .option('--dry', 'write nothing; report what would change')
    .option('--print', 'print a coloured unified diff of every change')
    .option('--json', 'print a machine-readable JSON report on stdout (human output goes away)')
    .addOption(
      new Option('--runtime <mode>', 'auto | package | local | local=<path>: where rewritten code imports the runtime from (auto: per file, a copy where WeChat loads a mini-program as it is)')
        .argParser(parseRuntime)
        .default({ kind: DEFAULT_RUNTIME }, DEFAULT_RUNTIME),
    )
    .option('--force', 'write into a git tree with uncommitted changes; replace a local runtime copy of another version (never a file this tool did not write)')
    .option('--strict', 'exit 1 when places are left for manual review')
    .addOption(parserOption())
    .option('--no-color', 'no colours in the output')
    .version(version, '-V, --version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', HELP_AFTER)
    .showHelpAfterError('(run with --help for usage)')
    .allowExcessArguments(true)
    // Options after `audit` are the audit's own.
    .enablePositionalOptions()
    .exitOverride()
    .action((paths: string[], opts: Record<string, unknown>) => choose({ command: 'migrate', paths, opts }));
  program
    .command('audit')
    .description('type-aware: what is left, and does the migrated code still type-check')
    .usage('[paths...] [options]')
    .argument('[paths...]', 'files or folders to audit (default: the project of the first path, or the current folder)')
    .option('-p, --project <file>', 'tsconfig.json or jsconfig.json (default: found in the first path or cwd; none: a plain JavaScript project)')
    .option('--verify', 'type-check the files changed since --baseline and report new diagnostics')
    .option('--baseline <ref>', 'git revision holding the text before migration (default: HEAD)')
    .option('--json', 'print the result as JSON')
    .option('--strict', 'exit 1 when any reference remains, even one the rewrite handles (and on warnings, or places only the rewrite sees)')
    .option('--no-color', 'no colours in the output (also honoured: NO_COLOR, FORCE_COLOR)')
    .version(version, '-V, --version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', AUDIT_HELP_AFTER)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .action((paths: string[], opts: Record<string, unknown>) => choose({ command: 'audit', paths, opts }));
  return program;
}

/**
 * Parses a command line (without the node and script names). Throws UsageError for what
 * commander does not check itself (paths that do not exist, a bad --runtime path, an
 * option that needs another, a bad environment variable, a current folder that is gone).
 * `cwd` undefined: the process's current folder, read once a command needs it.
 */
export function parseCommandLine(argv: string[], cwd: string | undefined, version: string, door: ProgramDoor = {}): CommandLine {
  try {
    return parseWithCommander(argv, cwd, version, door);
  } catch (err) {
    if (err instanceof UsageError) err.json = asksForJson(argv);
    throw err;
  }
}

function parseWithCommander(argv: string[], given: string | undefined, version: string, door: ProgramDoor): CommandLine {
  // Commander's own output (help, version, "error: ..." naming the argument) is kept for the caller to print.
  let stdout = '';
  let stderr = '';
  let chosen: Chosen | undefined;
  const program = buildProgram(version, (c) => (chosen = c), door.name ?? BIN_NAME);
  const output = { writeOut: (text: string) => (stdout += text), writeErr: (text: string) => (stderr += text) };
  program.configureOutput(output);
  for (const command of program.commands) command.configureOutput(output);
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      const shown = err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help';
      if (shown) return { kind: 'exit', code: 0, stdout, stderr };
      return { kind: 'exit', code: 2, stdout: asksForJson(argv) ? errorJson(err.message.replace(/^error: /, ''), 2) : stdout, stderr };
    }
    throw err;
  }
  if (!chosen) throw new Error('internal error: no command ran');
  const paths = chosen.paths.length > 0 ? chosen.paths : (door.defaultPaths ?? []);
  const taroCopies = door.taroCopies;
  asUsageError(checkEnvironment);
  const cwd = given ?? currentFolder();
  // --json is read one way for the report and for a usage error alike (asksForJson): before the
  // subcommand too (`--json audit`), where commander gives it to the program, not to the audit.
  const opts = { ...chosen.opts, json: asksForJson(argv) };
  const invocation: Invocation = { program: door.name ?? `npx ${BIN_NAME}`, argv: door.typed ?? argv, paths: chosen.paths };
  return chosen.command === 'audit'
    ? { kind: 'audit', options: { ...auditOptions(paths, opts, cwd), taroCopies, invocation } }
    : { kind: 'migrate', options: { ...migrateOptions(paths, opts, cwd), taroCopies, invocation } };
}

function auditOptions(paths: string[], opts: Record<string, unknown>, cwd: string): Omit<AuditCliOptions, 'invocation'> {
  const project = opts.project as string | undefined;
  const baseline = opts.baseline as string | undefined;
  if (baseline !== undefined && !opts.verify) throw new UsageError('option --baseline is only meaningful with --verify');
  for (const [name, value] of [['project', project], ['baseline', baseline]] as const) {
    if (value !== undefined && (value === '' || value.startsWith('-'))) throw new UsageError(`option --${name} needs a value, got '${value}'`);
  }
  return { paths, project, verify: !!opts.verify, baseline, json: !!opts.json, strict: !!opts.strict, color: opts.color !== false, cwd };
}

function migrateOptions(given: string[], opts: Record<string, unknown>, cwd: string): Omit<CliOptions, 'invocation'> {
  const runtime = opts.runtime as RuntimeMode;
  const paths: string[] = [];
  for (const p of given.length > 0 ? given : ['.']) {
    const abs = path.resolve(cwd, p);
    // A name that is not UTF-8 reaches argv decoded lossily: the walk names it for what it is.
    if (!fs.existsSync(abs) && undecodableNamesAt(abs).length === 0) throw new UsageError(`path '${p}' does not exist`);
    if (!paths.includes(abs)) paths.push(abs);
  }
  if (runtime.kind === 'local' && runtime.path !== undefined) {
    const problem = localRuntimePathProblem(runtime.path, paths, cwd);
    if (problem !== null) throw new UsageError(`option '--runtime local=${printable(runtime.path)}': ${problem}`);
    // The rewritten files import the copy by a relative path, which the options table says what may be (isModuleSpecifier).
    if (!isModuleSpecifier(`./${toPosixPath(runtime.path)}`)) {
      throw new UsageError(`option '--runtime local=${printable(runtime.path)}': an import cannot name this path (it has a backslash, a line break or another control character): choose a plain path such as local=utils/record-compat.js`);
    }
  }
  return {
    paths,
    dry: !!opts.dry,
    print: !!opts.print,
    json: !!opts.json,
    force: !!opts.force,
    strict: !!opts.strict,
    runtime,
    parser: checkedParser(opts.parser as ParserChoice | undefined),
    cwd,
  };
}

/** The parser option, checked before any file is read (checkParserChoice); returned as given: undefined still means the default. */
function checkedParser(option: ParserChoice | undefined): ParserChoice | undefined {
  asUsageError(() => checkParserChoice(option));
  return option;
}

/**
 * The process's current folder. One deleted (or moved away) since the shell entered it cannot
 * be read (Node's process.cwd() throws ENOENT: uv_cwd): a usage error, since paths are given
 * relative to it.
 */
function currentFolder(): string {
  try {
    return process.cwd();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    throw new UsageError('the current folder no longer exists (it was deleted or moved since this shell entered it): cd into a folder that exists and run again', false);
  }
}

/** Runs a check of the engine's options; its OptionsError is the command line's usage error. */
function asUsageError(check: () => void): void {
  try {
    check();
  } catch (err) {
    if (err instanceof OptionsError) throw new UsageError(err.detail);
    throw err;
  }
}
