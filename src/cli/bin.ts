#!/usr/bin/env node
import { main } from './main';

// A reader that stops early (`… | head`) closes the pipe. What was left to print is dropped and
// the run goes on to its end: a migration stopped halfway because nobody read its log would
// be worse than one finished unseen. Any other error of the streams is still an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
  });
}

// exitCode rather than exit(): let stdout drain when it is a pipe.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
