/**
 * The end-of-build line (src/taro-plugin/collector.ts): what the build rewrote and what it leaves
 * for a person, file by file, over the modules of one build and again at a watch-mode rebuild.
 */
import { describe, expect, it } from 'vitest';
import { ReportCollector, formatSummary } from '../../src/taro-plugin/collector';
import { APP } from './helpers';

describe('the summary line', () => {
  it('counts calls and files and lists manual places as file:line', () => {
    const c = new ReportCollector(APP);
    c.record(`${APP}/src/a.ts`, { rewritten: [r(1), r(2)], manual: [] });
    c.record(`${APP}/src/b.ts`, {
      rewritten: [r(3)],
      manual: [{ line: 9, column: 2, reason: 'Taro escapes into an object' }],
    });
    c.record(`${APP}/src/c.ts`, { rewritten: [], manual: [] });
    expect(formatSummary(c.summary())).toBe(
      '[record-compat] rewrote 3 legacy record calls in 2 files; 1 place left for manual review: src/b.ts:9',
    );
    // A watch-mode rebuild replaces a file's earlier report.
    c.beginBuild();
    c.record(`${APP}/src/b.ts`, { rewritten: [r(3)], manual: [] });
    expect(formatSummary(c.summary())).toBe(
      '[record-compat] rewrote 3 legacy record calls in 2 files; nothing left for manual review',
    );
  });

  it('adds up the modules one file makes in one build (a .vue script and its template), and starts over on a rebuild', () => {
    const c = new ReportCollector(APP);
    c.beginBuild();
    const vue = `${APP}/src/pages/index/index.vue`;
    c.record(vue, { rewritten: [r(12), r(30)], manual: [] }); // <script setup>
    c.record(vue, { rewritten: [], manual: [] }); // the compiled template: nothing to rewrite
    c.record(vue, { rewritten: [r(50)], manual: [] }); // <script>
    expect(formatSummary(c.summary())).toBe(
      '[record-compat] rewrote 3 legacy record calls in 1 file; nothing left for manual review',
    );
    c.beginBuild();
    c.record(vue, { rewritten: [], manual: [] }); // edited: no legacy call left
    expect(formatSummary(c.summary())).toBe(
      '[record-compat] rewrote 0 legacy calls in 0 files; nothing left for manual review',
    );
  });

  it('names what the build routed a kind at a time: the three canvas pixel calls once, with the file that moves a canvas', () => {
    const c = new ReportCollector(APP);
    c.record(`${APP}/src/a.ts`, { rewritten: [r(1)], manual: [] });
    c.record(`${APP}/src/own.ts`, { rewritten: [{ ...r(2), api: 'getRecorderManager' }], manual: [] });
    c.record(`${APP}/src/utils/save.js`, { rewritten: [{ ...r(3), api: 'canvasToTempFilePath' }], manual: [] });
    const causes = {
      routeRecorderManager: { file: `${APP}/src/a.ts`, migrated: false },
      routeCanvasPixels: { file: `${APP}/src/pages/ring/index.jsx`, migrated: false },
    };
    expect(formatSummary(c.summary(causes))).toBe(
      "[record-compat] rewrote 1 legacy record call, 1 app's own getRecorderManager use and 1 app's own canvas pixel call in 3 files (routed through the runtime: getRecorderManager, as src/a.ts has legacy record calls; canvasToTempFilePath, canvasGetImageData and canvasPutImageData, as src/pages/ring/index.jsx has canvases moved to Canvas 2D); nothing left for manual review",
    );
  });

  function r(line: number) {
    return { line, column: 0, api: 'startRecord' as const, via: 'Taro', form: 'call' as const };
  }
});
