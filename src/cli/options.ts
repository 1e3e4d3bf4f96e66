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
import {
  allowedWords,
  checkOptions,
  checkParserChoice,
  cliFlagOf,
  DEFAULT_RUNTIME,
  exclusionProblem,
  Exclusions,
  isModuleSpecifier,
  listFromString,
  OPTIONS,
  OptionsError,
  PARSER_CHOICES,
  printable,
  REPORT_FORMATS,
  type ReportFormat,
  toPosixPath,
  undecodableNamesAt,
  type EvaluatedCopies,
  type ParserChoice,
  type RewriteOptions,
} from '../rewrite/light';
import { checkEnvironment } from './environment';
import { errorJson } from './error-json';
import { auditHelpAfter, BIN_NAME, helpAfter, PROGRAM_DESCRIPTION } from './help-texts';
import type { Invocation } from '../report/next-steps';
import { localRuntimePathProblem } from './copy-place';
import type { RuntimeMode } from './runtime-target';

export interface CliOptions {
  /** Absolute paths to walk, in the order given. */
  paths: string[];
  dry: boolean;
  print: boolean;
  /** The report is our own JSON (`--json`, `--format json`). */
  json: boolean;
  /** What the report is written as (`--format`; `--json` is `json`): anything but text holds stdout alone. */
  format: ReportFormat;
  force: boolean;
  strict: boolean;
  runtime: RuntimeMode;
  /** The text rewrite's parser; undefined: the default (RECORD_COMPAT_PARSER, else auto). */
  parser?: ParserChoice;
  /** The families to migrate (--families); undefined: all. */
  families?: RewriteOptions['families'];
  /** The gitignore patterns of --exclude, relative to `cwd`, each checked; empty: none. */
  exclude: string[];
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
  return formatsAsked(argv).includes('json');
}

/**
 * The report formats a command line names, in its order: `--json`, and each `--format <name>` or `--format=<name>`,
 * before a `--`. Read from the words, as --json is, since commander gives an option before `audit` to the program.
 */
function formatsAsked(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  const words = end === -1 ? argv : argv.slice(0, end);
  return words.flatMap((word, i) => {
    if (word === '--json') return ['json'];
    if (word === '--format') return i + 1 < words.length ? [words[i + 1]] : [];
    return word.startsWith('--format=') ? [word.slice('--format='.length)] : [];
  });
}

/** The one format a command line asks for (text when none); two different ones are a usage error. */
function reportFormatOf(argv: readonly string[]): ReportFormat {
  const asked = [...new Set(formatsAsked(argv))];
  if (asked.length > 1)
    throw new UsageError(
      `the report can be written one way only, and this line asks for ${asked.map((f) => `--format ${f}`).join(' and ')} (--json is --format json)`,
    );
  return (asked[0] as ReportFormat | undefined) ?? 'text';
}

export type CommandLine =
  | { kind: 'migrate'; options: CliOptions }
  | { kind: 'audit'; options: AuditCliOptions }
  /**
   * --help, --version, or a bad argument commander caught: what to print (a usage error as JSON too, under --json), and
   * the exit code.
   */
  | { kind: 'exit'; code: number; stdout: string; stderr: string };

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

/** The report format option, as the options table describes it (its flag too: the name `format` is a recording one). */
function formatOption(): Option {
  return new Option(`--${cliFlagOf('reportFormat')} <name>`, OPTIONS.reportFormat.summary).choices(REPORT_FORMATS);
}

/** The parser option, as the options table describes it. */
function parserOption(): Option {
  return new Option('--parser <name>', OPTIONS.parser.summary).choices(PARSER_CHOICES);
}

/** The families option, as the options table describes it: a comma-separated list, checked as every door checks it. */
function familiesOption(): Option {
  return new Option(
    '--families <list>',
    `${OPTIONS.families.summary}; comma-separated (--families record,voice)`,
  ).argParser(parseFamilies);
}

/**
 * The exclude option, as the options table describes it: one gitignore pattern a time, repeatable, each checked as
 * every door checks it.
 */
function excludeOption(): Option {
  return new Option('--exclude <glob>', `${OPTIONS.exclude.summary}. E.g. --exclude 'legacy/' --exclude '**/*.gen.js'`)
    .argParser(parseExclude)
    .default([], 'none');
}

function parseExclude(value: string, previous: string[]): string[] {
  const problem = exclusionProblem(value);
  // Commander names the option and the value; then why, and the table's words for what is allowed.
  if (problem !== null)
    throw new InvalidArgumentError(
      `${problem[0].toUpperCase()}${problem.slice(1)}. Allowed: ${allowedWords('exclude')}.`,
    );
  return [...previous, value];
}

function parseFamilies(value: string): RewriteOptions['families'] {
  try {
    return checkOptions({ families: listFromString('families', value) }, 'cli').families;
  } catch (err) {
    // Commander names the option and the value; the table's words say what is allowed.
    if (err instanceof OptionsError)
      throw new InvalidArgumentError(`It must be ${allowedWords('families')}, comma-separated.`);
    throw err;
  }
}

/** What the program's actions chose; set by the one that ran. */
type Chosen =
  | { command: 'migrate'; paths: string[]; opts: Record<string, unknown> }
  | { command: 'audit'; paths: string[]; opts: Record<string, unknown> };

/**
 * Who runs the program: the npx bin (the defaults), or another door that hands it a
 * command line, such as `taro record-compat` (its name in the usage, and the paths to
 * work on when none are given: the Taro project's source root).
 */
export interface ProgramDoor {
  name?: string;
  /**
   * The words the user typed after `name`, where the door adds its own (Taro's adds the audit's --project): what a next
   * step repeats.
   */
  typed?: string[];
  defaultPaths?: string[];
  /** The Taro project's copy patterns as Taro evaluated its config: no need to read them from its text. */
  taroCopies?: EvaluatedCopies;
  /**
   * The command the user named before the words (`taro record-compat migrate …`): then every word is the migration's,
   * and `audit` among them is a path, not the audit.
   */
  command?: 'migrate';
}

function buildProgram(version: string, choose: (chosen: Chosen) => void, door: ProgramDoor): Command {
  const name = door.name ?? BIN_NAME;
  const program = new Command(name)
    .description(PROGRAM_DESCRIPTION)
    .usage('[options] [paths...]')
    .argument('[paths...]', 'files or folders to migrate (default: .)')
    .option('--dry', 'write nothing; report what would change')
    .option('--print', 'print a coloured unified diff of every change')
    .option('--json', 'print a machine-readable JSON report on stdout (human output goes away); as --format json')
    .addOption(formatOption())
    .addOption(
      new Option(
        '--runtime <mode>',
        'auto | package | local | local=<path>: where rewritten code imports the runtime from (auto: per file, a copy where WeChat loads a mini-program as it is)',
      )
        .argParser(parseRuntime)
        .default({ kind: DEFAULT_RUNTIME }, DEFAULT_RUNTIME),
    )
    .option(
      '--force',
      'write into a git tree with uncommitted changes; replace a local runtime copy of another version (never a file this tool did not write)',
    )
    .option('--strict', 'exit 1 when places are left for manual review')
    .addOption(familiesOption())
    .addOption(excludeOption())
    .addOption(parserOption())
    .option('--no-color', 'no colours in the output')
    .version(version, '-V, --version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', helpAfter)
    .showHelpAfterError('(run with --help for usage)')
    .allowExcessArguments(true)
    // Options after `audit` are the audit's own.
    .enablePositionalOptions()
    .exitOverride()
    .action((paths: string[], opts: Record<string, unknown>) => choose({ command: 'migrate', paths, opts }));
  if (door.command !== 'migrate') addAuditCommand(program, version, choose);
  return program;
}

/** The `audit` subcommand, with its own options. */
function addAuditCommand(program: Command, version: string, choose: (chosen: Chosen) => void): void {
  program
    .command('audit')
    .description('type-aware: what is left, and does the migrated code still type-check')
    .usage('[paths...] [options]')
    .argument('[paths...]', 'files or folders to audit (default: the project of the first path, or the current folder)')
    .option(
      '-p, --project <file>',
      'tsconfig.json or jsconfig.json (default: found in the first path or cwd; none: a plain JavaScript project)',
    )
    .addOption(excludeOption())
    .option('--verify', 'type-check the files changed since --baseline and report new diagnostics')
    .option('--baseline <ref>', 'git revision holding the text before migration (default: HEAD)')
    .addOption(familiesOption())
    .option('--json', 'print the result as JSON (as --format json)')
    .addOption(formatOption())
    .option(
      '--strict',
      'exit 1 when any reference remains, even one the rewrite handles (and on warnings, or places only the rewrite sees)',
    )
    .option('--no-color', 'no colours in the output (also honoured: NO_COLOR, FORCE_COLOR)')
    .version(version, '-V, --version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', auditHelpAfter)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .action((paths: string[], opts: Record<string, unknown>) => choose({ command: 'audit', paths, opts }));
}

/**
 * Parses a command line (without the node and script names). Throws UsageError for what
 * commander does not check itself (paths that do not exist, a bad --runtime path, an
 * option that needs another, a bad environment variable, a current folder that is gone).
 * `cwd` undefined: the process's current folder, read once a command needs it.
 */
export function parseCommandLine(
  argv: string[],
  cwd: string | undefined,
  version: string,
  door: ProgramDoor = {},
): CommandLine {
  try {
    return parseWithCommander(argv, cwd, version, door);
  } catch (err) {
    if (err instanceof UsageError) err.json = asksForJson(argv);
    throw err;
  }
}

function parseWithCommander(
  argv: string[],
  given: string | undefined,
  version: string,
  door: ProgramDoor,
): CommandLine {
  // Commander's own output (help, version, "error: ..." naming the argument) is kept for the caller to print.
  let stdout = '';
  let stderr = '';
  let chosen: Chosen | undefined;
  const program = buildProgram(version, (c) => (chosen = c), door);
  const output = { writeOut: (text: string) => (stdout += text), writeErr: (text: string) => (stderr += text) };
  program.configureOutput(output);
  for (const command of program.commands) command.configureOutput(output);
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      const shown =
        err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help';
      if (shown) return { kind: 'exit', code: 0, stdout, stderr };
      return {
        kind: 'exit',
        code: 2,
        stdout: asksForJson(argv) ? errorJson(err.message.replace(/^error: /, ''), 2) : stdout,
        stderr,
      };
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
  const format = reportFormatOf(argv);
  const opts = { ...chosen.opts, json: format === 'json', format };
  const invocation: Invocation = {
    program: door.name ?? `npx ${BIN_NAME}`,
    argv: door.typed ?? argv,
    paths: chosen.paths,
  };
  return chosen.command === 'audit'
    ? { kind: 'audit', options: { ...auditOptions(paths, opts, cwd), taroCopies, invocation } }
    : { kind: 'migrate', options: { ...migrateOptions(paths, opts, cwd, door), taroCopies, invocation } };
}

function auditOptions(
  paths: string[],
  opts: Record<string, unknown>,
  cwd: string,
): Omit<AuditCliOptions, 'invocation'> {
  const project = opts.project as string | undefined;
  const baseline = opts.baseline as string | undefined;
  if (baseline !== undefined && !opts.verify)
    throw new UsageError('option --baseline is only meaningful with --verify');
  for (const [name, value] of [
    ['project', project],
    ['baseline', baseline],
  ] as const) {
    if (value !== undefined && (value === '' || value.startsWith('-')))
      throw new UsageError(`option --${name} needs a value, got '${value}'`);
  }
  return {
    paths,
    project,
    verify: !!opts.verify,
    baseline,
    families: opts.families as RewriteOptions['families'],
    json: !!opts.json,
    format: opts.format as ReportFormat,
    strict: !!opts.strict,
    color: opts.color !== false,
    exclude: excludeOf(opts),
    cwd,
  };
}

function migrateOptions(
  given: string[],
  opts: Record<string, unknown>,
  cwd: string,
  door: ProgramDoor,
): Omit<CliOptions, 'invocation'> {
  const runtime = opts.runtime as RuntimeMode;
  const paths: string[] = [];
  for (const p of given.length > 0 ? given : ['.']) {
    const abs = path.resolve(cwd, p);
    // A name that is not UTF-8 reaches argv decoded lossily: the walk names it for what it is.
    if (!fs.existsSync(abs) && undecodableNamesAt(abs).length === 0) throw new UsageError(missingPathWords(p, door));
    if (!paths.includes(abs)) paths.push(abs);
  }
  const exclude = excludeOf(opts);
  // Read as the walk will read them, once here: a pattern they cannot take is a usage error before anything is walked.
  const exclusions = exclusionsOf(exclude, cwd);
  if (runtime.kind === 'local' && runtime.path !== undefined) {
    const problem = localRuntimePathProblem(runtime.path, paths, cwd, exclusions);
    if (problem !== null) throw new UsageError(`option '--runtime local=${printable(runtime.path)}': ${problem}`);
    // The rewritten files import the copy by a relative path, which the options table says what may be
    // (isModuleSpecifier).
    if (!isModuleSpecifier(`./${toPosixPath(runtime.path)}`)) {
      throw new UsageError(
        `option '--runtime local=${printable(runtime.path)}': an import cannot name this path (it has a backslash, a line break or another control character): choose a plain path such as local=utils/record-compat.js`,
      );
    }
  }
  return {
    paths,
    dry: !!opts.dry,
    print: !!opts.print,
    json: !!opts.json,
    format: opts.format as ReportFormat,
    force: !!opts.force,
    strict: !!opts.strict,
    runtime,
    parser: checkedParser(opts.parser as ParserChoice | undefined),
    families: opts.families as RewriteOptions['families'],
    exclude,
    cwd,
  };
}

/** The user's exclusions below `cwd`, as the walk will read them; a pattern they refuse is a usage error. */
function exclusionsOf(patterns: string[], cwd: string): Exclusions | null {
  try {
    return Exclusions.of(patterns, cwd);
  } catch (err) {
    if (err instanceof OptionsError) throw new UsageError(err.detail);
    throw err;
  }
}

/** A path given that does not exist; `audit` after the word `migrate` is one, and the message says how to audit. */
function missingPathWords(given: string, door: ProgramDoor): string {
  const missing = `path '${given}' does not exist`;
  if (door.command !== 'migrate' || given !== 'audit') return missing;
  return `${missing} (after "migrate" every word is a path to migrate; to run the audit, leave "migrate" out: ${door.name ?? BIN_NAME} audit)`;
}

/** The --exclude patterns, checked once more as the options table has them (parseExclude checked each). */
function excludeOf(opts: Record<string, unknown>): string[] {
  const exclude = (opts.exclude as string[] | undefined) ?? [];
  asUsageError(() => checkOptions({ exclude }, 'cli'));
  return exclude;
}

/**
 * The parser option, checked before any file is read (checkParserChoice); returned as given: undefined still means the
 * default.
 */
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
    throw new UsageError(
      'the current folder no longer exists (it was deleted or moved since this shell entered it): cd into a folder that exists and run again',
      false,
    );
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
