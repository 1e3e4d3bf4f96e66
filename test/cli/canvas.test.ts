/**
 * The legacy canvas through the codemod: a page's `.wxml` is written after its script, through the
 * write gate, and only if it is still the text the rewrite read; otherwise nothing of the page is
 * written and the script is named with the reason. --dry and --print show the template, the summary
 * counts it, and git's check covers it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setIoHooks } from '../../src/files/io';
import {
  assertBuilt,
  auditJsonInProcess,
  cleanupProjects,
  gitStatus,
  mainInProcess,
  makeProject,
  read,
  runJsonInProcess,
} from './helpers';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../../__testfixtures__', name), 'utf8');

const SCRIPT = 'miniprogram/pages/share/share.js';
const TEMPLATE = 'miniprogram/pages/share/share.wxml';
const PAGE = { [SCRIPT]: fixture('canvas-wx-page.input.js'), [TEMPLATE]: fixture('canvas-wx-page.input.wxml') };
const MIGRATED_TEMPLATE = fixture('canvas-wx-page.output.wxml');

describe('the codemod on a legacy canvas', () => {
  it('writes the template after its script, counts it as a changed file and names it beside the script', async () => {
    const dir = makeProject(PAGE);
    const run = await mainInProcess(dir, []);
    expect(run.code).toBe(0);
    expect(read(dir, SCRIPT)).toMatch(/const ctx = createCanvasContext\('poster'\)/);
    expect(read(dir, TEMPLATE)).toBe(MIGRATED_TEMPLATE);
    expect(run.stdout).toContain(`changed  ${SCRIPT}`);
    expect(run.stdout).toContain(`with ${TEMPLATE}`);
    expect(run.stdout).toMatch(/files: 1 looked at, 1 names a legacy API, 2 changed \(1 a template\), /);
    expect(gitStatus(dir).split('\n').filter(Boolean).sort()).toEqual([` M ${SCRIPT}`, ` M ${TEMPLATE}`]);
  });

  it('--dry --print shows the template diff and writes nothing; --json lists the template and counts it', async () => {
    const dir = makeProject(PAGE);
    const printed = await mainInProcess(dir, ['--dry', '--print']);
    expect(printed.stdout).toContain(`+++ b/${TEMPLATE}`);
    expect(printed.stdout).toContain('+  <canvas type="2d" id="poster" canvas-id="poster"');
    const { report } = await runJsonInProcess(dir, ['--dry']);
    expect(report.summary.changed).toBe(2);
    expect(report.summary.callsByKind.canvas).toBe(1);
    expect(report.files).toEqual([
      expect.objectContaining({ path: SCRIPT, status: 'changed', templates: [{ path: TEMPLATE }] }),
    ]);
    expect(read(dir, SCRIPT)).toBe(PAGE[SCRIPT]);
    expect(read(dir, TEMPLATE)).toBe(PAGE[TEMPLATE]);
    expect(gitStatus(dir)).toBe('');
  });

  it('a template the write gate refuses (ignored by git) leaves the script unwritten too, named with its line', async () => {
    const dir = makeProject({ ...PAGE, '.gitignore': '*.wxml\n' });
    for (const dry of [true, false]) {
      const { report } = await runJsonInProcess(dir, dry ? ['--dry'] : []);
      expect(report.failures).toEqual([
        expect.objectContaining({
          path: SCRIPT,
          line: 5,
          reason: expect.stringMatching(
            /^its template miniprogram\/pages\/share\/share\.wxml is ignored by git, .*, and the script moves to Canvas 2D only with it: nothing written$/,
          ),
        }),
      ]);
      expect(report.summary.changed).toBe(0);
    }
    expect(read(dir, SCRIPT)).toBe(PAGE[SCRIPT]);
    expect(read(dir, TEMPLATE)).toBe(PAGE[TEMPLATE]);
  });

  it('a template that is not UTF-8 is not written back, nor is its script', async () => {
    const latin1 = Buffer.concat([Buffer.from(PAGE[TEMPLATE], 'utf8'), Buffer.from('<!-- caf\xe9 -->\n', 'latin1')]);
    const dir = makeProject({ [SCRIPT]: PAGE[SCRIPT] });
    fs.writeFileSync(path.join(dir, TEMPLATE), latin1);
    execFileSync('git', ['add', '-A'], { cwd: dir });
    execFileSync('git', ['commit', '-qm', 'template'], { cwd: dir });
    const { report } = await runJsonInProcess(dir, []);
    expect(report.failures).toEqual([
      expect.objectContaining({
        path: SCRIPT,
        reason: expect.stringMatching(/^its template .*share\.wxml is not UTF-8, .*: nothing written$/),
      }),
    ]);
    expect(read(dir, SCRIPT)).toBe(PAGE[SCRIPT]);
    expect(fs.readFileSync(path.join(dir, TEMPLATE)).equals(latin1)).toBe(true);
  });

  it('a template edited while the run writes is left as it is, and the failure says what to finish by hand', async () => {
    const dir = makeProject(PAGE, { git: false });
    const edited = PAGE[TEMPLATE] + '<!-- edited -->\n';
    const remove = setIoHooks({
      afterRead: (file) => {
        if (file.endsWith('.wxml')) fs.writeFileSync(file, edited);
      },
    });
    try {
      const { report } = await runJsonInProcess(dir, []);
      expect(report.failures).toEqual([
        expect.objectContaining({
          path: SCRIPT,
          reason: expect.stringMatching(
            /^it was written, but its template .*share\.wxml could not be \(changed while the run was going.*\): add type="2d" and the canvas-id as id/,
          ),
        }),
      ]);
    } finally {
      remove();
    }
    expect(read(dir, SCRIPT)).toMatch(/createCanvasContext\('poster'\)/);
    expect(read(dir, TEMPLATE)).toBe(edited);
  });

  it("git's check covers a template whose changes git hides", async () => {
    const dir = makeProject(PAGE);
    execFileSync('git', ['update-index', '--skip-worktree', TEMPLATE], { cwd: dir });
    const run = await mainInProcess(dir, []);
    expect(run.code).not.toBe(0);
    expect(run.stderr + run.stdout).toContain(`${TEMPLATE} (skip-worktree)`);
    expect(read(dir, SCRIPT)).toBe(PAGE[SCRIPT]);
    expect(read(dir, TEMPLATE)).toBe(PAGE[TEMPLATE]);
  });
});

/** Two pages: one whose poster is exported and read by its canvas id, one whose export helper takes the id as a parameter. */
const EXPORT_SCRIPT = 'miniprogram/pages/poster/poster.js';
const STAYS_SCRIPT = 'miniprogram/pages/share/share.js';
const PIXEL_PAGES = {
  [EXPORT_SCRIPT]: fixture('canvas-wx-export.input.js'),
  'miniprogram/pages/poster/poster.wxml': fixture('canvas-wx-export.input.wxml'),
  [STAYS_SCRIPT]: fixture('canvas-stays-pixel-variable-id.input.js'),
  'miniprogram/pages/share/share.wxml': fixture('canvas-stays-pixel-variable-id.input.wxml'),
};

describe('C4 through the codemod and the audit: the calls that read a canvas by its id', () => {
  it('its help says they move with the canvas, and that a canvasId it cannot match keeps it', async () => {
    const help = (await mainInProcess(process.cwd(), ['--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain(
      "the canvas's canvasToTempFilePath, canvasGetImageData and canvasPutImageData become the runtime's.",
    );
    expect(help).toContain('a canvasId that cannot be matched,');
  });

  it('the codemod writes the fixtures: the export and pixel calls go with their canvas; a variable id keeps it, named twice', async () => {
    const dir = makeProject(PIXEL_PAGES);
    const { report } = await runJsonInProcess(dir, []);
    // A native mini-program's script takes the runtime's native entry.
    expect(read(dir, EXPORT_SCRIPT)).toBe(
      fixture('canvas-wx-export.output.js').replace("'record-compat-runtime'", "'record-compat-runtime/native'"),
    );
    expect(read(dir, 'miniprogram/pages/poster/poster.wxml')).toBe(fixture('canvas-wx-export.output.wxml'));
    expect(read(dir, STAYS_SCRIPT)).toBe(fixture('canvas-stays-pixel-variable-id.output.js'));
    expect(read(dir, 'miniprogram/pages/share/share.wxml')).toBe(PIXEL_PAGES['miniprogram/pages/share/share.wxml']);
    const stays = report.manualReview.filter((m: { path: string }) => m.path === STAYS_SCRIPT);
    expect(stays.map((m: { line: number }) => m.line)).toEqual([4, 6, 7, 10]);
    expect(stays[0].reason).toMatch(/^canvasToTempFilePath at line 10 passes a canvasId the rewrite cannot read/);
    expect(stays[3].reason).toMatch(/^its canvasId cannot be read \(neither a string literal nor this\.data\.<name>\)/);
    expect(report.manualReview.filter((m: { path: string }) => m.path === EXPORT_SCRIPT)).toEqual([]);
  });

  it("the audit gives the codemod's verdicts: the moving canvas handled, the kept one and its export for a person", async () => {
    const dir = makeProject(PIXEL_PAGES);
    const { report: audit } = await auditJsonInProcess(dir, ['.']);
    const { report: codemod } = await runJsonInProcess(dir, ['--dry']);
    const at = (file: string, line: number) =>
      audit.findings.filter((f: { file: string; line: number }) => f.file === file && f.line === line);
    expect(at(EXPORT_SCRIPT, 5)).toEqual([expect.objectContaining({ api: 'createCanvasContext', status: 'handled' })]);
    for (const line of [4, 10]) {
      const said = codemod.manualReview.find(
        (m: { path: string; line: number }) => m.path === STAYS_SCRIPT && m.line === line,
      );
      expect(at(STAYS_SCRIPT, line), `line ${line}`).toEqual([
        expect.objectContaining({ status: 'manual', reason: said.reason }),
      ]);
    }
  });
});
