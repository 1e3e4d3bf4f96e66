/**
 * The files the engine reads beside a source (a page's .wxml, package.json, .gitignore) are
 * read only when they are regular files: a FIFO where a template or a package.json was
 * expected is reported or passed over, and the run never waits on it.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSideText } from '../../src/rewrite/light';
import { assertBuilt, cleanupProjects, makeProject, read, runCli, runJson } from './helpers';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

const mkfifo = (file: string) => execFileSync('mkfifo', [file]);

describe('readSideText', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'side-file-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a regular file, and one reached through a link', () => {
    fs.writeFileSync(path.join(dir, 'app.json'), '{"pages":[]}');
    fs.symlinkSync(path.join(dir, 'app.json'), path.join(dir, 'linked.json'));
    expect(readSideText(path.join(dir, 'app.json'))).toBe('{"pages":[]}');
    expect(readSideText(path.join(dir, 'linked.json'))).toBe('{"pages":[]}');
  });

  it('refuses a FIFO without waiting for a writer, and a folder, in words', () => {
    mkfifo(path.join(dir, 'pipe.wxml'));
    expect(() => readSideText(path.join(dir, 'pipe.wxml'))).toThrow('a FIFO (named pipe), not a regular file');
    fs.mkdirSync(path.join(dir, 'folder.wxml'));
    expect(() => readSideText(path.join(dir, 'folder.wxml'))).toThrow('a folder');
  });

  it('refuses a file over the size limit before reading it', () => {
    fs.writeFileSync(path.join(dir, 'big.wxml'), Buffer.alloc(1024 * 1024 + 1, 0x20));
    expect(() => readSideText(path.join(dir, 'big.wxml'))).toThrow(/1048577 bytes, over the 1048576-byte limit/);
  });

  it('passes on a missing file as the system error', () => {
    expect(() => readSideText(path.join(dir, 'absent.wxml'))).toThrow(/ENOENT/);
  });
});

const PAGE = "Page({\n  onReady() {\n    this.audioCtx = wx.createAudioContext('lesson')\n  }\n})\n";

describe('the CLI beside side files that are not regular files', () => {
  it("reports a page whose .wxml is a FIFO, with the reason, and leaves the script byte for byte", () => {
    const dir = makeProject({ 'miniprogram/pages/lesson/lesson.js': PAGE });
    mkfifo(path.join(dir, 'miniprogram/pages/lesson/lesson.wxml'));
    const { code, report } = runJson(dir, []);
    expect(code).toBe(0);
    expect(report.manualReview).toEqual([
      expect.objectContaining({ path: 'miniprogram/pages/lesson/lesson.js', line: 3, reason: expect.stringMatching(/the template could not be read: lesson\.wxml: a FIFO \(named pipe\), not a regular file/) }),
    ]);
    expect(read(dir, 'miniprogram/pages/lesson/lesson.js')).toBe(PAGE);
  });

  it('finishes when the package.json above the sources is a FIFO, and still migrates them', () => {
    const dir = makeProject({ 'src/record.js': 'wx.startRecord({ success() {} })\n' });
    mkfifo(path.join(dir, 'package.json'));
    const run = runCli(dir, []);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(read(dir, 'src/record.js')).toMatch(/^var startRecord = require\('taro-plugin-record-compat\/runtime\/native'\)\.startRecord\n/);
  });
});
