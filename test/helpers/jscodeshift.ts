import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './paths';

/** The built transform, as `jscodeshift -t` is given it. Needs `npm run build` first. */
export const TRANSFORM = path.join(ROOT, 'dist/transforms/record-compat.js');
const JSCODESHIFT = path.join(ROOT, 'node_modules/.bin/jscodeshift');

/**
 * Runs jscodeshift's own CLI with the built transform, without colours: jscodeshift's
 * picocolors colours its REP lines whenever CI is set, which would split the text the tests read.
 */
export function runJscodeshift(args: string[], cwd?: string): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  const r = spawnSync(JSCODESHIFT, ['-t', TRANSFORM, ...args], { cwd, encoding: 'utf8', env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
