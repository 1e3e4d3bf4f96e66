/**
 * What git tracks is source: no build output, no tool caches (SWC keeps a compiled
 * plugin of several MB in `.swc/` next to a Taro app), no binaries.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/paths';

/** Folders that hold what a tool made, never what a person wrote. */
const GENERATED = new Set(['.swc', '.cache', '.tmp', 'node_modules', 'dist', 'coverage']);

const tracked = (): string[] => execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);

/** Git's own test: a NUL byte in the first 8000 bytes makes a file binary. */
function isBinary(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(8000);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, n).includes(0);
  } finally {
    fs.closeSync(fd);
  }
}

describe('the repository', () => {
  const files = tracked();

  it('tracks files (git ls-files works here)', () => {
    expect(files).toContain('package.json');
  });

  it('tracks no build output or tool cache', () => {
    expect(files.filter((f) => f.split('/').slice(0, -1).some((dir) => GENERATED.has(dir)))).toEqual([]);
  });

  it('tracks no binary file', () => {
    // a file deleted in the work tree but still in the index is not ours to judge here
    expect(files.filter((f) => fs.existsSync(path.join(ROOT, f)) && isBinary(path.join(ROOT, f)))).toEqual([]);
  });
});
