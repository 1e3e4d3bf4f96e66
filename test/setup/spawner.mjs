/**
 * Starts processes for one test worker (test/setup/spawn-from-helper.ts), so that each start
 * copies this small process's page tables instead of the worker's, which holds gigabytes.
 *
 * Synchronous calls arrive on a FIFO read by a thread of their own and are answered on another
 * FIFO; asynchronous ones arrive on fd 3 and are answered on fd 4. Messages are JSON lines.
 * Node's own functions do the work: only the options and results cross the wire.
 */
import * as childProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { Worker, isMainThread, workerData } from 'node:worker_threads';
import { decode, encode, lineReader } from './spawn-wire.mjs';

/** An error as plain data: its message, name and every own property Node set on it. */
function errorData(error) {
  if (!error) return null;
  const data = { message: error.message, name: error.name };
  for (const key of Object.keys(error)) if (key !== 'cause') data[key] = error[key];
  return data;
}

function answerSynchronously({ requests, answers }) {
  const nextRequest = lineReader(fs.openSync(requests, 'r'));
  const output = fs.openSync(answers, 'w');
  let request;
  // Until the worker is gone.
  while ((request = nextRequest()) !== undefined) {
    const { call, file, args, options } = decode(request);
    let reply;
    if (call === 'spawnSync') {
      const r = childProcess.spawnSync(file, args, options);
      reply = { result: { ...r, error: errorData(r.error) } };
    } else {
      try {
        reply = { result: childProcess.execFileSync(file, args, options) };
      } catch (error) {
        reply = { thrown: errorData(error) };
      }
    }
    fs.writeSync(output, encode(reply) + '\n');
  }
}

function answerAsynchronously() {
  const replies = fs.createWriteStream(null, { fd: 4 });
  const running = new Map();
  const lines = readline.createInterface({ input: fs.createReadStream(null, { fd: 3 }) });
  lines.on('line', (line) => {
    const message = decode(line);
    if (message.abort !== undefined) return running.get(message.abort)?.abort();
    const stop = new AbortController();
    running.set(message.id, stop);
    childProcess.execFile(
      message.file,
      message.args,
      { ...message.options, signal: stop.signal },
      (error, stdout, stderr) => {
        running.delete(message.id);
        replies.write(encode({ id: message.id, error: errorData(error), stdout, stderr }) + '\n');
      },
    );
  });
  // The worker closed its end: nothing more will be asked.
  lines.on('close', () => process.exit(0));
}

if (isMainThread) {
  const [requests, answers] = process.argv.slice(2);
  new Worker(new URL(import.meta.url), { workerData: { requests, answers } }).unref();
  answerAsynchronously();
} else {
  answerSynchronously(workerData);
}
