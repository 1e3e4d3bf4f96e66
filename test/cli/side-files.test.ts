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
import { readSideText, walk } from '../../src/rewrite/light';
import {
  assertBuilt,
  auditInProcess,
  cleanupProjects,
  makeProject,
  read,
  runJson,
  WX_PAGE,
  runJsonInProcess,
  mainInProcess,
} from './helpers';

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
  it('reports a page whose .wxml is a FIFO, with the reason, and leaves the script byte for byte', async () => {
    const dir = makeProject({ 'miniprogram/pages/lesson/lesson.js': PAGE });
    mkfifo(path.join(dir, 'miniprogram/pages/lesson/lesson.wxml'));
    const { code, report } = await runJsonInProcess(dir, []);
    expect(code).toBe(0);
    expect(report.manualReview).toEqual([
      expect.objectContaining({
        path: 'miniprogram/pages/lesson/lesson.js',
        line: 3,
        reason: expect.stringMatching(
          /the template could not be read: lesson\.wxml: a FIFO \(named pipe\), not a regular file/,
        ),
      }),
    ]);
    expect(read(dir, 'miniprogram/pages/lesson/lesson.js')).toBe(PAGE);
  });

  it('finishes when the package.json above the sources is a FIFO, and still migrates them', async () => {
    const dir = makeProject({ 'src/record.js': 'wx.startRecord({ success() {} })\n' });
    mkfifo(path.join(dir, 'package.json'));
    const run = await mainInProcess(dir, []);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(read(dir, 'src/record.js')).toMatch(/^var \{ startRecord \} = require\('record-compat-runtime\/native'\)\n/);
  });
});

describe('a .gitignore that is a FIFO', () => {
  // git opens it and waits until something writes to it (git status hangs there), then reads no
  // rules from it: which files the user keeps out of git there is unknown.
  const FIFO_GITIGNORE =
    'its .gitignore is a FIFO (named pipe), not a regular file, which git waits on until something writes to it (git status hangs there); not walked, as which of its files git ignores is unknown: make it a regular file';
  // Far above what a run takes, so that a run that waited on git would show, and stay bounded.
  const env = { RECORD_COMPAT_GIT_TIMEOUT_MS: '20000' };

  /**
   * A repository whose src/.gitignore is a FIFO; a rule of the root's matches a file the walk meets first (a.gen.js),
   * so the walk asks git what it tracks.
   */
  function projectWithFifo(): string {
    const dir = makeProject({
      '.gitignore': '*.gen.js\n',
      'a.gen.js': WX_PAGE,
      'pages/index.js': WX_PAGE,
      'src/record.js': WX_PAGE,
    });
    mkfifo(path.join(dir, 'src/.gitignore'));
    return dir;
  }

  it('fails that folder, named, in the codemod: it finishes at once, refuses without --dry (git status would hang), and takes no lock', () => {
    const dir = projectWithFifo();
    let started = Date.now();
    const refused = runJson(dir, ['.'], env);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(refused.code).toBe(1);
    expect(refused.report.refused).toEqual({
      reason: 'git',
      message: expect.stringContaining(
        `git status was stopped, as it would not answer: it reads ${path.join(dir, 'src/.gitignore')}, a FIFO (named pipe), and git waits on a FIFO until something writes to it; make it a regular file`,
      ),
    });
    expect(read(dir, 'pages/index.js')).toBe(WX_PAGE);
    started = Date.now();
    const dry = runJson(dir, ['.', '--dry'], env);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(dry.code).toBe(1);
    expect(dry.report.failures).toEqual([{ path: 'src', line: null, column: null, reason: FIFO_GITIGNORE }]);
    expect(
      dry.report.files.filter((f: { status: string }) => f.status === 'changed').map((f: { path: string }) => f.path),
    ).toEqual(['pages/index.js']);
    expect(fs.existsSync(path.join(dir, '.git', 'index.lock'))).toBe(false);
  });

  it('fails that folder, named, in the walk, which asks git nothing that reads it; the audit says so', async () => {
    const dir = projectWithFifo();
    const saved = process.env.RECORD_COMPAT_GIT_TIMEOUT_MS;
    process.env.RECORD_COMPAT_GIT_TIMEOUT_MS = env.RECORD_COMPAT_GIT_TIMEOUT_MS;
    try {
      const started = Date.now();
      const walked = walk([dir]);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(walked.problems).toEqual([{ path: path.join(dir, 'src'), reason: FIFO_GITIGNORE }]);
      expect(walked.ignoreFifos).toEqual([{ file: path.join(dir, 'src/.gitignore'), repository: dir }]);
      expect(walked.files).toEqual([path.join(dir, 'pages/index.js')]);
      const audit = JSON.parse((await auditInProcess(dir, ['.', '--json'])).stdout);
      expect(audit.warnings).toContain(`src: ${FIFO_GITIGNORE}; references in it are missing`);
      expect([...new Set(audit.findings.map((f: { file: string }) => f.file))]).toEqual(['pages/index.js']);
    } finally {
      if (saved === undefined) delete process.env.RECORD_COMPAT_GIT_TIMEOUT_MS;
      else process.env.RECORD_COMPAT_GIT_TIMEOUT_MS = saved;
    }
  });
});
