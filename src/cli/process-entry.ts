/**
 * The command in this process (bin.ts loads it once the Node is one it runs on): the streams'
 * errors, and the exit code.
 */
import { main } from './main';

// A reader that stops early (`… | head`) closes the pipe. What was left to print is dropped and
// the run goes on to its end: a migration stopped halfway because nobody read its log would
// be worse than one finished unseen. The same holds when the log cannot be written at all (a
// full disk, an I/O error): the run finishes, but then says so once on the other stream and
// exits 1, as nobody has seen its report.
let lostOutput: { stream: string; code: string } | undefined;
for (const [name, stream] of [['output', process.stdout], ['error output', process.stderr]] as const) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED' || lostOutput) return;
    lostOutput = { stream: name, code: err.code ?? err.message };
  });
}

// Which command ran: a migration's changes are on disk for `git status` to show, an audit changed nothing.
let command: 'migrate' | 'audit' | undefined;

// When the loop is empty, so that the error of the last write (the summary) has been seen too.
process.once('beforeExit', () => {
  if (!lostOutput) return;
  const other = lostOutput.stream === 'output' ? process.stderr : process.stdout;
  const after =
    command === 'migrate'
      ? 'the run went on to its end: see `git status` for what it changed'
      : `the ${command === 'audit' ? 'audit' : 'command'} went on to its end and changed nothing, but its report is lost: run it again with its ${lostOutput.stream} going where it can be written`;
  other.write(`record-compat: could not write its ${lostOutput.stream} (${lostOutput.code}); ${after}\n`);
  process.exitCode = Math.max(Number(process.exitCode ?? 0), 1);
});

// exitCode rather than exit(): let stdout drain when it is a pipe.
main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), commandParsed: (kind) => (command = kind) }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
