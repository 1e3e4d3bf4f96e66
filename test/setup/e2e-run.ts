/**
 * The e2e project's global setup: names this run, for what test files share within one run (the builds of
 * test/e2e/helpers/shared-build.ts, the tarballs of packed.ts), and removes what ended runs left of theirs. A run's
 * name ends with its process id: the folder of a run still going (another `vitest run` in this checkout) is left.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's name (shared-build.ts). */
    e2eRun: string;
  }
}

const SHARED = path.join(__dirname, '..', '..', '.tmp', 'shared-builds');

export default function setup(project: TestProject): void {
  for (const run of fs.existsSync(SHARED) ? fs.readdirSync(SHARED) : []) {
    if (!isRunning(Number(/-(\d+)$/.exec(run)?.[1])))
      fs.rmSync(path.join(SHARED, run), { recursive: true, force: true });
  }
  project.provide('e2eRun', `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
}

function isRunning(pid: number): boolean {
  if (!(pid > 0)) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
