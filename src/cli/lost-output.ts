/**
 * A log that cannot be written. A reader that stops early (`… | head`) closes the pipe: what was
 * left to print is dropped and the run goes on to its end, as a migration stopped halfway because
 * nobody read its log would be worse than one finished unseen. The same holds when the log cannot
 * be written at all (a full disk, an I/O error): the run finishes, then says so once on the other
 * stream and exits 1, as nobody has seen its report. Watched by both ways in: the bin, and
 * `taro record-compat` in Taro's process.
 */
export interface OutputWatch {
  /** Which command runs: a migration's changes are on disk for `git status` to show, an audit changed nothing. */
  commandParsed(kind: 'migrate' | 'audit'): void;
  /**
   * The exit code once the output is settled: at least 1 when it was lost, which is then said (once) on the other
   * stream.
   */
  exitCode(code: number): number;
}

export function watchOutput(stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): OutputWatch {
  let lost: { stream: 'output' | 'error output'; code: string } | undefined;
  let said = false;
  let command: 'migrate' | 'audit' | undefined;
  for (const [name, stream] of [
    ['output', stdout],
    ['error output', stderr],
  ] as const) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED' || lost) return;
      lost = { stream: name, code: err.code ?? err.message };
    });
  }
  return {
    commandParsed: (kind) => {
      command = kind;
    },
    exitCode(code) {
      if (!lost) return code;
      if (!said) {
        said = true;
        const after =
          command === 'migrate'
            ? 'the run went on to its end: see `git status` for what it changed'
            : `the ${command === 'audit' ? 'audit' : 'command'} went on to its end and changed nothing, but its report is lost: run it again with its ${lost.stream} going where it can be written`;
        (lost.stream === 'output' ? stderr : stdout).write(
          `record-compat: could not write its ${lost.stream} (${lost.code}); ${after}\n`,
        );
      }
      return Math.max(code, 1);
    },
  };
}
