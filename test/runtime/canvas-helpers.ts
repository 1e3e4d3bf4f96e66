/*
 * The canvas family over the fake WeChat canvas platform (fakes/canvas.ts), as an entry hands it the
 * platform, and the comparison its tests make: the same legacy program drawn through the runtime
 * onto a `type="2d"` canvas and by the fake's own legacy context onto a legacy canvas, pixel by
 * pixel.
 */
import { createCanvasCompat, type CanvasApi } from '../../src/runtime/canvas';
import type { LegacyCanvasContext } from '../../src/runtime/canvas-context';
import { FakeCanvasPlatform, WECHAT_3, type CanvasElement, type CanvasPlatformShape } from './fakes/canvas';

export type LegacyProgram = (ctx: LegacyCanvasContext) => void;

/** The family on a fake platform with one page: its four functions, and the platform. */
export function canvasFor(shape: CanvasPlatformShape = WECHAT_3) {
  const platform = new FakeCanvasPlatform(shape);
  const page = platform.page();
  const [createCanvasContext, canvasToTempFilePath, canvasGetImageData, canvasPutImageData] = createCanvasCompat(
    () => platform.api as CanvasApi,
    () => platform.api as CanvasApi,
    platform.pages.getCurrentPages,
  );
  return { platform, page, createCanvasContext, canvasToTempFilePath, canvasGetImageData, canvasPutImageData };
}

/** Resolves once `ctx.draw(reserve, callback)` called back. */
export const drawn = (ctx: { draw(reserve?: boolean, callback?: () => void): void }, reserve?: boolean) =>
  new Promise<void>((resolve) => ctx.draw(reserve, resolve));

/** How many pixels of two bitmaps of one size differ in a channel by more than `tolerance`. */
export function differing(
  a: { width: number; height: number; data: Uint8ClampedArray },
  b: { width: number; height: number; data: Uint8ClampedArray },
  tolerance = 0,
): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`${a.width}×${a.height} vs ${b.width}×${b.height}`);
  let count = 0;
  for (let i = 0; i < a.data.length; i += 4)
    for (let k = 0; k < 4; k++)
      if (Math.abs(a.data[i + k]! - b.data[i + k]!) > tolerance) {
        count++;
        break;
      }
  return count;
}

/** The pixel at device (x, y) as [r, g, b, a]. */
export function pixel(image: { width: number; data: Uint8ClampedArray }, x: number, y: number): number[] {
  const i = (y * image.width + x) * 4;
  return [...image.data.slice(i, i + 4)];
}

/** Whether any pixel of the bitmap is not transparent. */
export const painted = (image: { data: Uint8ClampedArray }) => image.data.some((v, i) => i % 4 === 3 && v > 0);

/**
 * Two canvases of `width`×`height` CSS pixels on the page: `m` as the migration leaves it (`type="2d"`,
 * `id` and `canvas-id`), `l` a legacy canvas.
 */
export function twoCanvases(
  c: ReturnType<typeof canvasFor>,
  width = 120,
  height = 90,
): { migrated: CanvasElement; legacy: CanvasElement } {
  return {
    migrated: c.platform.mount(c.page, { id: 'm', canvasId: 'm', type: '2d', width, height }),
    legacy: c.platform.mount(c.page, { canvasId: 'l', width, height }),
  };
}

/**
 * `program` run on the runtime's context of `m` and on the platform's legacy context of `l`, each
 * draw awaited as `draws` says (each entry a batch: the program's calls, then draw(reserve)); the
 * two bitmaps.
 */
export async function drawBoth(
  c: ReturnType<typeof canvasFor>,
  batches: { program: LegacyProgram; reserve?: boolean }[],
  size?: { width: number; height: number },
) {
  const { migrated, legacy } = twoCanvases(c, size?.width, size?.height);
  const runtime = c.createCanvasContext('m');
  const original = c.platform.api.createCanvasContext('l') as LegacyCanvasContext;
  for (const { program, reserve } of batches) {
    program(runtime);
    program(original);
    await Promise.all([drawn(runtime, reserve), drawn(original, reserve)]);
  }
  return { migrated: c.platform.shown(migrated), legacy: c.platform.shown(legacy) };
}
