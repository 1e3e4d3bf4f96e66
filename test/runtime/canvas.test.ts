/*
 * The legacy canvas on Canvas 2D (src/runtime/canvas.ts, canvas-context.ts): one block per
 * Decision of docs/contract.md, section 13, on the fake WeChat canvas platform (fakes/canvas.ts),
 * whose bitmaps are real 2D canvases. Where a behaviour has a legacy look, the test draws the same
 * calls through the runtime onto a `type="2d"` canvas and on the fake's legacy context onto a legacy
 * canvas, and compares the pixels.
 */
import { describe, expect, it } from 'vitest';
import { createCanvasCompat, type CanvasApi } from '../../src/runtime/canvas';
import { withFontSize } from '../../src/runtime/canvas-context';
import { FakeCanvasPlatform, WECHAT_3 } from './fakes/canvas';
import { canvasFor, differing, drawBoth, drawn, painted, pixel, twoCanvases } from './canvas-helpers';

const RED = [255, 0, 0, 255];
const BLUE = [0, 0, 255, 255];
const CLEAR = [0, 0, 0, 0];

/** A 2×2 PNG, one colour per quadrant, and a 20×20 blue square. */
function withImages(c: ReturnType<typeof canvasFor>) {
  c.platform.addImage('/images/quadrants.png', 2, 2, (ctx) => {
    ctx.fillStyle = 'red';
    ctx.fillRect(0, 0, 1, 1);
    ctx.fillStyle = 'lime';
    ctx.fillRect(1, 0, 1, 1);
    ctx.fillStyle = 'blue';
    ctx.fillRect(0, 1, 1, 1);
    ctx.fillStyle = 'yellow';
    ctx.fillRect(1, 1, 1, 1);
  });
  c.platform.addImage('/images/blue.png', 20, 20, (ctx) => {
    ctx.fillStyle = 'blue';
    ctx.fillRect(0, 0, 20, 20);
  });
}

describe('C2: calls recorded, replayed at draw(), one draw after another', () => {
  it('nothing is drawn before draw(); the callback runs once the batch is on the canvas', async () => {
    const c = canvasFor();
    const { migrated } = twoCanvases(c);
    const ctx = c.createCanvasContext('m');
    ctx.setFillStyle('red');
    ctx.fillRect(0, 0, 10, 10);
    await new Promise((r) => setTimeout(r, 20));
    expect(painted(c.platform.shown(migrated))).toBe(false);
    let seen: number[] = [];
    await new Promise<void>((resolve) =>
      ctx.draw(false, () => {
        seen = pixel(c.platform.shown(migrated), 5, 5);
        resolve();
      }),
    );
    expect(seen).toEqual(RED);
  });

  it('the node is asked for once, through the selector query, and sized by the pixel ratio (legacy lengths stay CSS pixels)', async () => {
    const c = canvasFor({ base: '3.8.8', pixelRatio: 3 });
    const { migrated } = twoCanvases(c, 100, 50);
    const ctx = c.createCanvasContext('m');
    for (let i = 0; i < 3; i++) {
      ctx.setFillStyle('red');
      ctx.fillRect(0, 0, 10, 10);
      await drawn(ctx, true);
    }
    expect(c.platform.calls.filter((name) => name === 'createSelectorQuery')).toHaveLength(1);
    expect([migrated.node!.width, migrated.node!.height]).toEqual([300, 150]);
    const shown = c.platform.shown(migrated);
    expect(pixel(shown, 29, 29)).toEqual(RED);
    expect(pixel(shown, 31, 31)).toEqual(CLEAR);
  });

  it('draw() clears what was drawn before; draw(true) keeps it', async () => {
    const c = canvasFor();
    const { migrated } = twoCanvases(c);
    const ctx = c.createCanvasContext('m');
    ctx.setFillStyle('red');
    ctx.fillRect(0, 0, 10, 10);
    await drawn(ctx);
    ctx.fillRect(20, 0, 10, 10);
    await drawn(ctx, true);
    expect(pixel(c.platform.shown(migrated), 4, 4)).toEqual(RED);
    expect(pixel(c.platform.shown(migrated), 44, 4)).toEqual(RED);
    ctx.fillRect(40, 0, 10, 10);
    await drawn(ctx);
    expect(pixel(c.platform.shown(migrated), 4, 4)).toEqual(CLEAR);
    expect(pixel(c.platform.shown(migrated), 84, 4)).toEqual(RED);
  });

  it('a draw clears the whole canvas whatever transform the state carries', async () => {
    const c = canvasFor();
    const first = (ctx: any) => {
      ctx.setFillStyle('red');
      ctx.fillRect(0, 0, 120, 90);
      ctx.translate(50, 40);
      ctx.scale(0.5, 0.5);
    };
    const second = (ctx: any) => ctx.fillRect(0, 0, 10, 10);
    const result = await drawBoth(c, [{ program: first }, { program: second }]);
    expect(pixel(result.migrated, 2, 2)).toEqual(CLEAR);
    expect(differing(result.migrated, result.legacy)).toBe(0);
  });

  it('state set before a draw carries into the next: styles, the transform, the current path', async () => {
    const c = canvasFor();
    const result = await drawBoth(c, [
      {
        program: (ctx) => {
          ctx.setFillStyle('blue');
          ctx.setStrokeStyle('red');
          ctx.setLineWidth(4);
          ctx.translate(10, 10);
          ctx.moveTo(0, 0);
          ctx.lineTo(50, 0);
        },
      },
      {
        program: (ctx) => {
          ctx.fillRect(0, 10, 20, 20);
          ctx.lineTo(50, 50);
          ctx.stroke();
        },
        reserve: true,
      },
    ]);
    expect(pixel(result.migrated, 2 * 15, 2 * 25)).toEqual(BLUE);
    expect(pixel(result.migrated, 2 * 40, 2 * 10)).toEqual(RED);
    expect(differing(result.migrated, result.legacy)).toBe(0);
  });

  it('draws replay in the order they were asked for, across contexts of one canvas, even when an earlier one waits for its images', async () => {
    const c = canvasFor({ ...WECHAT_3, imageDelayMs: 40 });
    withImages(c);
    const { migrated } = twoCanvases(c);
    const a = c.createCanvasContext('m');
    const b = c.createCanvasContext('m');
    const order: string[] = [];
    a.drawImage('/images/blue.png', 0, 0, 30, 30);
    a.draw(false, () => order.push('a'));
    b.setFillStyle('red');
    b.fillRect(10, 10, 10, 10);
    await new Promise<void>((resolve) => b.draw(true, () => (order.push('b'), resolve())));
    expect(order).toEqual(['a', 'b']);
    // b's red square lies over a's image: b was replayed after a.
    expect(pixel(c.platform.shown(migrated), 30, 30)).toEqual(RED);
    expect(pixel(c.platform.shown(migrated), 5, 5)).toEqual(BLUE);
  });

  it('each image is loaded once per path; a path that fails draws nothing and the rest of the batch still draws', async () => {
    const c = canvasFor();
    withImages(c);
    const { migrated } = twoCanvases(c);
    const ctx = c.createCanvasContext('m');
    for (let i = 0; i < 4; i++) {
      ctx.drawImage('/images/blue.png', i * 20, 0, 20, 20);
      ctx.drawImage('/images/missing.png', 0, 40, 20, 20);
      ctx.setFillStyle('red');
      ctx.fillRect(100, 0, 10, 10);
      await drawn(ctx, true);
    }
    expect(c.platform.imageLoads.filter((p) => p === '/images/blue.png')).toHaveLength(1);
    const shown = c.platform.shown(migrated);
    expect(pixel(shown, 2 * 70, 20)).toEqual(BLUE);
    expect(pixel(shown, 10, 2 * 50)).toEqual(CLEAR);
    expect(pixel(shown, 2 * 105, 10)).toEqual(RED);
  });

  it('drawImage with 2, 4 and 8 numbers draws as the legacy canvas does', async () => {
    const c = canvasFor();
    withImages(c);
    const result = await drawBoth(c, [
      {
        program: (ctx) => {
          ctx.drawImage('/images/quadrants.png', 0, 0);
          ctx.drawImage('/images/quadrants.png', 10, 10, 40, 40);
          ctx.drawImage('/images/quadrants.png', 1, 1, 1, 1, 60, 10, 30, 30);
        },
      },
    ]);
    expect(pixel(result.migrated, 2 * 20, 2 * 20)).toEqual(RED);
    expect(pixel(result.migrated, 2 * 75, 2 * 25)).toEqual([255, 255, 0, 255]);
    expect(differing(result.migrated, result.legacy)).toBe(0);
  });

  it('a call Canvas 2D rejects (a negative radius) is skipped, the batch goes on', async () => {
    const c = canvasFor();
    const result = await drawBoth(c, [
      {
        program: (ctx) => {
          ctx.arc(10, 10, -5, 0, 1);
          ctx.setFillStyle('red');
          ctx.fillRect(0, 0, 10, 10);
        },
      },
    ]);
    expect(pixel(result.migrated, 5, 5)).toEqual(RED);
    expect(differing(result.migrated, result.legacy)).toBe(0);
  });

  it('property writes (1.9.90) are recorded in order with the setters, and read back', async () => {
    const c = canvasFor();
    const result = await drawBoth(c, [
      {
        program: (ctx) => {
          ctx.fillStyle = 'red';
          ctx.fillRect(0, 0, 10, 10);
          ctx.setFillStyle('blue');
          ctx.fillRect(10, 0, 10, 10);
          ctx.globalAlpha = 0.5;
          ctx.lineWidth = 6;
          ctx.strokeStyle = 'red';
          ctx.strokeRect(30, 30, 40, 20);
        },
      },
    ]);
    expect(pixel(result.migrated, 5, 5)).toEqual(RED);
    expect(pixel(result.migrated, 25, 5)).toEqual(BLUE);
    expect(differing(result.migrated, result.legacy)).toBe(0);
    const ctx = c.createCanvasContext('m');
    ctx.fillStyle = '#123456';
    expect(ctx.fillStyle).toBe('#123456');
    ctx.setLineWidth(3);
    expect(ctx.lineWidth).toBe(3);
  });

  it('setTransform and transform are in CSS pixels, as the legacy canvas has them', async () => {
    const c = canvasFor({ base: '3.8.8', pixelRatio: 3 });
    const result = await drawBoth(c, [
      {
        program: (ctx) => {
          ctx.setTransform(1, 0.2, 0, 1, 20, 10);
          ctx.setFillStyle('red');
          ctx.fillRect(0, 0, 30, 20);
          ctx.transform(1, 0, 0.3, 1, 5, 5);
          ctx.setFillStyle('blue');
          ctx.fillRect(0, 30, 20, 20);
        },
      },
    ]);
    expect(pixel(result.migrated, 3 * 25, 3 * 18)).toEqual(RED);
    expect(differing(result.migrated, result.legacy)).toBe(0);
  });

  it('setLineDash(pattern, offset), lineCap, lineJoin, miterLimit, globalCompositeOperation', async () => {
    const c = canvasFor();
    const result = await drawBoth(c, [
      {
        program: (ctx) => {
          ctx.setLineWidth(5);
          ctx.setLineDash([10, 6], 4);
          ctx.setLineCap('round');
          ctx.setLineJoin('miter');
          ctx.setMiterLimit(2);
          ctx.moveTo(10, 10);
          ctx.lineTo(110, 20);
          ctx.lineTo(20, 80);
          ctx.stroke();
          ctx.globalCompositeOperation = 'destination-over';
          ctx.setFillStyle('blue');
          ctx.fillRect(0, 0, 120, 90);
        },
      },
    ]);
    expect(differing(result.migrated, result.legacy)).toBe(0);
  });
});

describe('C2: where Canvas 2D is missing (trap 3), the batches replay onto the legacy context', () => {
  for (const [why, shape] of [
    ['base library 2.8.3 (node: null)', { base: '2.8.3', pixelRatio: 2 }],
    ['base library 2.6.0 (no node field)', { base: '2.6.0', pixelRatio: 2 }],
    ['a node without getContext', { ...WECHAT_3, noGetContext: true }],
  ] as const) {
    it(`${why}: drawn by the platform's createCanvasContext, in order, the callbacks after its draw`, async () => {
      const c = canvasFor(shape);
      withImages(c);
      const el = c.platform.mount(c.page, { id: 'm', canvasId: 'm', type: '2d', width: 120, height: 90 });
      const ctx = c.createCanvasContext('m');
      const grd = ctx.createLinearGradient(0, 0, 100, 0);
      grd.addColorStop(0, 'red');
      grd.addColorStop(1, 'blue');
      ctx.setFillStyle(grd);
      ctx.fillRect(0, 0, 100, 20);
      ctx.fillStyle = 'red';
      ctx.setFontSize(18);
      ctx.fillText('legacy', 10, 60);
      ctx.drawImage('/images/blue.png', 80, 50, 20, 20);
      await drawn(ctx);
      expect(c.platform.calls).toContain('createCanvasContext');
      expect(c.platform.calls).toContain('legacy draw');
      const shown = c.platform.shown(el);
      if (el.legacy) {
        expect(pixel(shown, 2 * 90, 2 * 60)).toEqual(BLUE);
        expect(pixel(shown, 2, 2)[0]).toBeGreaterThan(200);
      } else {
        // No getContext: the element is a 2D canvas the legacy context cannot draw on: nothing shows, nothing throws.
        expect(painted(shown)).toBe(false);
      }
    });
  }

  it('where the query finds no element, that draw goes to the legacy context and the next asks again', async () => {
    const c = canvasFor();
    const ctx = c.createCanvasContext('late');
    ctx.setFillStyle('red');
    ctx.fillRect(0, 0, 10, 10);
    await drawn(ctx);
    const el = c.platform.mount(c.page, { id: 'late', canvasId: 'late', type: '2d', width: 50, height: 50 });
    // The first batch's state went to the legacy context with it: this one sets its own.
    ctx.setFillStyle('red');
    ctx.fillRect(0, 0, 10, 10);
    await drawn(ctx);
    expect(c.platform.calls.filter((name) => name === 'createSelectorQuery')).toHaveLength(2);
    expect(pixel(c.platform.shown(el), 5, 5)).toEqual(RED);
  });
});

describe('C3: gradients, patterns, measureText and setFontSize keep their legacy results', () => {
  it('linear and circular gradients made before the node exists', async () => {
    const c = canvasFor();
    const result = await drawBoth(c, [
      {
        program: (ctx) => {
          const linear = ctx.createLinearGradient(0, 0, 120, 0);
          linear.addColorStop(0, 'red');
          linear.addColorStop(1, 'blue');
          ctx.setFillStyle(linear);
          ctx.fillRect(0, 0, 120, 40);
          const circular = ctx.createCircularGradient(60, 65, 25);
          circular.addColorStop(0, 'yellow');
          circular.addColorStop(1, 'green');
          ctx.fillStyle = circular;
          ctx.fillRect(30, 40, 60, 50);
          ctx.setStrokeStyle(linear);
          ctx.strokeRect(5, 45, 20, 20);
        },
      },
    ]);
    expect(pixel(result.migrated, 2, 2)[0]).toBeGreaterThan(240);
    expect(pixel(result.migrated, 236, 2)[2]).toBeGreaterThan(240);
    expect(differing(result.migrated, result.legacy)).toBe(0);
  });

  it('a pattern from a path', async () => {
    const c = canvasFor();
    withImages(c);
    const result = await drawBoth(c, [
      {
        program: (ctx) => {
          ctx.setFillStyle(ctx.createPattern('/images/quadrants.png', 'repeat') as never);
          ctx.fillRect(0, 0, 60, 60);
        },
      },
    ]);
    expect(painted(result.migrated)).toBe(true);
    expect(differing(result.migrated, result.legacy)).toBe(0);
  });

  it('measureText answers before any draw, in the current font, on an offscreen 2D canvas', () => {
    const c = canvasFor();
    const ctx = c.createCanvasContext('nothing-yet');
    const legacy = c.platform.api.createCanvasContext('nothing-yet');
    expect(ctx.measureText('poster title').width).toBeGreaterThan(0);
    expect(ctx.measureText('poster title').width).toBe(legacy.measureText('poster title').width);
    ctx.setFontSize(24);
    legacy.setFontSize(24);
    expect(ctx.measureText('poster title').width).toBe(legacy.measureText('poster title').width);
    ctx.font = 'bold 18px serif';
    legacy.font = 'bold 18px serif';
    ctx.setFontSize(30);
    legacy.setFontSize(30);
    expect(ctx.measureText('Wide text').width).toBe(legacy.measureText('Wide text').width);
    expect(c.platform.calls).toContain('createOffscreenCanvas');
    expect(c.platform.calls).not.toContain('createSelectorQuery');
  });

  it('without offscreen canvases (before 2.16.1) the platform legacy context measures', () => {
    const c = canvasFor({ base: '2.10.0', pixelRatio: 2 });
    const ctx = c.createCanvasContext('m');
    ctx.setFontSize(20);
    const reference = c.platform.api.createCanvasContext('m');
    reference.setFontSize(20);
    expect(ctx.measureText('abc').width).toBe(reference.measureText('abc').width);
    expect(c.platform.calls).not.toContain('createOffscreenCanvas');
  });

  it('setFontSize replaces the size and keeps the rest of the font', async () => {
    expect(withFontSize('10px sans-serif', 16)).toBe('16px sans-serif');
    expect(withFontSize('italic bold 12px/30px Georgia, serif', 20)).toBe('italic bold 20px/30px Georgia, serif');
    expect(withFontSize('700 1.5em serif', 9)).toBe('700 9px serif');
    const c = canvasFor();
    const result = await drawBoth(c, [
      {
        program: (ctx) => {
          ctx.font = 'bold 10px serif';
          ctx.setFontSize(28);
          ctx.setFillStyle('black');
          ctx.fillText('Ag', 5, 40);
          ctx.setFontSize(14);
          ctx.fillText('Ag', 60, 40);
        },
      },
    ]);
    expect(painted(result.migrated)).toBe(true);
    expect(differing(result.migrated, result.legacy)).toBe(0);
  });

  it("setTextAlign, setTextBaseline ('normal' is 'alphabetic')", async () => {
    const c = canvasFor();
    const result = await drawBoth(c, [
      {
        program: (ctx) => {
          ctx.setFontSize(16);
          for (const [i, baseline] of (['top', 'middle', 'bottom', 'normal'] as const).entries()) {
            ctx.setTextBaseline(baseline);
            ctx.setTextAlign((['left', 'center', 'right', 'left'] as const)[i]!);
            ctx.fillText('Xg', 60, 20 + i * 20);
          }
        },
      },
    ]);
    expect(differing(result.migrated, result.legacy)).toBe(0);
    const normal = await drawBoth(canvasFor(), [
      { program: (ctx) => (ctx.setTextBaseline('normal'), ctx.setFontSize(20), ctx.fillText('Xg', 10, 40)) },
    ]);
    const alphabetic = await drawBoth(canvasFor(), [
      { program: (ctx) => (ctx.setTextBaseline('bottom'), ctx.setFontSize(20), ctx.fillText('Xg', 10, 40)) },
    ]);
    expect(differing(normal.migrated, alphabetic.migrated)).toBeGreaterThan(0);
  });

  it('shadows stay CSS pixels (trap 8): scaled by the pixel ratio, setShadow and the properties alike', async () => {
    const c = canvasFor({ base: '3.8.8', pixelRatio: 3 });
    const program = (ctx: any) => {
      ctx.setShadow(8, 6, 4, 'rgba(0,0,255,1)');
      ctx.setFillStyle('red');
      ctx.fillRect(10, 10, 30, 20);
      ctx.shadowOffsetX = -6;
      ctx.shadowOffsetY = 10;
      ctx.shadowBlur = 2;
      ctx.shadowColor = 'green';
      ctx.fillRect(60, 10, 30, 20);
    };
    const result = await drawBoth(c, [{ program }]);
    expect(differing(result.migrated, result.legacy)).toBe(0);
    // The shadow of the first square, 8 CSS pixels right: 24 device pixels, not 8.
    expect(pixel(result.migrated, 3 * 45, 3 * 25)[2]).toBeGreaterThan(200);
  });
});

describe('C4: canvasToTempFilePath, canvasGetImageData, canvasPutImageData wait for the draws and keep CSS pixels', () => {
  it('canvasToTempFilePath in the draw callback exports the region in CSS pixels at width × pixel ratio by default', async () => {
    const c = canvasFor();
    twoCanvases(c);
    const ctx = c.createCanvasContext('m');
    ctx.setFillStyle('red');
    ctx.fillRect(0, 0, 60, 90);
    ctx.setFillStyle('blue');
    ctx.fillRect(60, 0, 60, 90);
    const res = await new Promise<any>((resolve, reject) =>
      ctx.draw(false, () =>
        c.canvasToTempFilePath({ canvasId: 'm', x: 50, y: 10, width: 20, height: 10, success: resolve, fail: reject }),
      ),
    );
    expect(res.errMsg).toBe('canvasToTempFilePath:ok');
    const file = await imageOf(c.platform, res.tempFilePath);
    expect([file.width, file.height]).toEqual([40, 20]);
    expect(pixel(file, 5, 5)).toEqual(RED);
    expect(pixel(file, 35, 5)).toEqual(BLUE);
    expect(c.platform.calls.filter((n) => n === 'canvasToTempFilePath')).toHaveLength(1);
  });

  it('called right after draw(), without waiting, it still waits for that draw (and its images); Promise form without callbacks', async () => {
    const c = canvasFor({ ...WECHAT_3, imageDelayMs: 30 });
    withImages(c);
    twoCanvases(c);
    const ctx = c.createCanvasContext('m');
    ctx.drawImage('/images/blue.png', 0, 0, 120, 90);
    ctx.draw();
    const res = await c.canvasToTempFilePath({ canvasId: 'm', destWidth: 12, destHeight: 9 });
    const file = await imageOf(c.platform, res.tempFilePath);
    expect([file.width, file.height]).toEqual([12, 9]);
    expect(pixel(file, 6, 4)).toEqual(BLUE);
  });

  it('canvasGetImageData reads CSS pixels after the pending draws; canvasPutImageData writes CSS pixels in the queue', async () => {
    const c = canvasFor({ base: '3.8.8', pixelRatio: 3 });
    const { migrated } = twoCanvases(c);
    const ctx = c.createCanvasContext('m');
    ctx.setFillStyle('red');
    ctx.fillRect(10, 10, 20, 20);
    ctx.draw();
    const read = await c.canvasGetImageData({ canvasId: 'm', x: 5, y: 5, width: 30, height: 30 });
    expect(read.errMsg).toBe('canvasGetImageData:ok');
    expect([read.width, read.height, read.data.length]).toEqual([30, 30, 30 * 30 * 4]);
    expect(pixel(read, 10, 10)).toEqual(RED);
    expect(pixel(read, 2, 2)).toEqual(CLEAR);
    const blue = new Uint8ClampedArray(4 * 4 * 4);
    for (let i = 0; i < 16; i++) blue.set(BLUE, i * 4);
    const put = new Promise((resolve) =>
      c.canvasPutImageData({ canvasId: 'm', data: blue, x: 40, y: 40, width: 4, height: 4, complete: resolve }),
    );
    ctx.setFillStyle('red');
    ctx.fillRect(42, 42, 1, 1);
    ctx.draw(true);
    expect(await put).toEqual({ errMsg: 'canvasPutImageData:ok' });
    await drawn(ctx, true);
    const shown = c.platform.shown(migrated);
    expect(pixel(shown, 3 * 40, 3 * 40)).toEqual(BLUE);
    expect(pixel(shown, 3 * 44 - 1, 3 * 44 - 1)).toEqual(BLUE);
    expect(pixel(shown, 3 * 44 + 1, 3 * 44 + 1)).toEqual(CLEAR);
    // The draw asked for after the put covers it.
    expect(pixel(shown, 3 * 42 + 1, 3 * 42 + 1)).toEqual(RED);
  });

  it('the same program read back through the runtime and through the legacy API gives the same CSS pixels', async () => {
    const c = canvasFor();
    await drawBoth(c, [
      {
        program: (ctx) => {
          ctx.setFillStyle('red');
          ctx.fillRect(0, 0, 40, 40);
          ctx.setFillStyle('blue');
          ctx.fillRect(40, 0, 40, 40);
        },
      },
    ]);
    const a = await c.canvasGetImageData({ canvasId: 'm', x: 0, y: 0, width: 80, height: 40 });
    const b = await c.platform.api.canvasGetImageData({ canvasId: 'l', x: 0, y: 0, width: 80, height: 40 });
    expect(differing(a, b)).toBe(0);
  });

  it('a canvasId the runtime never drew passes through to the platform, as it was given', async () => {
    const c = canvasFor();
    c.platform.mount(c.page, { canvasId: 'own', width: 50, height: 50 });
    const legacy = c.platform.api.createCanvasContext('own');
    legacy.setFillStyle('red');
    legacy.fillRect(0, 0, 50, 50);
    await drawn(legacy);
    const res = await c.canvasGetImageData({ canvasId: 'own', x: 0, y: 0, width: 2, height: 2 });
    expect(pixel(res, 0, 0)).toEqual(RED);
    const returned = c.canvasToTempFilePath({ canvasId: 'nowhere', fail: () => {} });
    expect(returned).toBeUndefined();
    expect(c.platform.calls.filter((n) => n === 'canvasToTempFilePath')).toHaveLength(1);
  });

  it("on a canvas that fell back to the legacy context, exports go to the platform's with the canvasId, after the draws", async () => {
    const c = canvasFor({ base: '2.8.3', pixelRatio: 2 });
    c.platform.mount(c.page, { id: 'm', canvasId: 'm', type: '2d', width: 40, height: 40 });
    const ctx = c.createCanvasContext('m');
    ctx.setFillStyle('blue');
    ctx.fillRect(0, 0, 40, 40);
    ctx.draw();
    const res = await c.canvasToTempFilePath({ canvasId: 'm' });
    const file = await imageOf(c.platform, res.tempFilePath);
    expect(pixel(file, 40, 40)).toEqual(BLUE);
  });

  it('a read Canvas 2D rejects fails with the reason, callbacks as the platform runs them', async () => {
    const c = canvasFor();
    twoCanvases(c);
    const ctx = c.createCanvasContext('m');
    ctx.draw();
    const events: string[] = [];
    const res = await new Promise<any>((resolve) =>
      c.canvasGetImageData({
        canvasId: 'm',
        x: 0,
        y: 0,
        width: 0,
        height: 0,
        success: () => events.push('success'),
        fail: (r) => events.push('fail:' + r.errMsg),
        complete: resolve,
      }),
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatch(/^fail:canvasGetImageData:fail /);
    expect(res.errMsg).toMatch(/^canvasGetImageData:fail /);
  });
});

describe('canvases belong to their page or component', () => {
  it('a component canvas is found through .in(component); a page canvas of the same id is another canvas', async () => {
    const c = canvasFor();
    const component = c.platform.pages.component('poster-card');
    const inPage = c.platform.mount(c.page, { id: 'c', canvasId: 'c', type: '2d', width: 20, height: 20 });
    const inComponent = c.platform.mount(component, { id: 'c', canvasId: 'c', type: '2d', width: 20, height: 20 });
    const pageCtx = c.createCanvasContext('c');
    const componentCtx = c.createCanvasContext('c', component);
    pageCtx.setFillStyle('red');
    pageCtx.fillRect(0, 0, 20, 20);
    componentCtx.setFillStyle('blue');
    componentCtx.fillRect(0, 0, 20, 20);
    await Promise.all([drawn(pageCtx), drawn(componentCtx)]);
    expect(pixel(c.platform.shown(inPage), 1, 1)).toEqual(RED);
    expect(pixel(c.platform.shown(inComponent), 1, 1)).toEqual(BLUE);
  });

  it('a new visit of a page draws on its own canvas, not on the node of the page it replaced', async () => {
    const c = canvasFor();
    const first = c.platform.mount(c.page, { id: 'c', canvasId: 'c', type: '2d', width: 20, height: 20 });
    const ctx = c.createCanvasContext('c');
    ctx.setFillStyle('red');
    ctx.fillRect(0, 0, 20, 20);
    await drawn(ctx);
    c.platform.pages.redirectTo('pages/index/index');
    const second = c.platform.mount(c.platform.pages.top!, {
      id: 'c',
      canvasId: 'c',
      type: '2d',
      width: 20,
      height: 20,
    });
    const again = c.createCanvasContext('c');
    again.setFillStyle('blue');
    again.fillRect(0, 0, 20, 20);
    await drawn(again);
    expect(pixel(c.platform.shown(second), 1, 1)).toEqual(BLUE);
    expect(pixel(c.platform.shown(first), 1, 1)).toEqual(RED);
  });
});

describe('platforms', () => {
  it("off WeChat (no WeChat object) every call is the platform's own", async () => {
    const p = new FakeCanvasPlatform();
    p.page();
    const [createCanvasContext, canvasToTempFilePath] = createCanvasCompat(
      () => undefined,
      () => p.api as CanvasApi,
      p.pages.getCurrentPages,
    );
    const ctx = createCanvasContext('x');
    expect(ctx.constructor.name).toBe('FakeLegacyContext');
    canvasToTempFilePath({ canvasId: 'x', fail: () => {} });
    expect(p.calls).toEqual(['createCanvasContext', 'canvasToTempFilePath']);
  });

  it('no page stack: canvases belong to the app', async () => {
    const p = new FakeCanvasPlatform();
    const [createCanvasContext] = createCanvasCompat(
      () => p.api as CanvasApi,
      () => p.api as CanvasApi,
      () => {
        throw new ReferenceError('getCurrentPages is not defined');
      },
    );
    const el = p.mount(p, { id: 'c', canvasId: 'c', type: '2d', width: 10, height: 10 });
    const ctx = createCanvasContext('c');
    ctx.setFillStyle('red');
    ctx.fillRect(0, 0, 10, 10);
    await drawn(ctx);
    expect(pixel(p.shown(el), 1, 1)).toEqual(RED);
  });
});

/** A file the fake platform wrote, decoded. */
async function imageOf(platform: FakeCanvasPlatform, path: string) {
  const { createCanvas, Image } = await import('@napi-rs/canvas');
  const image = new Image();
  image.src = platform.files.get(path)!;
  const canvas = createCanvas(image.width, image.height);
  canvas.getContext('2d').drawImage(image, 0, 0);
  return canvas.getContext('2d').getImageData(0, 0, image.width, image.height);
}
