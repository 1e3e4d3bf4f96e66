/**
 * `taro record-compat [migrate|audit] [options] [paths…]`: the package's command line
 * (src/cli/main.ts, the same options, output and exit codes as `npx
 * taro-plugin-record-compat`), run by Taro's CLI for a project whose config has the plugin.
 * Without paths it works on the project's source root (`sourceRoot`, `src` by default);
 * the audit type-checks with the project's tsconfig.json.
 *
 * Taro's CLI hands a command it does not know to the plugin that registered it
 * (`ctx.registerCommand`, Taro 3 and 4) with minimist's reading of the command line, which
 * takes `--dry src` as `dry: 'src'`; the words the user typed after `record-compat` are
 * read from process.argv instead, and minimist's reading is used only when they are not
 * there (a caller other than Taro's CLI). `--help` never reaches us: Taro prints the
 * usage from optionsMap and synopsisList below.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IPluginContext } from '@tarojs/service';
import type * as CliMainModule from '../cli/main';
import type * as LostOutputModule from '../cli/lost-output';
import { MIGRATION_FAMILIES, REPORT_FORMATS, type EvaluatedCopies } from '../rewrite/light';
import { copyOptionOf, namedPatterns } from './copied';

export const COMMAND_NAME = 'record-compat';

/** What `taro record-compat --help` lists: both commands and their options. */
const OPTIONS_MAP: Record<string, string> = {
  '--dry': 'migrate: write nothing; report what would change',
  '--print': 'migrate: print a unified diff of every change',
  '--json': 'migrate, audit: print a machine-readable JSON report',
  '--format <name>': `migrate, audit: the report on stdout as ${REPORT_FORMATS.join(' | ')} (json: as --json)`,
  '--runtime <mode>':
    'migrate: auto (the default) | package | local | local=<path> (where rewritten code imports the runtime from)',
  '--force': 'migrate: write into a git tree with uncommitted changes',
  '--strict': 'migrate, audit: exit 1 when places are left for a person',
  '--families <list>': `migrate: only these families, comma-separated: ${MIGRATION_FAMILIES.join(', ')} (default: all)`,
  '--parser <name>': 'migrate: auto | babel | oxc',
  '--exclude <glob>':
    'migrate, audit: leave out what a gitignore pattern matches, relative to the current folder (repeatable); excluded files that name a legacy API are named',
  '-p, --project <file>': 'audit: tsconfig.json or jsconfig.json',
  '--verify': 'audit: type-check the files changed since --baseline',
  '--baseline <ref>': 'audit: git revision before the migration (default HEAD)',
  '--no-color': 'no colours in the output',
  '-V, --version': "this package's version",
};

const SYNOPSIS = [
  `taro ${COMMAND_NAME}                  migrate the source root (commit first: a dirty git tree is refused)`,
  `taro ${COMMAND_NAME} --dry --print    show the diff, write nothing`,
  `taro ${COMMAND_NAME} migrate src/pages  migrate some paths (same as without "migrate")`,
  `taro ${COMMAND_NAME} audit            what is left, type-aware`,
  `taro ${COMMAND_NAME} audit --verify   does the migrated code still type-check`,
];

/** What Taro's CLI hands a plugin command (`kernel.run({ name, opts })`). */
export interface CommandRunOpts {
  _?: string[];
  options?: Record<string, unknown>;
  isHelp?: boolean;
}

/** The words after `record-compat` on Taro's command line, as typed. */
export function wordsAfterCommand(argv: readonly string[], opts: CommandRunOpts): string[] {
  const at = argv.indexOf(COMMAND_NAME);
  if (at >= 0) return argv.slice(at + 1);
  // Not Taro's CLI: rebuild the words from minimist's reading.
  const words = (opts._ ?? []).slice((opts._ ?? [])[0] === COMMAND_NAME ? 1 : 0).map(String);
  for (const [key, value] of Object.entries(opts.options ?? {})) {
    if (value === false && key === 'color') words.push('--no-color');
    else if (value === true) words.push(`--${key}`);
    else if (typeof value === 'string' || typeof value === 'number') words.push(`--${key}`, String(value));
    // A repeated option (`--exclude a --exclude b`): minimist gives its values as a list.
    else if (Array.isArray(value)) for (const item of value) words.push(`--${key}`, String(item));
  }
  return words;
}

/**
 * The command line the package's program gets: `migrate` is its root command, so the word
 * goes; the audit reads the project's tsconfig.json (or jsconfig.json) at its root unless
 * told otherwise (its own default looks in the first path, the source root, which has none).
 */
export function programArgv(words: string[], appPath?: string): string[] {
  if (namedCommand(words) === 'migrate') return words.slice(1);
  if (
    words[0] !== 'audit' ||
    appPath === undefined ||
    words.some((w) => w === '-p' || w === '--project' || w.startsWith('--project='))
  )
    return words;
  const config = ['tsconfig.json', 'jsconfig.json']
    .map((name) => path.join(appPath, name))
    .find((file) => fs.existsSync(file));
  return config ? [...words, '--project', config] : words;
}

/**
 * The command the user named first, where it is `migrate`: the program is told (ProgramDoor.command), so that the
 * words after it are the migration's, and a folder named `audit` is migrated, not audited.
 */
export function namedCommand(words: readonly string[]): 'migrate' | undefined {
  return words[0] === 'migrate' ? 'migrate' : undefined;
}

/**
 * The copy patterns of the config Taro evaluated: every `from`, also one built by code the
 * codemod's reading of the config's text does not follow; and this command, which a refusal
 * of a copied file names as the way out. Undefined without a config path (a caller other than
 * Taro's CLI): the program reads the config's text then.
 */
export function evaluatedCopies(
  ctx: { appPath: string; paths?: unknown; initialConfig?: unknown } | IPluginContext,
): EvaluatedCopies | undefined {
  const config = (ctx.paths as { configPath?: string } | undefined)?.configPath;
  if (!config) return undefined;
  return {
    root: ctx.appPath,
    config,
    froms: namedPatterns(copyOptionOf(ctx.initialConfig)).map((pattern) => pattern.from),
    program: `taro ${COMMAND_NAME}`,
  };
}

/** Registers `taro record-compat` (Taro 3 and 4; Taro 2 has no plugin commands). */
export function registerCommand(ctx: IPluginContext): void {
  if (typeof ctx.registerCommand !== 'function') return;
  ctx.registerCommand({
    name: COMMAND_NAME,
    optionsMap: OPTIONS_MAP,
    synopsisList: SYNOPSIS,
    async fn(opts: CommandRunOpts = {}) {
      const sourceDir = (ctx.paths as { sourcePath?: string } | undefined)?.sourcePath ?? path.join(ctx.appPath, 'src');
      // Loaded only when the command runs: a build never loads the command line.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { main } = require('../cli/main') as typeof CliMainModule;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { watchOutput } = require('../cli/lost-output') as typeof LostOutputModule;
      // A log that cannot be written (a full disk) must not end the run in Taro's process either.
      const output = watchOutput(process.stdout, process.stderr);
      const typed = wordsAfterCommand(process.argv, opts);
      const door = {
        name: `taro ${COMMAND_NAME}`,
        typed,
        defaultPaths: [sourceDir],
        taroCopies: evaluatedCopies(ctx),
        command: namedCommand(typed),
      };
      const io = {
        stdout: process.stdout,
        stderr: process.stderr,
        cwd: process.cwd(),
        commandParsed: output.commandParsed,
      };
      const code = await main(programArgv(typed, ctx.appPath), io, door);
      // The last write's error comes on a later tick.
      await new Promise((resolve) => setImmediate(resolve));
      process.exitCode = output.exitCode(code);
    },
  });
}
