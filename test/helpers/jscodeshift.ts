import path from 'node:path';
import { ROOT } from './paths';
import { runProcess, type Finished } from './process';

/** The built transform, as `jscodeshift -t` is given it. Needs `npm run build` first. */
export const TRANSFORM = path.join(ROOT, 'dist/transforms/record-compat.js');
const JSCODESHIFT = path.join(ROOT, 'node_modules/.bin/jscodeshift');

/**
 * Runs jscodeshift's own CLI with the built transform, without colours: jscodeshift's
 * picocolors colours its REP lines whenever CI is set, which would split the text the tests read.
 * With `--no-babel`, as the docs give the command (the built transform needs no compiling), unless
 * `args` asks for jscodeshift's default with `--babel`: its @babel/register then compiles every module
 * the transform loads, about 5 s a run.
 */
export function runJscodeshift(args: string[], cwd?: string): Promise<Finished> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  // In band: jscodeshift's worker processes would only add forks on a busy machine.
  const inBand = args.includes('--run-in-band') ? [] : ['--run-in-band'];
  const babel = args.includes('--babel') ? [] : ['--no-babel'];
  return runProcess(JSCODESHIFT, ['-t', TRANSFORM, ...babel, ...inBand, ...args], { cwd, env });
}
