/**
 * What the CLI says when the git safety check (src/rewrite/tree/git-check.ts) cannot run: git's
 * own message and the ways out, --force among them.
 */
import { exact, trustTheRepository, type GitState, type Wording } from '../rewrite/light';

/** What failed, the first line of gitErrorMessage: where git failed and what could not be checked. */
export function gitFailedWords(
  state: Extract<GitState, { kind: 'error' }>,
  show: (text: string) => string = exact,
): string {
  return `git failed in ${show(state.dir)}, so the working tree could not be checked for uncommitted changes`;
}

/** What to say when git fails: its message, a line for each line git wrote, and the ways out. */
export function gitErrorMessage(state: Extract<GitState, { kind: 'error' }>): Wording {
  // "not a git repository: <path>" (not git's "(or any of the parent directories)"): a .git file or GIT_DIR names a git
  // directory that is gone.
  const lostGitDir = /not a git repository: /i.test(state.message);
  return (show) => {
    const trust = trustTheRepository(state.message, state.dir, show);
    const wayOut = trust
      ? `${trust[0].toUpperCase()}${trust.slice(1)}, `
      : lostGitDir
        ? `The git directory named by its .git file (or GIT_DIR) is missing: if this is a linked worktree whose main repository was moved, run git worktree repair '${show(state.dir)}' in the main repository, `
        : 'Fix what git reports, ';
    return `${gitFailedWords(state, show)}:\n${state.message
      .split('\n')
      .map((line) => show(line))
      .join('\n')}\n${wayOut}or pass --force to write without the check.`;
  };
}
