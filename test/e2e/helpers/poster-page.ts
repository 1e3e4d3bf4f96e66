/**
 * The example app's poster page (examples/taro-app/src/pages/poster): its legacy canvas code as the build leaves it,
 * and what it draws, read back from the canvas's pixels wherever it drew (the mini-program host's canvas fake,
 * Chromium's canvas on H5).
 */
import { expect } from 'vitest';

export const POSTER_ROUTE = 'pages/poster/index';

/**
 * Its `<Canvas>` as the built page creates it once moved to Canvas 2D: `type`, bound to the runtime's canvasType (its
 * name as the bundler or minifier leaves it), and `id` before the `canvasId` (the H5 build quotes the keys).
 */
export const POSTER_CANVAS_2D = /"?type"?:\s*(?:[\w$]+\.)?[\w$]+,\s*"?id"?:\s*"poster",\s*"?canvasId"?:\s*"poster"/;
/** Its createCanvasContext call, whatever object the build calls it on, quoted as the source or the minifier does. */
export const POSTER_CONTEXT_CALL = /\bcreateCanvasContext\)?\((["'])poster\1\)/;

/** Points of the picture (CSS pixels) and the colour the page paints there. */
const SAMPLES: { what: string; x: number; y: number; rgb: [number, number, number] }[] = [
  { what: 'the sky gradient near its top (#1e90ff)', x: 60, y: 4, rgb: [33, 146, 255] },
  { what: 'the sky in the frame, a third down the gradient', x: 70, y: 50, rgb: [63, 163, 253] },
  { what: 'the grass (#07c160)', x: 150, y: 190, rgb: [7, 193, 96] },
  { what: 'the sun (#ffcc00)', x: 240, y: 60, rgb: [255, 204, 0] },
  { what: "the red frame's left side (#ff0000)", x: 20, y: 50, rgb: [255, 0, 0] },
];
/** Where 'Voice notes' is written, 20px, centred on x 150, on the baseline y 130. */
const TEXT_BOX = { x: 80, y: 108, width: 140, height: 28 };

export interface Bitmap {
  width: number;
  height: number;
  data: ArrayLike<number>;
}

/** The poster as drawn on `bitmap`, whose pixels are `scale` device pixels to a CSS pixel: each colour, and the text. */
export function expectPoster(bitmap: Bitmap, scale: number): void {
  expect([bitmap.width, bitmap.height]).toEqual([300 * scale, 200 * scale]);
  const at = (x: number, y: number) => {
    const i = (Math.floor(y * scale) * bitmap.width + Math.floor(x * scale)) * 4;
    return [bitmap.data[i]!, bitmap.data[i + 1]!, bitmap.data[i + 2]!, bitmap.data[i + 3]!];
  };
  for (const { what, x, y, rgb } of SAMPLES) {
    const [r, g, b, a] = at(x, y);
    const off = Math.max(...[r, g, b].map((v, k) => Math.abs(v - rgb[k]!)));
    expect(off, `${what} at (${x}, ${y}): rgb(${r}, ${g}, ${b})`).toBeLessThanOrEqual(12);
    expect(a, what).toBe(255);
  }
  // The text's dark grey (#333333) on the sky: a glyph's worth of pixels, in CSS pixels.
  let dark = 0;
  for (let y = TEXT_BOX.y; y < TEXT_BOX.y + TEXT_BOX.height; y += 1 / scale)
    for (let x = TEXT_BOX.x; x < TEXT_BOX.x + TEXT_BOX.width; x += 1 / scale)
      if (
        at(x, y)
          .slice(0, 3)
          .every((v) => v < 100)
      )
        dark += 1 / (scale * scale);
  expect(dark).toBeGreaterThan(100);
}
