/**
 * The command in this process (bin.ts loads it once the Node is one it runs on): the streams'
 * errors, and the exit code.
 */
import { watchOutput } from './lost-output';
import { internalErrorText } from './error-json';
import { main } from './main';

const output = watchOutput(process.stdout, process.stderr);

// When the loop is empty, so that the error of the last write (the summary) has been seen too.
process.once('beforeExit', () => {
  process.exitCode = output.exitCode(Number(process.exitCode ?? 0));
});

// exitCode rather than exit(): let stdout drain when it is a pipe. The current folder is read by
// the command line's parse, which says so when it is gone (options.ts, currentFolder).
main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  commandParsed: output.commandParsed,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // main() answers its commands' internal errors itself; this is for one of its own.
    process.stderr.write(internalErrorText(err));
    process.exitCode = 1;
  },
);
