/**
 * What to do next, in a few short lines after each command's summary (and as `nextSteps` in
 * its JSON report), chosen from what the run did: the commands are the user's own (the program
 * as they called it, their options kept), and a place left for a person points to the page of
 * the docs that explains its hand migration, inside the installed package.
 */
import * as path from 'path';
import { packageRoot } from '../package-info';
import {
  counted,
  kindOf,
  KINDS_IN_TABLE_ORDER,
  LEGACY_API_KINDS,
  LEGACY_APIS,
  toPosixPath,
  type LegacyApiKind,
  type LegacyApiKindRow,
  type MigrationFamily,
} from '../rewrite/light';
import { FOR_A_PERSON, places } from './words';

/** How the user ran the program: the commands a next step names are written as they would type them. */
export interface Invocation {
  /** `npx taro-plugin-record-compat`, or `taro record-compat` from Taro's CLI. */
  program: string;
  /** The words given to the program (the codemod's options and paths, or `audit` and the audit's). */
  argv: readonly string[];
  /** The paths as typed (none: the program's default). */
  paths: readonly string[];
}

/** A place left for a person, as both commands know it: the API it names where known, and the reason. */
export interface LeftPlace {
  api?: string | null;
  reason: string;
}

/** What a migration run did, as far as the next step depends on it. */
export interface MigrationOutcome {
  invocation: Invocation;
  cwd: string;
  dry: boolean;
  /** Why the run was refused before writing anything (run-result.ts, RefusalReason). */
  refused?: 'runtimeCopy' | 'dirtyTree' | 'git';
  interrupted: boolean;
  /** Files changed, or that would change under --dry. */
  changed: number;
  failed: number;
  left: readonly LeftPlace[];
  /** git's state: `none` outside a repository, where `git diff` shows nothing. */
  git: 'clean' | 'dirty' | 'none' | 'error';
  /** A runtime copy was written: a new file, which `git diff` does not show. */
  newFiles: boolean;
  /** A runtime copy would be written (--dry): the real run changes something even where no source changes. */
  copyPlanned: boolean;
  /**
   * Why `audit --verify` cannot type-check this project (verify-question.ts), asked only where a
   * step would recommend it; undefined where it can.
   */
  verifyCannotRun?: () => string | undefined;
}

/** What an audit found, as far as the next step depends on it. */
export interface AuditOutcome {
  invocation: Invocation;
  cwd: string;
  handled: number;
  left: readonly LeftPlace[];
  /** Files refused by the rewrite or whose analysis failed: each says why in its line. */
  unread: number;
  verify?: { ran: true; migrated: number; introduced: number; unchecked: boolean };
  /** Why `--verify` cannot type-check this project (AuditResult.verifyCannotRun): then it is not recommended. */
  verifyCannotRun?: string;
}

export function migrationNextSteps(outcome: MigrationOutcome): string[] {
  const { invocation } = outcome;
  const again = command(invocation.program, typedWords(invocation));
  const dryRun = command(invocation.program, [...without(typedWords(invocation), '--dry'), '--dry']);
  if (outcome.refused) {
    const first = {
      dirtyTree: 'commit or stash the changes named above, then run again',
      runtimeCopy: 'do what the error above says, then run again',
      git: 'repair what git reports above, then run again',
    }[outcome.refused];
    // Only a dirty tree is a refusal --dry passes (it writes nothing); a runtime copy or git refuses it as well.
    return outcome.refused === 'dirtyTree' && !outcome.dry
      ? [`${first}: ${again}`, `or see what it would change, writing nothing: ${dryRun}`]
      : [`${first}: ${again}`];
  }
  if (outcome.interrupted) return [`run again to finish: ${again}`];
  const steps: string[] = [];
  if (outcome.dry && (outcome.changed > 0 || outcome.copyPlanned))
    steps.push(`write these changes: ${command(invocation.program, without(typedWords(invocation), '--dry'))}`);
  if (!outcome.dry && (outcome.changed > 0 || outcome.newFiles)) {
    if (outcome.git === 'none') steps.push(`see what is left: ${command(invocation.program, ['audit'])}`);
    else {
      steps.push(
        `review the changes: ${outcome.newFiles ? 'git status (the runtime copy is a new file), then git diff' : 'git diff'}`,
      );
      steps.push(typeCheckStep(invocation, outcome.verifyCannotRun?.()));
    }
  }
  steps.push(...handMigrationSteps(outcome.left, outcome.cwd));
  if (outcome.failed > 0) steps.push(`fix what the line of each failed file says, then run again: ${again}`);
  if (steps.length === 0)
    steps.push(
      `nothing to migrate here; the audit also finds what a rewrite of one file at a time cannot see: ${command(invocation.program, ['audit', ...invocation.paths])}`,
    );
  return steps;
}

/**
 * After a rewriting run: type-check the changes with `audit --verify` (it compares with HEAD, so it checks what is not
 * committed yet); where it cannot run, what the run did check and what the user can do instead.
 */
function typeCheckStep(invocation: Invocation, cannotRun: string | undefined): string {
  if (cannotRun === undefined)
    return `type-check them, then commit: ${command(invocation.program, ['audit', '--verify'])}`;
  return `the audit's --verify cannot type-check this project (${cannotRun}); the rewrite checked only that each file it changed still parses: build and try the app with its own tools (and its tests) before you commit`;
}

export function auditNextSteps(outcome: AuditOutcome): string[] {
  const { invocation, verify } = outcome;
  const audit = (...options: string[]) => command(invocation.program, withOptions(typedWords(invocation), options));
  const steps: string[] = [];
  if (outcome.handled > 0) {
    // Each line ends with its command, whole, for a copy and paste.
    steps.push(
      `the rewrite handles ${places(outcome.handled)}; see its diff: ${command(invocation.program, [...invocation.paths, '--dry', '--print'])}`,
    );
    steps.push(
      `then migrate ${outcome.handled === 1 ? 'it' : 'them'}: ${command(invocation.program, [...invocation.paths])}`,
    );
  }
  steps.push(...handMigrationSteps(outcome.left, outcome.cwd));
  if (outcome.unread > 0)
    steps.push(
      `fix what the line of each file not audited says (${counted(outcome.unread, 'file')}), then audit again`,
    );
  const nothingLeft = outcome.handled === 0 && outcome.left.length === 0 && outcome.unread === 0;
  if (verify?.unchecked && outcome.verifyCannotRun) {
    // Typings the code imports do not parse: no change to the project makes the check possible.
    steps.push(
      `--verify cannot type-check this project (${outcome.verifyCannotRun}): build and try the app with its own tools (and its tests) before you commit`,
    );
  } else if (verify && (verify.introduced > 0 || verify.unchecked)) {
    steps.push(
      `${verify.unchecked ? 'make the check possible as said above' : 'fix the new type errors above'}, then run again: ${audit('--verify')}`,
    );
  } else if (verify) {
    if (nothingLeft) steps.push(...verifiedSteps(verify.migrated));
  } else if (outcome.verifyCannotRun) {
    // Only what the audit did check is claimed: what is left, not the types of the migrated code.
    steps.push(
      `${nothingLeft ? 'no deprecated API is left here, but' : 'once migrated,'} --verify cannot type-check this project (${outcome.verifyCannotRun}): build and try the app with its own tools before you commit`,
    );
  } else if (nothingLeft) {
    steps.push(`nothing is left here; if the migration is not committed yet, type-check it: ${audit('--verify')}`);
  } else {
    steps.push(
      `${outcome.handled > 0 ? 'then' : 'once migrated,'} type-check the migration before you commit it: ${audit('--verify')}`,
    );
  }
  if (nothingLeft) steps.push(`keep the deprecated APIs from coming back, in CI: ${audit('--strict')}`);
  return steps;
}

/** After a clean `--verify`: commit, where it compared migrated files; nothing is claimed where none differs. */
function verifiedSteps(migrated: number): string[] {
  return migrated > 0
    ? ['the migration type-checks: commit it']
    : [
        'no file differs from the baseline, so nothing was type-checked: migrate first, or give the --baseline before it',
      ];
}

/**
 * The lines that point a person to the docs for the places left to them: how many, then one line
 * per kind of place that has a section of its own (the kind's `handMigrationDoc`), and the
 * table of replacements with the runtime's functions for the rest.
 */
function handMigrationSteps(left: readonly LeftPlace[], cwd: string): string[] {
  if (left.length === 0) return [];
  const docs = docsFolder(cwd);
  const kinds = new Set(left.map(kindOfPlace));
  const one = left.length === 1;
  const steps = [
    `${places(left.length)} ${one ? 'is' : 'are'} ${FOR_A_PERSON}: migrate ${one ? 'it' : 'them'} by hand as ${one ? 'its reason says' : 'their reasons say'}; each API's replacement: ${docs}/legacy-apis.md; the runtime's functions: ${docs}/runtime.md`,
  ];
  for (const kind of KINDS_IN_TABLE_ORDER) {
    const { handMigrationDoc: doc }: LegacyApiKindRow = LEGACY_API_KINDS[kind];
    if (doc && kinds.has(kind)) steps.push(`${doc.what}: ${docs}/${doc.page}`);
  }
  return steps;
}

/**
 * What a person does about one place, as the next steps say it: the section of the docs on its kind's hand migration
 * where it has one, else the table of each API's replacement.
 */
export function whatToDo(place: LeftPlace, cwd: string): { what: string; page: string } {
  const kind = kindOfPlace(place);
  const doc = kind === null ? undefined : (LEGACY_API_KINDS[kind] as LegacyApiKindRow).handMigrationDoc;
  return doc
    ? { what: doc.what, page: `${docsFolder(cwd)}/${doc.page}` }
    : { what: "each API's replacement", page: `${docsFolder(cwd)}/legacy-apis.md` };
}

/**
 * The family of API a place is about: its API's where known, else the one family of the APIs its reason names; null
 * where it names none, or several (a computed key that may be any of them).
 */
export function familyOfPlace(place: LeftPlace): MigrationFamily | null {
  if (place.api) return LEGACY_API_KINDS[kindOf(place.api)].family;
  const named = new Set(
    LEGACY_APIS.filter((api) => new RegExp(`\\b${api}\\b`).test(place.reason)).map(
      (api) => LEGACY_API_KINDS[kindOf(api)].family,
    ),
  );
  return named.size === 1 ? [...named][0] : null;
}

/** The kind of API a place is about: its API where known, else the first one its reason names. */
function kindOfPlace(place: LeftPlace): LegacyApiKind | null {
  if (place.api) return kindOf(place.api);
  let first: { api: string; at: number } | null = null;
  for (const api of LEGACY_APIS) {
    const at = place.reason.search(new RegExp(`\\b${api}\\b`));
    if (at >= 0 && (first === null || at < first.at)) first = { api, at };
  }
  return first ? kindOf(first.api) : null;
}

/**
 * The package's docs/ folder as the user can open it: relative where it is installed under the working folder
 * (node_modules/…), else its absolute path (an npx cache).
 */
function docsFolder(cwd: string): string {
  const docs = path.join(packageRoot(), 'docs');
  const relative = path.relative(cwd, docs);
  return toPosixPath(relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : docs);
}

/** The words of a command line with `option` taken out (before a `--`: after it, a word is a path). */
function without(argv: readonly string[], option: string): string[] {
  const end = argv.indexOf('--');
  return argv.filter((word, index) => word !== option || (end !== -1 && index > end));
}

/**
 * The user's words but --json and --format: a next step is the same line in every format, a command for a person to
 * type.
 */
function typedWords(invocation: Invocation): string[] {
  const argv = without(invocation.argv, '--json');
  const end = argv.indexOf('--') === -1 ? argv.length : argv.indexOf('--');
  return argv.filter(
    (word, i) =>
      i >= end || !(word === '--format' || word.startsWith('--format=') || (i > 0 && argv[i - 1] === '--format')),
  );
}

/** The user's own words with `options` added where they lack them, before a `--` (after it, a word is a path). */
function withOptions(argv: readonly string[], options: readonly string[]): string[] {
  const end = argv.indexOf('--') === -1 ? argv.length : argv.indexOf('--');
  const missing = options.filter((option) => !argv.slice(0, end).includes(option));
  return [...argv.slice(0, end), ...missing, ...argv.slice(end)];
}

/** A command as a shell reads it: the program, then each word quoted where the shell would split or expand it. */
function command(program: string, words: readonly string[]): string {
  return [program, ...words.map(shellWord)].join(' ');
}

function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
