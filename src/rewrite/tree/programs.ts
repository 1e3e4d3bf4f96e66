/**
 * The programs a run starts by name from the PATH (git, getfattr, xattr): whether a start failed
 * before the program ran, and what to say of it. A PATH holding a folder this user may not search
 * makes the search fail with EACCES where it meets that folder, whether the program is installed
 * further on or not: a start that failed so is said as such, never as the program's own failure.
 */

/** The errors of a start that never ran the program: none on the PATH, or the PATH's way to it barred. */
const NOT_STARTED = new Set(['ENOENT', 'EACCES', 'EPERM', 'ENOTDIR', 'ELOOP', 'ENAMETOOLONG', 'ENOEXEC']);

/** The error code of a start that never ran the program; undefined for any other outcome. */
export function notStartedCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null | undefined)?.code;
  return typeof code === 'string' && NOT_STARTED.has(code) ? code : undefined;
}

/** Why `command` did not run, in words: `git is not installed`, `git could not be started (EACCES: …)`. */
export function notStartedWords(command: string, code: string): string {
  if (code === 'ENOENT') return `${command} is not installed`;
  const barred =
    code === 'EACCES' || code === 'EPERM'
      ? `a folder of the PATH this user may not search, or a ${command} it may not run`
      : 'the PATH leads to no program that runs';
  return `${command} could not be started (${code}: ${barred})`;
}
