/**
 * `--verify`: after the codemod, type-check the files it changed and report the
 * diagnostics that the original text did not have. The original text comes from git
 * (`git show <baseline>:<path>`, baseline HEAD by default): the codemod is run on a
 * committed tree, so HEAD is the text before migration. A .vue component is checked
 * through its script blocks, as virtual files beside it (before and after alike).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ts } from 'ts-morph';
import {
  gitProcessOptions,
  gitTimeoutWords,
  isVueFile,
  saysNotARepository,
  trustTheRepository,
} from '../rewrite/light';
import { buildGraph } from './selection';
import { checkerTexts, createAuditProject } from './project';
import { isInside, normalize, relative } from './paths';
import { projectsOf, type LoadedConfig } from './config';
import { realPathOnTheWay } from './resolution';
import { AuditUsageError, type VerifyDiagnostic, type VerifyResult } from './types';
import { placeInVue, virtualScripts, type VirtualBlock } from './vue';
import { packagesOf, unparsedDeclarations } from './verify-possible';

/** Thrown by git() for a git stopped after gitTimeoutMs(). */
class GitTimeout extends Error {}

function git(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', args, {
      ...gitProcessOptions(cwd),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (error) {
    // A git that hangs is stopped, and said so.
    if ((error as NodeJS.ErrnoException).code === 'ETIMEDOUT') throw new GitTimeout(gitTimeoutWords(args));
    throw error;
  }
}

/** One sentence for a git that could not answer (a missing or corrupt object, a repository it refuses, a hang). */
function gitFailure(root: string, what: string, error: unknown): AuditUsageError {
  if (error instanceof GitTimeout) {
    return new AuditUsageError(
      `--verify: git could not ${what} in ${root} (${error.message}); verify again once git answers (RECORD_COMPAT_GIT_TIMEOUT_MS gives it longer)`,
    );
  }
  const { stderr, message } = error as { stderr?: string; message?: string };
  const said = stderr?.trim() || message || String(error);
  const why = said.split('\n')[0];
  const wayOut = trustTheRepository(said, root) ?? 'repair the repository (git fsck) or fetch what it lacks';
  return new AuditUsageError(`--verify: git could not ${what} in ${root} (${why}); ${wayOut}, then verify again`);
}

/**
 * git for the comparison, or one sentence when it cannot answer: the verify cannot be done,
 * and says what to do, instead of a stack.
 */
function gitForVerify(root: string, args: string[], what: string): string {
  try {
    return git(root, args);
  } catch (error) {
    throw gitFailure(root, what, error);
  }
}

function diagnosticsOf(program: ts.Program, file: string): ts.Diagnostic[] {
  const sf = program.getSourceFile(file);
  if (!sf) return [];
  return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
}

/** Positions move when code is rewritten; what a diagnostic says does not. */
function keyOf(d: ts.Diagnostic): string {
  return `${d.code}\u0000${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
}

/** The project's own TypeScript version (its node_modules/typescript), if it has one. */
function projectTypeScript(from: string): string | null {
  try {
    const pkg = require.resolve('typescript/package.json', { paths: [from] });
    return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
}

/**
 * Whether a tsconfig's `types` decides if a package's declarations are in the program: an
 * `@types` package (every one TypeScript finds, before TypeScript 6, when `types` is not set),
 * or one `types` names. Any other reaches the program because code imports it (the app's own,
 * as an app imports @tarojs/taro, or typings it uses): no `types` can leave it out.
 */
function leftOutByTypes(pkg: string, types: readonly string[] | undefined): boolean {
  return pkg.startsWith('@types/') || (types ?? []).some((name) => name === pkg || `@types/${name}` === pkg);
}

/**
 * Packages under node_modules whose declarations do not parse with the audit's TypeScript: then
 * the program is not one TypeScript checks as the project means it, and a clean verify would be
 * a false one. Says so in one sentence, with what to do about each: a type package is replaced
 * or left out of `types`; a package the code imports cannot be, so the check that can be trusted
 * is the project's own TypeScript, the one those declarations were written for.
 */
function uncheckedReason(
  program: ts.Program,
  cwd: string,
  base: string,
  configPath: string | null,
): string | undefined {
  const broken = unparsedDeclarations(program);
  if (broken.length === 0) return undefined;
  const packages = packagesOf(broken);
  const first = program.getSyntacticDiagnostics(broken[0])[0];
  const { line } = broken[0].getLineAndCharacterOfPosition(first.start ?? 0);
  const theirs = projectTypeScript(base);
  const pinned = theirs ? ` (the project has TypeScript ${theirs})` : '';
  const types = program.getCompilerOptions().types;
  const typePackages = packages.filter((pkg) => leftOutByTypes(pkg, types));
  const imported = packages.filter((pkg) => !leftOutByTypes(pkg, types));
  const ways: string[] = [];
  if (typePackages.length > 0) {
    const which = imported.length > 0 ? `for ${typePackages.join(', ')}, ` : '';
    ways.push(
      `${which}install ${typePackages.length === 1 ? 'a version' : 'versions'} made for your Node and TypeScript (for @types/node, the major of your Node, as in npm i -D @types/node@18), ` +
        `or leave ${typePackages.length === 1 ? 'it' : 'them'} out with "types": [] in the tsconfig given to --project`,
    );
  }
  if (imported.length > 0) {
    const check = `npx tsc --noEmit -p ${configPath ? relative(cwd, configPath) : '<a tsconfig.json that includes the changed files>'}`;
    const command = theirs
      ? `\`${check}\``
      : `\`${check}\` once the TypeScript its declarations were written for is installed (npm i -D typescript@<that version>)`;
    ways.push(
      `${imported.join(', ')} ${imported.length === 1 ? 'is' : 'are'} imported by code (the project's own, or typings it uses), which no "types" in a tsconfig leaves out, ` +
        `so type-check the migration with the project's own TypeScript instead: ${command}`,
    );
  }
  return (
    `the source was not type-checked: ${packages.join(', ')} ${packages.length === 1 ? 'does' : 'do'} not parse with the audit's TypeScript ${ts.version}${pinned}, ` +
    `first at ${relative(cwd, broken[0].fileName)}:${line + 1} (${ts.flattenDiagnosticMessageText(first.messageText, ' ')}); ${ways.join('; and ')}`
  );
}

export interface VerifyInput {
  cwd: string;
  config: LoadedConfig;
  scopes: string[];
  baseline: string;
  /** Files TypeScript cannot read (the audit's failedFiles): empty modules in both programs. */
  unreadable?: string[];
}

/**
 * Said of a baseline a shallow clone (CI's usual checkout, `--depth 1`) does not have: it may be a commit that was not
 * fetched.
 */
const SHALLOW_WAY_OUT =
  '; this clone is shallow, so commits before its first fetched one are not there: fetch them (git fetch --deepen=<n>, or --unshallow) and verify again';

function isShallow(root: string): boolean {
  try {
    return git(root, ['rev-parse', '--is-shallow-repository']).trim() === 'true';
  } catch {
    return false; // a git too old to say, or failing now: the message stays as it was
  }
}

export function runVerify({ cwd, config, scopes, baseline, unreadable = [] }: VerifyInput): VerifyResult {
  const base = config.configPath ? path.dirname(config.configPath) : cwd;
  const root = repositoryRoot(base);
  checkBaseline(root, baseline);
  const rel = (file: string): string => relative(cwd, file);
  const { texts, importers } = buildGraph(config);
  const baselinePathOf = baselinePaths(root, baseline, byRealPath(new Set([...texts.keys(), ...config.vueFiles])));
  const changed = [...baselinePathOf.keys()].filter((file) => isInside(file, scopes) && fs.existsSync(file));
  const { migrated, newFiles, original } = readBaseline(root, baseline, changed, baselinePathOf);
  const comparison: Comparison = {
    cwd,
    base,
    config,
    unreadable,
    rel,
    original,
    blocks: new Map(),
    blocksBefore: new Map(),
    introduced: [],
    unchecked: undefined,
  };
  readComponentBlocks(comparison, migrated.filter(isVueFile));
  // A changed file can break the files that import it (a renamed export), so those are checked too.
  const checked = new Set(migrated.filter((f) => !isVueFile(f)));
  for (const file of migrated) for (const importer of importers.get(file) ?? []) checked.add(importer);
  const { blocks, introduced } = comparison;
  // A solution-style config's referenced projects are each checked with their own options (projectsOf).
  for (const group of projectsOf(config, [...checked, ...blocks.keys()], (file) => blocks.get(file)?.file ?? file))
    compareGroup(comparison, group);
  introduced.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  const { unchecked } = comparison;
  return {
    baseline,
    migratedFiles: migrated.map(rel),
    introduced,
    newFiles: newFiles.map(rel),
    ...(unchecked ? { unchecked } : {}),
  };
}

/** The git repository `base` is in: its root. Throws a usage error outside one, git's failure where git cannot say. */
function repositoryRoot(base: string): string {
  try {
    return normalize(git(base, ['rev-parse', '--show-toplevel']).trim());
  } catch (error) {
    // Only git's own "not a git repository" means that; any other failure (a git that hung, a
    // repository owned by another user) is said as git's.
    if (!saysNotARepository(String((error as { stderr?: string }).stderr)))
      throw gitFailure(base, 'find the repository', error);
    throw new AuditUsageError(`--verify: ${base} is not inside a git repository; the original text is read from git`);
  }
}

/**
 * Throws a usage error where `baseline` names no commit (in a shallow clone, with the way to fetch it), git's failure
 * where git cannot say.
 */
function checkBaseline(root: string, baseline: string): void {
  try {
    git(root, ['rev-parse', '--verify', '--quiet', `${baseline}^{commit}`]);
  } catch (error) {
    // --quiet: a name that is not a commit fails without a word; anything said is another failure.
    if (error instanceof GitTimeout || String((error as { stderr?: string }).stderr ?? '').trim() !== '')
      throw gitFailure(root, `read ${baseline}`, error);
    throw new AuditUsageError(
      `--baseline ${baseline}: not a commit in ${root}${isShallow(root) ? SHALLOW_WAY_OUT : ''}`,
    );
  }
}

/**
 * git names a file under its root's real path; the audit under the paths it was given, which may pass through a
 * symbolic link (a linked folder, macOS's /tmp): each of the project's files by its real path.
 */
function byRealPath(known: Set<string>): Map<string, string> {
  const asSeen = new Map<string, string>();
  for (const file of known) {
    const real = realPathOnTheWay(file);
    // A linked file stands for its target only where the target is not audited itself.
    if (!asSeen.has(real) || real === file) asSeen.set(real, file);
  }
  return asSeen;
}

/**
 * Each changed file with its path in the baseline: a file renamed since (git mv, then migrated) is compared with its
 * old text.
 */
function baselinePaths(root: string, baseline: string, asSeen: Map<string, string>): Map<string, string> {
  const baselinePathOf = new Map<string, string>();
  const status = gitForVerify(
    root,
    ['diff', '--name-status', '-z', '--find-renames', baseline, '--'],
    `compare the working tree with ${baseline}`,
  ).split('\0');
  for (let i = 0; i < status.length;) {
    const kind = status[i++];
    if (!kind) continue;
    const was = status[i++];
    const now = kind.startsWith('R') ? status[i++] : was;
    const file = asSeen.get(normalize(path.join(root, now)));
    if (file !== undefined) baselinePathOf.set(file, was);
  }
  return baselinePathOf;
}

/**
 * The changed files' text in the baseline. What the baseline holds is asked once: a changed file
 * it lacks is new, listed and not type-checked (there is no text to compare with).
 */
function readBaseline(
  root: string,
  baseline: string,
  changed: string[],
  baselinePathOf: Map<string, string>,
): { migrated: string[]; newFiles: string[]; original: Map<string, string> } {
  const migrated: string[] = [];
  const newFiles: string[] = [];
  const original = new Map<string, string>();
  const inBaseline = new Set(
    gitForVerify(root, ['ls-tree', '-r', '--name-only', '-z', baseline], `list the files of ${baseline}`).split('\0'),
  );
  for (const file of changed) {
    const gitPath = baselinePathOf.get(file)!;
    if (!inBaseline.has(gitPath)) {
      newFiles.push(file);
      continue;
    }
    original.set(
      file,
      gitForVerify(root, ['show', `${baseline}:${gitPath}`], `give the ${baseline} text of ${gitPath}`),
    );
    migrated.push(file);
  }
  return { migrated, newFiles, original };
}

/** What the type-checking of the migrated files shares: their texts before and now, and what it found so far. */
interface Comparison {
  cwd: string;
  base: string;
  config: LoadedConfig;
  unreadable: string[];
  rel: (file: string) => string;
  /** Each migrated file's text in the baseline. */
  original: Map<string, string>;
  /** The migrated components' script blocks now, as virtual files. */
  blocks: Map<string, VirtualBlock>;
  /** Their texts in the baseline, where the original splits. */
  blocksBefore: Map<string, string>;
  introduced: VerifyDiagnostic[];
  /** Why the source could not be type-checked at all, once a program says so. */
  unchecked: string | undefined;
}

/** Components are checked through their script blocks: virtual files, now and before. */
function readComponentBlocks(comparison: Comparison, components: string[]): void {
  for (const file of components) {
    try {
      for (const [virtualPath, block] of virtualScripts(file, fs.readFileSync(file, 'utf8')))
        comparison.blocks.set(virtualPath, block);
    } catch (error) {
      const message = `the component's script blocks can no longer be read: ${(error as Error).message}`;
      comparison.introduced.push({ file: comparison.rel(file), line: 1, column: 1, code: 0, message });
      continue;
    }
    try {
      for (const [virtualPath, block] of virtualScripts(file, comparison.original.get(file)!))
        comparison.blocksBefore.set(virtualPath, block.content);
    } catch {
      /* the original did not split either: every diagnostic of the blocks now counts as new */
    }
  }
}

/** One program's files, type-checked now and with the baseline's texts: the diagnostics only now has are introduced. */
function compareGroup(comparison: Comparison, group: { options: ts.CompilerOptions; files: string[] }): void {
  const { cwd, base, config, blocks, blocksBefore, original } = comparison;
  const groupBlocks = group.files.filter((file) => blocks.has(file));
  const groupFiles = group.files.filter((file) => !blocks.has(file));
  // JavaScript is checked too: a rewrite that breaks a .js file shows up only with checkJs.
  const blockTexts = new Map(groupBlocks.map((virtualPath) => [virtualPath, blocks.get(virtualPath)!.content]));
  const { program, withTexts } = createAuditProject(
    group.options,
    groupFiles,
    { checkJs: true },
    blockTexts,
    checkerTexts(new Map(), comparison.unreadable),
    config.referencedSources,
  );
  comparison.unchecked ??= uncheckedReason(program, cwd, base, config.configPath);
  const now = new Map<string, ts.Diagnostic[]>();
  for (const file of group.files) now.set(file, diagnosticsOf(program, file));

  // Only the changed files this program reads: another project's would become roots of this one.
  const textsBefore = new Map<string, string>();
  for (const [file, text] of original) if (!isVueFile(file) && program.getSourceFile(file)) textsBefore.set(file, text);
  for (const virtualPath of groupBlocks) textsBefore.set(virtualPath, blocksBefore.get(virtualPath) ?? '');
  const before = withTexts(textsBefore);
  for (const file of group.files) addIntroduced(comparison, file, diagnosticsOf(before, file), now.get(file) ?? []);
}

/** The diagnostics of `file` now that its text before did not have (as many of each as before are not new). */
function addIntroduced(comparison: Comparison, file: string, before: ts.Diagnostic[], now: ts.Diagnostic[]): void {
  const remaining = new Map<string, number>();
  for (const d of before) remaining.set(keyOf(d), (remaining.get(keyOf(d)) ?? 0) + 1);
  for (const d of now) {
    const key = keyOf(d);
    const count = remaining.get(key) ?? 0;
    if (count > 0) {
      remaining.set(key, count - 1);
      continue;
    }
    const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
    const block = comparison.blocks.get(file);
    const at = block ? placeInVue(block, line, character) : { line: line + 1, column: character + 1 };
    comparison.introduced.push({
      file: comparison.rel(block?.file ?? file),
      ...at,
      code: d.code,
      message: ts.flattenDiagnosticMessageText(d.messageText, ' '),
    });
  }
}
