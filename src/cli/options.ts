/**
 * Command-line parsing: argv in, a validated `CliOptions` out. Nothing here
 * touches the file system beyond checking that the given paths exist.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { PACKAGE_NAME } from '../rewrite/light';

export type RuntimeMode = { kind: 'package' } | { kind: 'local'; path?: string };

export interface CliOptions {
  /** Absolute paths to walk, in the order given. */
  paths: string[];
  dry: boolean;
  print: boolean;
  json: boolean;
  force: boolean;
  strict: boolean;
  runtime: RuntimeMode;
  /** `--jobs`, still accepted from older scripts: the run is single-threaded and says so. */
  jobs?: number;
  cwd: string;
}

/** A bad command line: exit code 2, with a message that names the argument. */
export class UsageError extends Error {}

export type ParseOutcome =
  | { kind: 'run'; options: CliOptions }
  /** --help, --version, or a bad argument commander caught: what it would print, and the exit code. */
  | { kind: 'exit'; code: number; stdout: string; stderr: string };

export const BIN_NAME = PACKAGE_NAME;

const HELP_AFTER = `
What it does:
  Rewrites calls of the deprecated startRecord / stopRecord and playVoice /
  pauseVoice / stopVoice APIs (wx.*, qq.*, Taro.*, aliases, destructured and
  required forms) into calls of a small runtime built on getRecorderManager()
  and createInnerAudioContext(), and adds one import per file. Uses of the older
  audio APIs (createAudioContext, *BackgroundAudio*) are listed for manual
  review with their replacement. Handles .js .jsx .ts .tsx .mjs .cjs .mts .cts
  and the <script> blocks of .vue files (template and styles stay
  byte-identical). Files that cannot mention the APIs are never parsed.

What it skips:
  .gitignore'd paths (nested .gitignore files too), node_modules, dist, build,
  unpackage, miniprogram_npm, hidden folders, .d.ts, minified files, files over
  1 MB, WeChat web JS-SDK code. Symbolic links are not followed.

Runtime entry (--runtime package):
  A file that imports @tarojs/taro, or whose nearest package.json depends on
  it, imports taro-plugin-record-compat/runtime; any other file (a native
  mini-program) imports taro-plugin-record-compat/runtime/native.

Runtime entry (--runtime local[=path]):
  Writes one standalone copy of the runtime into the project and imports it by
  relative path: no new dependency, works without a bundler. Default path:
  <dir of app.json>/utils/record-compat, else src/utils/record-compat, else
  utils/record-compat under the first path; .ts in a TypeScript project
  (a tsconfig.json is found), .js otherwise. An explicit path is relative to
  the current folder. An existing copy that differs is replaced only with --force.

Safety:
  Refuses to write into a git working tree with uncommitted changes (including
  untracked files) unless --force; a folder outside git is migrated with a
  warning. A file that fails is reported and left byte-for-byte untouched; the
  run goes on. Writes are atomic and keep the file's mode, line endings and BOM.
  Output that does not re-parse is never written.

Exit codes:
  0  nothing failed
  1  a file failed, the run was refused (dirty tree, runtime copy conflict),
     or, with --strict, places are left for manual review
  2  usage error

Audit (type-aware, what is left; see 'npx ${BIN_NAME} audit --help'):
  npx ${BIN_NAME} audit [paths] [--project tsconfig.json] [--verify] [--json] [--strict]

Examples:
  npx ${BIN_NAME}                      migrate the current folder
  npx ${BIN_NAME} src --dry --print    show the diff, write nothing
  npx ${BIN_NAME} miniprogram --runtime local
  npx ${BIN_NAME} . --json > report.json
`;

function parseRuntime(value: string): RuntimeMode {
  if (value === 'package') return { kind: 'package' };
  if (value === 'local') return { kind: 'local' };
  if (value.startsWith('local=')) {
    const p = value.slice('local='.length);
    if (p.trim() === '') throw new InvalidArgumentError('local= needs a path, e.g. local=src/utils/record-compat.ts');
    return { kind: 'local', path: p };
  }
  throw new InvalidArgumentError('expected package, local or local=<path>');
}

function parseJobs(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('expected a whole number from 1 to 64');
  return n;
}

function buildProgram(version: string): Command {
  return new Command(BIN_NAME)
    .description('Migrate startRecord/stopRecord and playVoice/pauseVoice/stopVoice calls to the runtime built on RecorderManager and InnerAudioContext.')
    .usage('[options] [paths...]')
    .argument('[paths...]', 'files or folders to migrate (default: .)')
    .option('--dry', 'write nothing; report what would change')
    .option('--print', 'print a coloured unified diff of every change')
    .option('--json', 'print a machine-readable JSON report on stdout (human output goes away)')
    .addOption(
      new Option('--runtime <mode>', 'package | local | local=<path>: where rewritten code imports the runtime from')
        .argParser(parseRuntime)
        .default({ kind: 'package' }, 'package'),
    )
    .option('--force', 'write into a git tree with uncommitted changes; replace a differing local runtime copy')
    .option('--strict', 'exit 1 when places are left for manual review')
    .addOption(
      // Accepted so that existing scripts keep working; the run is single-threaded (see run.ts).
      new Option('--jobs <n>').argParser(parseJobs).hideHelp(),
    )
    .option('--no-color', 'no colours in the output')
    .version(version, '-V, --version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', HELP_AFTER)
    .showHelpAfterError('(run with --help for usage)')
    .allowExcessArguments(true)
    .exitOverride();
}

export function parseArgs(argv: string[], cwd: string, version: string): ParseOutcome {
  // Commander's own output (help, version, "error: ..." naming the argument) is kept for the caller to print.
  let stdout = '';
  let stderr = '';
  const program = buildProgram(version).configureOutput({ writeOut: (text) => (stdout += text), writeErr: (text) => (stderr += text) });
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      const shown = err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help';
      return { kind: 'exit', code: shown ? 0 : 2, stdout, stderr };
    }
    throw err;
  }
  const opts = program.opts<{
    dry?: boolean;
    print?: boolean;
    json?: boolean;
    force?: boolean;
    strict?: boolean;
    runtime: RuntimeMode;
    jobs?: number;
  }>();
  const given = program.args.length > 0 ? program.args : ['.'];
  const paths: string[] = [];
  for (const p of given) {
    const abs = path.resolve(cwd, p);
    if (!fs.existsSync(abs)) throw new UsageError(`path '${p}' does not exist`);
    if (!paths.includes(abs)) paths.push(abs);
  }
  if (opts.runtime.kind === 'local' && opts.runtime.path !== undefined) {
    const ext = path.extname(opts.runtime.path);
    if (ext !== '' && ext !== '.js' && ext !== '.ts') {
      throw new UsageError(`option '--runtime local=${opts.runtime.path}': the runtime copy must be a .js or .ts file`);
    }
  }
  return {
    kind: 'run',
    options: {
      paths,
      dry: !!opts.dry,
      print: !!opts.print,
      json: !!opts.json,
      force: !!opts.force,
      strict: !!opts.strict,
      runtime: opts.runtime,
      jobs: opts.jobs,
      cwd,
    },
  };
}
