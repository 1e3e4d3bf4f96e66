/**
 * An error no check foresaw (a bug) ends either command the same way: one line on stderr that
 * says so, the trace for a bug report under it, exit code 1, and under --json the same line as
 * JSON on stdout. The migration and the audit are replaced here by ones that throw.
 */
import { describe, expect, it, vi } from 'vitest';
import { main, auditCommand } from '../../src/cli/main';

const BUG = 'Cannot read properties of undefined (reading \u001b[31mkind)\nsecond line of the message';

vi.mock('../../src/cli/run', () => ({
  runMigration: async () => {
    throw new TypeError(BUG);
  },
}));
vi.mock('../../src/audit/index', () => ({
  runAudit: async () => {
    throw new TypeError(BUG);
  },
}));

/** Runs `run` with stdout and stderr caught as text. */
async function caught(
  run: (io: { stdout: { write(t: string): boolean }; stderr: { write(t: string): boolean } }) => Promise<number>,
) {
  let stdout = '';
  let stderr = '';
  const stream = (add: (t: string) => void) => ({ write: (t: string) => (add(t), true) });
  const code = await run({ stdout: stream((t) => (stdout += t)), stderr: stream((t) => (stderr += t)) });
  return { code, stdout, stderr };
}

const commands: [string, (argv: string[]) => ReturnType<typeof caught>][] = [
  ['the migration', (argv) => caught((io) => main(['.', ...argv], { ...io, cwd: process.cwd() } as never))],
  ['the audit', (argv) => caught((io) => main(['audit', '.', ...argv], { ...io, cwd: process.cwd() } as never))],
  [
    'the audit in process (auditCommand)',
    (argv) =>
      caught((io) =>
        auditCommand(['.', ...argv], {
          stdout: (t) => void io.stdout.write(t),
          stderr: (t) => void io.stderr.write(t),
          cwd: process.cwd(),
        }),
      ),
  ],
];

describe('an internal error', () => {
  it.each(commands)('%s: one line that says so, the trace under it, exit code 1', async (_, run) => {
    const r = await run([]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    // The message's first line only, its control characters escaped.
    expect(lines[0]).toBe('error: internal error: Cannot read properties of undefined (reading \\x1b[31mkind)');
    expect(lines[1]).toMatch(
      /^\[taro-plugin-record-compat\] \d+\.\d+\.\d+\S* has a bug: please report it with this trace:$/,
    );
    expect(lines[2]).toBe('TypeError: Cannot read properties of undefined (reading \\x1b[31mkind)');
    expect(r.stderr).toMatch(/\n\s+at .*internal-error\.test\.ts/);
  });

  it.each(commands)('%s, --json: the same line as JSON on stdout', async (_, run) => {
    const r = await run(['--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      error: `internal error: Cannot read properties of undefined (reading \u001b[31mkind)`,
      exitCode: 1,
    });
    expect(r.stderr).toContain('has a bug: please report it with this trace:');
  });
});
