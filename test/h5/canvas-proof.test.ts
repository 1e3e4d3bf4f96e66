/*
 * The proof of docs/contract.md, Decision C6, in Chromium: what migrated legacy canvas programs draw
 * equals what the original programs draw on an independent legacy implementation, within
 * anti-aliasing (at most 0.5 % of the pixels differ). The programs are pages as WeChat apps write
 * them (test/h5/canvas-programs/<name>/index.js and index.wxml): a canvas demo, a poster with images
 * and text wrapped by measureText, a QR code, a signature pad drawn with draw(true) at each move, an
 * animated progress ring, canvasToTempFilePath in the draw callback. The original runs over Taro H5's
 * published CanvasContext; the migrated one is what the codemod (the built CLI) writes for a mini-program
 * whose pages they are: the calls bound to the runtime's copy it writes beside app.json, the template
 * given `type="2d"` and `id`, over WeChat's Canvas 2D, played by the browser's own canvas
 * (canvas-proof/canvas2d-wx.ts). At pixel ratio 1, Taro H5's only one: its
 * <Canvas> draws at the CSS size.
 *
 * Where Taro H5 is unfaithful to WeChat the reference is put in WeChat's order, through Taro H5's own
 * queue (canvas-proof/reference-wx.ts): its save()/restore() and font, textAlign, textBaseline (and
 * setFontSize) run at once instead of at draw(). The last test pins those quirks on Taro H5 as
 * published, so the correction is there for a reason. What the programs keep out because Taro H5
 * cannot do it: createPattern with a path (Taro H5 returns a Promise, not a pattern), an export's
 * region and size (Taro H5 exports the whole canvas), pixel ratios above 1.
 */
import * as fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempProjects } from '../helpers/temp-project';
import { browserMissing } from './harness';
import {
  buildProgram,
  compare,
  migratedProgram,
  migratePrograms,
  openProof,
  signTwoStrokes,
  writeImages,
  type Bitmap,
  type Drive,
  type Migration,
} from './canvas-proof/harness';

const PROGRAMS: Record<string, Drive> = {
  'canvas-demo': { done: 'data.drawn' },
  poster: { done: 'data.posterPath' },
  qrcode: { done: 'data.drawn' },
  signature: { done: 'data.signed', script: signTwoStrokes },
  'progress-ring': { done: 'data.percent === 100' },
  'export-after-draw': { done: 'data.previewed' },
};

/** At most this share of pixels may differ (anti-aliasing). */
const AT_MOST = 0.005;

const missing = browserMissing();
if (missing) console.warn(`[h5 browser tests] SKIPPED (the legacy canvas proof): ${missing}`);
const describeBrowser = missing ? describe.skip : describe;

describeBrowser('C6: migrated legacy canvas programs draw what the originals draw on Taro H5, in Chromium', () => {
  let proof: Awaited<ReturnType<typeof openProof>>;
  let migration: Migration;
  const drawn: Record<string, { original: Bitmap[]; migrated: Bitmap[] }> = {};

  beforeAll(async () => {
    writeImages();
    migration = await migratePrograms(Object.keys(PROGRAMS));
    for (const name of Object.keys(PROGRAMS)) {
      await buildProgram(name, 'original');
      await buildProgram(name, 'migrated', migration);
    }
    proof = await openProof();
  }, 120_000);

  afterAll(async () => {
    await proof?.close();
    removeTempProjects();
  });

  it('the codemod migrates every program whole: nothing left for a person, no legacy canvas call, each <canvas> on 2D', () => {
    expect(migration.report.manualReview).toEqual([]);
    expect(migration.report.files.map((f) => f.status)).toEqual(Object.keys(PROGRAMS).map(() => 'changed'));
    for (const name of Object.keys(PROGRAMS)) {
      const { file, wxml } = migratedProgram(migration, name);
      expect(fs.readFileSync(file, 'utf8'), name).not.toMatch(
        /\bwx\.(?:createCanvasContext|canvasToTempFilePath|canvasGetImageData|canvasPutImageData)\b/,
      );
      for (const canvas of wxml.match(/<canvas\b[^>]*>/g)!) expect(canvas, name).toMatch(/ type="2d" id="/);
    }
  });

  for (const [name, drive] of Object.entries(PROGRAMS)) {
    it(`${name}: every canvas equal within anti-aliasing`, async () => {
      const original = await proof.run(name, 'original', drive);
      const migrated = await proof.run(name, 'migrated', drive);
      drawn[name] = { original, migrated };
      expect(migrated).toHaveLength(original.length);
      original.forEach((reference, i) => {
        const { differing, drawn: drawnOver, total } = compare(reference, migrated[i]!);
        console.log(
          `[canvas proof] ${name}, canvas ${i + 1}: ${differing} of ${total} pixels differ (${((100 * differing) / total).toFixed(3)} %), ${drawnOver} drawn over`,
        );
        // A program that drew nothing would prove nothing.
        expect(drawnOver / total).toBeGreaterThan(0.02);
        expect(differing / total).toBeLessThanOrEqual(AT_MOST);
      });
    }, 60_000);
  }

  it('a control: the programs tell each other apart (the comparison sees a different drawing)', () => {
    const demo = drawn['canvas-demo']!.migrated[1]!;
    const ring = drawn['qrcode']!.migrated[0]!;
    const crop = (b: Bitmap, width: number, height: number): Bitmap => {
      const data = new Uint8ClampedArray(width * height * 4);
      for (let y = 0; y < height; y++)
        data.set(b.data.subarray(y * b.width * 4, (y * b.width + width) * 4), y * width * 4);
      return { width, height, data };
    };
    const { differing, total } = compare(crop(demo, 200, 200), crop(ring, 200, 200));
    expect(differing / total).toBeGreaterThan(0.1);
  });

  it("Taro H5 as published is not WeChat's order (save/restore and fonts at once): on the poster it differs from the runtime, which the proof's reference corrects", async () => {
    const asPublished = await proof.run('poster', 'original', PROGRAMS.poster!, '?taroH5AsPublished');
    const { differing, total } = compare(asPublished[0]!, drawn.poster!.migrated[0]!);
    expect(differing / total).toBeGreaterThan(0.05);
  }, 60_000);
});
