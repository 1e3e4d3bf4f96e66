/**
 * The e2e project's global setup: names this run, for the builds test files share within one run
 * (test/e2e/helpers/shared-build.ts), and removes what earlier runs recorded of theirs.
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

export default function setup(project: TestProject): void {
  fs.rmSync(path.join(__dirname, '..', '..', '.tmp', 'shared-builds'), { recursive: true, force: true });
  project.provide('e2eRun', `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
}
