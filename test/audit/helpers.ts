import * as fs from 'fs';
import * as path from 'path';
import { afterAll, beforeAll } from 'vitest';
import { runAudit, type AuditResult } from '../../src/audit';
import { ROOT } from '../helpers/paths';
import { gitIn, makeTempProject } from '../helpers/temp-project';

const ROOT_MODULES = path.join(ROOT, 'node_modules');

/** A stand-in for this package as a user's project installs it: only what type-checking the runtime import needs. */
const RUNTIME_STUB: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'record-compat-runtime', version: '0.0.0', types: 'index.d.ts' }),
  'native.d.ts': "export * from './index';\n",
  'index.d.ts': [
    'export interface RecordOption { success?: (res: { tempFilePath: string; errMsg: string }) => void; fail?: (res: { errMsg: string }) => void; complete?: (res: { errMsg: string }) => void }',
    'export declare function startRecord(option?: RecordOption): Promise<{ tempFilePath: string; errMsg: string }> | undefined;',
    'export declare function stopRecord(option?: RecordOption): Promise<{ errMsg: string }> | undefined;',
    '',
  ].join('\n'),
};

export interface TempProject {
  dir: string;
  write(file: string, text: string): void;
  git(...args: string[]): string;
  remove(): void;
}

/**
 * Writes a project into a fresh temp directory (test/helpers/temp-project.ts), a git
 * repository with everything committed when asked. Its node_modules links the typings
 * from this repository's node_modules (what a user's project would have installed)
 * and holds a stub of the runtime package's typings (record-compat-runtime).
 */
export function makeProject(
  files: Record<string, string>,
  options: { git?: boolean; taro?: boolean | 'v2' } = {},
): TempProject {
  const dir = makeTempProject(options.git ? { ...files, '.gitignore': 'node_modules\n' } : files, {
    git: !!options.git,
    prefix: 'audit-',
  });
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(path.join(modules, '@tarojs'), { recursive: true });
  if (options.taro === 'v2') {
    // Taro 2's own package (a dev dependency under an alias), copied to where a Taro 2 app has it.
    fs.cpSync(path.join(ROOT_MODULES, 'taro2-typings'), path.join(modules, '@tarojs/taro'), { recursive: true });
  } else if (options.taro !== false) {
    fs.symlinkSync(path.join(ROOT_MODULES, '@tarojs/taro'), path.join(modules, '@tarojs/taro'), 'dir');
  }
  fs.symlinkSync(
    path.join(ROOT_MODULES, 'miniprogram-api-typings'),
    path.join(modules, 'miniprogram-api-typings'),
    'dir',
  );
  const write = (file: string, text: string): void => {
    const full = path.join(dir, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  };
  for (const [file, text] of Object.entries(RUNTIME_STUB)) write(`node_modules/record-compat-runtime/${file}`, text);
  const git = (...args: string[]): string => gitIn(dir, ...args);
  return { dir, write, git, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The audit of one project (makeProject's options), run once before the tests of the
 * enclosing describe block and the project removed after them: the tests read
 * `audited.result`, and `audited.project` for a run of their own.
 */
export function auditedOnce(
  files: Record<string, string>,
  options: Parameters<typeof makeProject>[1] = {},
): { readonly project: TempProject; readonly result: AuditResult } {
  let project: TempProject | undefined;
  let result: AuditResult | undefined;
  beforeAll(async () => {
    project = makeProject(files, options);
    result = await runAudit({ cwd: project.dir });
  });
  afterAll(() => project?.remove());
  return {
    get project() {
      if (!project) throw new Error('the project is made in beforeAll: read it inside a test');
      return project;
    },
    get result() {
      if (!result) throw new Error('the audit runs in beforeAll: read its result inside a test');
      return result;
    },
  };
}

/** Captures what auditCommand prints. */
export function capture(): {
  out: string[];
  err: string[];
  io: { stdout: (t: string) => void; stderr: (t: string) => void };
} {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t) } };
}
