/**
 * git's verdict on a codemod run: a dirty tree, files whose changes git hides, or a git that
 * could not answer refuse it (without --force or --dry), worded with the ways out; the files git
 * hides hold every write back until their plans say whether the run rewrites them.
 */
import { gitErrorMessage, gitFailedWords } from './git';
import { exact, firstTen, type GitState, type Wording } from '../rewrite/light';
import type { FilePlan } from './migrate';
import type { CliOptions } from './options';
import type { RefusalReason } from './run-result';

/** firstTen, a line each, indented. */
function listed(lines: string[]): string {
  return firstTen(lines)
    .map((line) => `  ${line}`)
    .join('\n');
}

/** What git is asked to forget, and how to undo it (git update-index). */
const HIDING_FLAGS = 'git update-index --skip-worktree or --assume-unchanged';
const SHOWING_AGAIN = 'git update-index --no-skip-worktree <file> (or --no-assume-unchanged <file>)';

/** The files git hides the changes of, each with its flag, as `show` writes their paths. */
function hiddenFiles(
  git: Extract<GitState, { kind: 'dirty' }>,
  rel: (file: string) => string,
  show: (text: string) => string,
): string[] {
  return git.hidden.map((h) => `${show(rel(h.file))} (${h.flag})`);
}

/** Why a dirty tree refuses the run: what is uncommitted, what git hides, and the ways out, a line each. */
function dirtyTreeWording(git: Extract<GitState, { kind: 'dirty' }>, rel: (file: string) => string): Wording {
  return (show) => {
    const message: string[] = [];
    if (git.changes.length > 0)
      message.push(
        `the git working tree at ${show(git.root)} has uncommitted changes:\n${listed(git.changes.map((change) => show(change)))}`,
      );
    if (git.hidden.length > 0) {
      message.push(
        `${git.changes.length > 0 ? 'and' : `the git working tree at ${show(git.root)}`} hides the changes of files this run would rewrite (marked with ${HIDING_FLAGS}), so neither git status nor git diff would show their migration, nor the edits they may already hold:\n${listed(hiddenFiles(git, rel, show))}`,
        `Make git compare them again first, ${SHOWING_AGAIN}, and commit or stash what they hold${git.changes.length > 0 ? '' : ', or pass --force'}.`,
      );
    }
    if (git.changes.length > 0) {
      message.push(
        'Commit or stash them first so the migration can be reviewed as its own diff, or pass --force.\n' +
          "If they are a first run's edits, commit them: a second run then changes nothing (--dry shows it without committing).",
      );
    }
    return message.join('\n');
  };
}

/**
 * What git's answer means for a run: a refusal (uncommitted changes, or files the run would
 * rewrite whose changes git hides, without --force; a git that could not answer), else null,
 * with a warning where the run goes on regardless. A warning is one line, shown printable()
 * whole where it is printed and kept exact for JSON: its paths go in as they are.
 */
export function refusalByGit(
  git: GitState,
  options: CliOptions,
  warn: (msg: string) => void,
  rel: (file: string) => string,
): { reason: RefusalReason; wording: Wording } | null {
  if (git.kind === 'dirty' && !options.dry) {
    if (gitRefuses(git, options)) return { reason: 'dirtyTree', wording: dirtyTreeWording(git, rel) };
    if (git.changes.length > 0)
      warn(`the git working tree at ${git.root} has uncommitted changes; writing anyway (--force)`);
    if (git.hidden.length > 0) {
      warn(
        `git hides the changes of files this run rewrites (marked with ${HIDING_FLAGS}): ${firstTen(hiddenFiles(git, rel, exact)).join(', ')}; writing anyway (--force): neither git status nor git diff will show their migration until ${SHOWING_AGAIN}`,
      );
    }
  } else if (git.kind === 'none' && !options.dry) {
    warn(`${git.why}: the changes cannot be reviewed or undone with git`);
  } else if (git.kind === 'error') {
    if (gitRefuses(git, options)) return { reason: 'git', wording: gitErrorMessage(git) };
    warn(`${gitFailedWords(git)}: ${git.message.split('\n')[0]}${options.dry ? '' : ' (writing anyway: --force)'}`);
  }
  return null;
}

/** Does git's answer refuse the run: a dirty tree or a failing git, without --force or --dry? */
export function gitRefuses(git: GitState, options: CliOptions): boolean {
  return (git.kind === 'dirty' || git.kind === 'error') && !options.force && !options.dry;
}

/** git's verdict, taken once the hidden files' plans are in: the run stops before any write. */
export class GitRefusal extends Error {
  constructor(
    readonly reason: RefusalReason,
    readonly wording: Wording,
  ) {
    super(wording(exact));
  }
}

/**
 * Holds every plan (and so every write) back until the files git hides that the pre-filter
 * let through are planned (and the scripts beside the page templates it hides, which write them): only then is it known which of them the run rewrites (one that
 * names only getRecorderManager, in a project that does not route it, is left as it is), and
 * git's verdict (`decide`) taken on those. A refusal is thrown as GitRefusal, nothing written.
 */
export class HiddenFileGate {
  private readonly pending: Set<string>;
  private readonly rewritten = new Set<string>();
  private held: FilePlan[] | null = [];

  constructor(
    files: string[],
    private readonly decide: (rewritten: ReadonlySet<string>) => { reason: RefusalReason; wording: Wording } | null,
  ) {
    this.pending = new Set(files);
  }

  /** Plans held, not handed on yet. */
  get heldCount(): number {
    return this.held?.length ?? 0;
  }

  /**
   * Hands `plan` on, or holds it until the verdict; the last hidden file's plan brings the verdict. Throws GitRefusal.
   */
  pass(plan: FilePlan, handOn: (plan: FilePlan) => void): void {
    if (this.held === null) return handOn(plan);
    this.held.push(plan);
    const { file, status } = plan.result;
    if (!this.pending.delete(file)) return;
    if (status === 'changed')
      for (const written of [file, ...(plan.result.templates ?? [])]) this.rewritten.add(written);
    if (this.pending.size > 0) return;
    const refusal = this.decide(this.rewritten);
    if (refusal) throw new GitRefusal(refusal.reason, refusal.wording);
    const held = this.held;
    this.held = null;
    for (const each of held) handOn(each);
  }
}
