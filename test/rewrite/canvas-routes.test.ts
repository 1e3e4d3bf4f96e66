/**
 * The calls that read a canvas by its id under `routeCanvasPixels` (docs/contract.md, C4): in a file that moves no
 * canvas they become the runtime's as the app's own managers do; in a file that moves one, the calls that name it go
 * with it once, and those that keep it legacy stay, named for a person once.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import { rewriteFile } from '../../src/rewrite';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../../__testfixtures__', name), 'utf8');
const ROUTED = { routeCanvasPixels: true } as const;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A page's script path with its `.wxml` written beside it. */
function pageWith(wxml: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canvas-routes-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'page.wxml'), wxml);
  return path.join(dir, 'page.js');
}

const codemod = (text: string, file: string, options = {}) =>
  rewriteFile(text, file, options, { writesTemplates: true });

describe('a helper that moves no canvas', () => {
  const HELPER = [
    "import Taro, { canvasGetImageData } from '@tarojs/taro'",
    'const { canvasPutImageData: put } = Taro',
    'export function save(canvasId, page) {',
    '  wx.canvasToTempFilePath({ canvasId, success: (res) => page.keep(res.tempFilePath) }, page)',
    '  Taro.canvasToTempFilePath({ canvasId })',
    '  my.canvasToTempFilePath({ canvasId })',
    '  qq.canvasToTempFilePath({ canvasId })',
    '  tt.canvasToTempFilePath({ canvasId })',
    '  return canvasGetImageData({ canvasId, x: 0, y: 0, width: 1, height: 1 }).then((d) => put({ canvasId, ...d }))',
    '}',
    '',
  ].join('\n');

  it("routes wx's and Taro's, a named import and a destructuring, as the managers are routed; my, qq and tt stay", () => {
    const { output, report } = codemod(HELPER, 'src/utils/poster.js', ROUTED);
    expect(report.rewritten.map((s) => [s.line, s.api, s.via])).toEqual([
      [4, 'canvasToTempFilePath', 'wx'],
      [5, 'canvasToTempFilePath', 'Taro'],
      [9, 'canvasGetImageData', 'named import'],
      [9, 'canvasPutImageData', 'destructuring'],
    ]);
    expect(report.manual).toEqual([]);
    expect(output).toContain(
      "import { canvasToTempFilePath, canvasGetImageData, canvasPutImageData } from 'record-compat-runtime'",
    );
    for (const kept of ['my', 'qq', 'tt']) expect(output).toContain(`  ${kept}.canvasToTempFilePath({ canvasId })`);
    expect(output).not.toMatch(/wx\.canvasToTempFilePath|Taro\.canvasToTempFilePath|put\(/);
  });

  it('is left as it is without the option (a project that moves no canvas)', () => {
    const { output, report } = codemod(HELPER, 'src/utils/poster.js');
    expect(output).toBeNull();
    expect(report.rewritten).toEqual([]);
    expect(report.manual).toEqual([]);
  });
});

describe('a page that moves its canvas, with the option on', () => {
  it('edits each call that names the canvas once: the same text as without the option, no site of its own', () => {
    const page = pageWith(fixture('canvas-wx-export.input.wxml'));
    const input = fixture('canvas-wx-export.input.js');
    const routed = codemod(input, page, ROUTED);
    const alone = codemod(input, page);
    expect(routed.output).toBe(fixture('canvas-wx-export.output.js'));
    expect(routed.output).toBe(alone.output);
    expect(routed.report.rewritten.map((s) => s.api)).toEqual(['createCanvasContext']);
    expect(routed.output!.match(/canvas(?:ToTempFilePath|GetImageData|PutImageData)\(/g)).toHaveLength(3);
  });

  it("routes a call that names another canvas as the helper's are, with its site", () => {
    const page = pageWith('<canvas canvas-id="poster"></canvas>\n');
    const input = [
      'Page({',
      '  onReady() {',
      "    const ctx = wx.createCanvasContext('poster')",
      '    ctx.draw(false, () => {',
      "      wx.canvasToTempFilePath({ canvasId: 'poster' })",
      "      wx.canvasToTempFilePath({ canvasId: 'badge' })",
      '    })',
      '  },',
      '})',
      '',
    ].join('\n');
    const { output, report } = codemod(input, page, ROUTED);
    expect(report.rewritten.map((s) => [s.line, s.api])).toEqual([
      [3, 'createCanvasContext'],
      [6, 'canvasToTempFilePath'],
    ]);
    expect(output).not.toContain('wx.canvasToTempFilePath');
    expect(output).toContain(
      "      canvasToTempFilePath({ canvasId: 'poster' })\n      canvasToTempFilePath({ canvasId: 'badge' })",
    );
    // Without the option the call of the other canvas stays the platform's.
    expect(codemod(input, page).output).toContain("wx.canvasToTempFilePath({ canvasId: 'badge' })");
  });

  it('names a call inside a with statement, which keeps its canvas legacy, once: as without the option', () => {
    const page = pageWith('<canvas canvas-id="poster"></canvas>\n');
    const input = [
      'Page({',
      '  onReady() {',
      "    const ctx = wx.createCanvasContext('poster')",
      '    ctx.draw(false, () => {',
      "      with (this) { wx.canvasToTempFilePath({ canvasId: 'poster' }) }",
      '    })',
      '  },',
      '})',
      '',
    ].join('\n');
    const routed = codemod(input, page, ROUTED);
    expect(routed.output).toBeNull();
    expect(routed.report.manual).toEqual(codemod(input, page).report.manual);
    expect(routed.report.manual.filter((m) => m.line === 5)).toEqual([
      expect.objectContaining({
        reason: expect.stringMatching(/^it reads the canvas 'poster', but .* with statement/),
      }),
    ]);
  });

  it('leaves a call that keeps its canvas legacy as it is, named for a person once', () => {
    const page = pageWith(fixture('canvas-stays-pixel-variable-id.input.wxml'));
    const input = fixture('canvas-stays-pixel-variable-id.input.js');
    const { output, report } = codemod(input, page, ROUTED);
    expect(output).toBe(fixture('canvas-stays-pixel-variable-id.output.js'));
    expect(report.rewritten.map((s) => s.api)).not.toContain('canvasToTempFilePath');
    expect(report.manual.filter((m) => m.line === 10)).toEqual([
      expect.objectContaining({ reason: expect.stringMatching(/^its canvasId cannot be read/) }),
    ]);
  });
});
