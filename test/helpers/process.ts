/**
 * A child process waited for without blocking the test's event loop. A synchronous wait longer
 * than a minute (an ESLint --fix over a tree, the CLI on a busy machine) starves Vitest's worker
 * of its messages, and Vitest then fails the whole run with "Timeout calling onTaskUpdate":
 * whatever may take that long runs through here.
 */
import { spawn, type SpawnOptions } from 'node:child_process';

export interface Finished {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `command` to its end; `timeout` (ms) kills it, as spawnSync's option does. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: Omit<SpawnOptions, 'stdio'> & { timeout?: number; input?: string } = {},
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const { input, ...spawnOptions } = options;
    const child = spawn(command, args, { ...spawnOptions, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (status, signal) =>
      resolve({
        status,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    );
    child.stdin!.end(input ?? '');
  });
}
