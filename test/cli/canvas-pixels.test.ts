/**
 * The calls that read a canvas by its id in another file than the canvas's page (docs/contract.md, C4): a shared helper
 * is routed to the runtime's functions where the codemod moves a canvas of its mini-program, and left as it is where
 * none moves. What it becomes is run on the fake WeChat canvas platform, with the local copy of the runtime the codemod
 * writes: the export reads the moved 2D canvas, where the helper as it was fails on it.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { createCanvas, Image } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeCanvasPlatform } from '../runtime/fakes/canvas';
import {
  assertBuilt,
  auditJsonInProcess,
  cleanupProjects,
  mainInProcess,
  makeProject,
  read,
  runJsonInProcess,
} from './helpers';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../../__testfixtures__', name), 'utf8');

const PAGE = 'miniprogram/pages/poster/poster.js';
const TEMPLATE = 'miniprogram/pages/poster/poster.wxml';
const HELPER = 'miniprogram/utils/poster.js';
const COPY = 'miniprogram/utils/record-compat.js';

/** A page that draws its poster and hands the export to the shared helper, by the canvas's id. */
const PAGE_SCRIPT = `const { savePoster } = require('../../utils/poster')
Page({
  onReady() {
    const ctx = wx.createCanvasContext('poster')
    ctx.setFillStyle('#ff0000')
    ctx.fillRect(0, 0, 20, 20)
    ctx.draw(false, () => savePoster('poster', (path) => this.setData({ path })))
  },
})
`;
const LEGACY_TEMPLATE = '<canvas canvas-id="poster" style="width: 20px; height: 20px;"></canvas>\n';
const HELPER_SCRIPT = `// Shared by the pages that export a poster: the canvas's id comes from the page.
function savePoster(canvasId, done) {
  wx.canvasToTempFilePath({ canvasId, success: (res) => done(res.tempFilePath), fail: (res) => done(res.errMsg) })
}
function saveOnAlipay(canvasId) {
  my.canvasToTempFilePath({ canvasId })
}
module.exports = { savePoster, saveOnAlipay }
`;

/** A native mini-program WeChat loads as it is: the codemod writes it a local copy of the runtime. */
const nativeProject = (files: Record<string, string>) =>
  makeProject({
    'project.config.json': JSON.stringify({ appid: 'touristappid', miniprogramRoot: 'miniprogram/' }),
    'miniprogram/app.json': JSON.stringify({ pages: ['pages/poster/poster'] }),
    ...files,
  });

/**
 * The page's onReady run as WeChat runs the mini-program's files (each a CommonJS module) on the fake platform, its
 * `<canvas>` mounted as its template says; `text` gives each file's text. Resolves with what the helper handed back.
 */
async function runPage(dir: string, text: (rel: string) => string): Promise<{ path: string; p: FakeCanvasPlatform }> {
  const p = new FakeCanvasPlatform();
  const page = p.page();
  const template = text(TEMPLATE);
  const is2d = /type="2d" id="poster"/.test(template);
  p.mount(page, {
    id: is2d ? 'poster' : undefined,
    canvasId: 'poster',
    type: is2d ? '2d' : undefined,
    width: 20,
    height: 20,
  });
  const pages: { onReady(this: unknown): void }[] = [];
  const modules = new Map<string, { exports: Record<string, any> }>();
  const load = (rel: string): Record<string, any> => {
    const loaded = modules.get(rel);
    if (loaded) return loaded.exports;
    const module = { exports: {} as Record<string, any> };
    modules.set(rel, module);
    const require = (specifier: string) =>
      load(path.posix.join(path.posix.dirname(rel), specifier.endsWith('.js') ? specifier : `${specifier}.js`));
    vm.runInNewContext(text(rel), {
      module,
      exports: module.exports,
      require,
      wx: p.api,
      getCurrentPages: p.pages.getCurrentPages,
      Page: (options: (typeof pages)[number]) => pages.push(options),
      setTimeout,
      Promise,
      WeakMap,
      Uint8ClampedArray,
    });
    return module.exports;
  };
  load(PAGE);
  const handed = await new Promise<string>((resolve) =>
    pages[0]!.onReady.call({ setData: (data: { path: string }) => resolve(data.path) }),
  );
  return { path: handed, p };
}

/** The first pixel of an exported image, and its size. */
function firstPixel(png: Buffer): { width: number; pixel: number[] } {
  const image = new Image();
  image.src = png;
  const canvas = createCanvas(image.width, image.height);
  canvas.getContext('2d').drawImage(image, 0, 0);
  return { width: image.width, pixel: [...canvas.getContext('2d').getImageData(0, 0, 1, 1).data] };
}

describe("a shared helper's canvasToTempFilePath, in a mini-program where the codemod moves a canvas", () => {
  it("becomes the runtime's: the export reads the moved 2D canvas, where the helper as it was fails on it", async () => {
    const dir = nativeProject({ [PAGE]: PAGE_SCRIPT, [TEMPLATE]: LEGACY_TEMPLATE, [HELPER]: HELPER_SCRIPT });
    const run = await mainInProcess(dir, []);
    expect(run.code, run.stderr).toBe(0);
    expect(read(dir, TEMPLATE)).toContain('<canvas type="2d" id="poster" canvas-id="poster"');
    expect(read(dir, HELPER)).toBe(
      `var { canvasToTempFilePath } = require('./record-compat')\n${HELPER_SCRIPT.replace('  wx.canvasToTempFilePath', '  canvasToTempFilePath')}`,
    );
    expect(read(dir, HELPER)).toContain('  my.canvasToTempFilePath({ canvasId })');
    expect(run.stdout).toContain(`changed  ${HELPER} (1 rewritten → ./record-compat)`);

    const migrated = await runPage(dir, (rel) => read(dir, rel));
    expect(migrated.path).toMatch(/^http:\/\/tmp\/export-\d+\.png$/);
    // The whole 20 CSS px canvas at the pixel ratio (2), red where the page filled it.
    expect(firstPixel(migrated.p.files.get(migrated.path)!)).toEqual({ width: 40, pixel: [255, 0, 0, 255] });
    // The platform's legacy export finds nothing on a 2D canvas: what the helper did before this migration.
    const before = await runPage(dir, (rel) => (rel === HELPER ? HELPER_SCRIPT : read(dir, rel)));
    expect(before.path).toBe('canvasToTempFilePath:fail canvas is empty');
  });

  it("is counted in the summary and listed in --json as the app's own canvas pixel call", async () => {
    const dir = nativeProject({ [PAGE]: PAGE_SCRIPT, [TEMPLATE]: LEGACY_TEMPLATE, [HELPER]: HELPER_SCRIPT });
    const { report } = await runJsonInProcess(dir, ['--dry']);
    expect(report.routeCanvasPixels).toBe(true);
    expect(report.summary.callsByKind).toMatchObject({ canvas: 1, canvasPixels: 1 });
    expect(report.summary.calls).toEqual({ createCanvasContext: 1, canvasToTempFilePath: 1 });
    const helper = report.files.find((f: { path: string }) => f.path === HELPER);
    expect(helper.rewritten).toEqual([{ line: 3, column: 2, api: 'canvasToTempFilePath', via: 'wx', form: 'call' }]);
    const dry = await mainInProcess(dir, ['--dry']);
    expect(dry.stdout).toContain(
      "  app's own canvasToTempFilePath, canvasGetImageData and canvasPutImageData: 1 use would be routed through the runtime (the project has canvases moved to Canvas 2D, which the platform's own calls no longer find by their canvas id)",
    );
  });

  it('the audit gives it no verdict, as for the managers: its findings are the deprecated calls, as the codemod counts them', async () => {
    const dir = nativeProject({ [PAGE]: PAGE_SCRIPT, [TEMPLATE]: LEGACY_TEMPLATE, [HELPER]: HELPER_SCRIPT });
    const { report: audit } = await auditJsonInProcess(dir, ['.']);
    const { report: codemod } = await runJsonInProcess(dir, ['--dry']);
    expect(audit.findings.filter((f: { file: string }) => f.file === HELPER)).toEqual([]);
    // A method of the moved context rides on its createCanvasContext: no place of its own.
    const handled = audit.findings.filter(
      (f: { status: string; reason: string }) => f.status === 'handled' && !/^migrated with the /.test(f.reason),
    );
    expect(handled.map((f: { file: string; api: string }) => [f.file, f.api])).toEqual([[PAGE, 'createCanvasContext']]);
    // The codemod's count holds the routed call besides, which is no deprecated API to the audit.
    expect(handled).toHaveLength(codemod.summary.callsTotal - codemod.summary.callsByKind.canvasPixels);
    expect(audit.needsPerson).toBe(codemod.summary.manualReview);
  });
});

describe('a shared helper where no canvas moves', () => {
  it('is left as it is beside a canvas that stays legacy (its setter written as a property), or with no canvas at all', async () => {
    const stays = nativeProject({
      [PAGE]: PAGE_SCRIPT,
      [TEMPLATE]: '<canvas canvas-id="poster" id="other" style="width: 20px; height: 20px;"></canvas>\n',
      [HELPER]: HELPER_SCRIPT,
    });
    const none = nativeProject({ [HELPER]: HELPER_SCRIPT });
    for (const dir of [stays, none]) {
      const { report } = await runJsonInProcess(dir, []);
      expect(report.routeCanvasPixels).toBe(false);
      expect(read(dir, HELPER)).toBe(HELPER_SCRIPT);
      expect(report.summary.callsByKind.canvasPixels).toBeUndefined();
    }
    expect(read(stays, PAGE)).toContain("ctx.fillStyle = '#ff0000'");
    expect(fs.existsSync(path.join(stays, COPY))).toBe(false);
  });

  it('is left as it is in another mini-program of the run than the one that moves a canvas', async () => {
    const dir = makeProject({
      'a/app.json': JSON.stringify({ pages: ['pages/poster/poster'] }),
      'a/pages/poster/poster.js': PAGE_SCRIPT,
      'a/pages/poster/poster.wxml': LEGACY_TEMPLATE,
      'a/utils/poster.js': HELPER_SCRIPT,
      'b/app.json': JSON.stringify({ pages: ['pages/index/index'] }),
      'b/utils/poster.js': HELPER_SCRIPT,
    });
    const { report } = await runJsonInProcess(dir, ['--dry', '--runtime', 'package']);
    const rewritten = (rel: string) =>
      report.files.find((f: { path: string }) => f.path === rel)?.rewritten.map((s: { api: string }) => s.api);
    expect(rewritten('a/utils/poster.js')).toEqual(['canvasToTempFilePath']);
    expect(rewritten('b/utils/poster.js') ?? []).toEqual([]);
  });
});

describe('a page that moves its canvas and reads it by its id, beside a helper', () => {
  it('is edited once: the same text as without a helper, its calls with the canvas and no site of their own', async () => {
    const dir = makeProject({
      [PAGE]: fixture('canvas-wx-export.input.js'),
      [TEMPLATE]: fixture('canvas-wx-export.input.wxml'),
      [HELPER]: HELPER_SCRIPT,
    });
    const { report } = await runJsonInProcess(dir, []);
    expect(report.routeCanvasPixels).toBe(true);
    expect(read(dir, PAGE)).toBe(
      fixture('canvas-wx-export.output.js').replace("'record-compat-runtime'", "'record-compat-runtime/native'"),
    );
    const sites = (rel: string) =>
      report.files.find((f: { path: string }) => f.path === rel).rewritten.map((s: { api: string }) => s.api);
    expect(sites(PAGE)).toEqual(['createCanvasContext']);
    expect(sites(HELPER)).toEqual(['canvasToTempFilePath']);
    expect(report.manualReview).toEqual([]);
  });
});
