/*
 * The fake WeChat canvas platform (fakes/canvas.ts) behaves as its header says WeChat does: what the
 * canvas family's tests rely on is pinned here, on the fake alone.
 */
import { describe, expect, it, vi } from 'vitest';
import { FakeCanvasPlatform, FakeCanvasNode } from './fakes/canvas';
import { drawn, painted, pixel } from './canvas-helpers';

const exec = (p: FakeCanvasPlatform, id: string, scope?: object) =>
  new Promise<any[]>((resolve) => {
    let q = p.api.createSelectorQuery();
    if (scope) q = q.in(scope);
    q.select(`#${id}`).fields({ node: true, size: true }).exec(resolve);
  });

describe('fake canvas platform', () => {
  it('Canvas 2D: the query answers a tick later with the node (300×150 until sized) and the CSS size', async () => {
    const p = new FakeCanvasPlatform();
    const page = p.page();
    p.mount(page, { id: 'c', canvasId: 'c', type: '2d', width: 100, height: 50 });
    let answered = false;
    const pending = exec(p, 'c').then((r) => ((answered = true), r));
    expect(answered).toBe(false);
    const [res] = await pending;
    expect(res.node).toBeInstanceOf(FakeCanvasNode);
    expect([res.width, res.height, res.node.width, res.node.height]).toEqual([100, 50, 300, 150]);
    expect(typeof res.node.getContext('2d').fillRect).toBe('function');
    expect(await exec(p, 'missing')).toEqual([null]);
  });

  it('below 2.9.0 `type` is ignored: node null (2.7.0–2.8.x), no node field below 2.7.0; no getContext when so shaped', async () => {
    for (const [base, has] of [
      ['2.8.3', true],
      ['2.6.0', false],
    ] as const) {
      const p = new FakeCanvasPlatform({ base, pixelRatio: 2 });
      p.mount(p.page(), { id: 'c', canvasId: 'c', type: '2d', width: 10, height: 10 });
      const [res] = await exec(p, 'c');
      expect('node' in res).toBe(has);
      expect(res.node ?? null).toBeNull();
    }
    const p = new FakeCanvasPlatform({ base: '3.8.8', pixelRatio: 2, noGetContext: true });
    p.mount(p.page(), { id: 'c', canvasId: 'c', type: '2d', width: 10, height: 10 });
    expect((await exec(p, 'c'))[0].node.getContext).toBeUndefined();
  });

  it('.in(component) finds the component canvas, not the page one', async () => {
    const p = new FakeCanvasPlatform();
    const page = p.page();
    const component = p.pages.component('card');
    p.mount(page, { id: 'c', type: '2d', width: 10, height: 10 });
    p.mount(component, { id: 'c', type: '2d', width: 20, height: 20 });
    expect((await exec(p, 'c'))[0].width).toBe(10);
    expect((await exec(p, 'c', component))[0].width).toBe(20);
  });

  it('createImage loads asynchronously: onload for a file, onerror for a missing path', async () => {
    const p = new FakeCanvasPlatform({ base: '3.8.8', pixelRatio: 2, imageDelayMs: 10 });
    p.addImage('/a.png', 2, 2, (ctx) => ctx.fillRect(0, 0, 2, 2));
    const node = new FakeCanvasNode(p, true);
    const events: string[] = [];
    const ok = node.createImage();
    ok.onload = () => events.push('load');
    ok.src = '/a.png';
    const bad = node.createImage();
    bad.onerror = () => events.push('error');
    bad.src = '/none.png';
    expect(events).toEqual([]);
    // @napi-rs/canvas decodes the file off the main thread and calls onload after: on a busy machine, later than the
    // platform's delay. Wait for the events, not for a set time.
    await vi.waitFor(() => expect([...events].sort()).toEqual(['error', 'load']), { timeout: 10_000 });
    expect(ok.width).toBe(2);
    expect(p.imageLoads).toEqual(['/a.png', '/none.png']);
  });

  it('the legacy context draws a tick after draw(), in CSS pixels × pixel ratio, cleared unless reserve; nothing on a 2D canvas', async () => {
    const p = new FakeCanvasPlatform({ base: '3.8.8', pixelRatio: 2 });
    const page = p.page();
    const legacy = p.mount(page, { canvasId: 'l', width: 20, height: 20 });
    const twoD = p.mount(page, { id: 'd', canvasId: 'd', type: '2d', width: 20, height: 20 });
    const ctx = p.api.createCanvasContext('l');
    ctx.setFillStyle('red');
    ctx.fillRect(0, 0, 5, 5);
    let called = false;
    ctx.draw(false, () => (called = true));
    expect(called).toBe(false);
    expect(painted(p.shown(legacy))).toBe(false);
    await new Promise((r) => setTimeout(r, 10));
    expect(called).toBe(true);
    expect(pixel(p.shown(legacy), 9, 9)).toEqual([255, 0, 0, 255]);
    expect(pixel(p.shown(legacy), 11, 11)).toEqual([0, 0, 0, 0]);
    ctx.fillRect(10, 10, 5, 5);
    await drawn(ctx);
    expect(pixel(p.shown(legacy), 9, 9)).toEqual([0, 0, 0, 0]);
    const onTwoD = p.api.createCanvasContext('d');
    onTwoD.fillRect(0, 0, 20, 20);
    await drawn(onTwoD);
    expect(painted(p.shown(twoD))).toBe(false);
  });

  it('offscreen canvases from 2.16.1, getWindowInfo from 2.20.1 (undefined in single-page mode)', () => {
    expect(new FakeCanvasPlatform({ base: '2.16.0', pixelRatio: 2 }).api.createOffscreenCanvas).toBeUndefined();
    expect(new FakeCanvasPlatform({ base: '2.20.0', pixelRatio: 2 }).api.getWindowInfo).toBeUndefined();
    expect(new FakeCanvasPlatform({ base: '3.0.0', pixelRatio: 3 }).api.getWindowInfo()).toEqual({ pixelRatio: 3 });
    expect(
      new FakeCanvasPlatform({ base: '3.0.0', pixelRatio: 3, singlePage: true }).api.getWindowInfo(),
    ).toBeUndefined();
    expect(new FakeCanvasPlatform({ base: '2.0.0', pixelRatio: 3 }).api.getSystemInfoSync().pixelRatio).toBe(3);
  });

  it('canvasToTempFilePath: callbacks or a Promise; an unknown canvas fails', async () => {
    const p = new FakeCanvasPlatform();
    p.mount(p.page(), { canvasId: 'l', width: 10, height: 10 });
    const res = await p.api.canvasToTempFilePath({ canvasId: 'l' });
    expect(res).toMatchObject({ errMsg: 'canvasToTempFilePath:ok' });
    expect(p.files.has(res.tempFilePath)).toBe(true);
    const events: string[] = [];
    const returned = p.api.canvasToTempFilePath({
      canvasId: 'none',
      fail: (r: any) => events.push(r.errMsg),
      complete: () => events.push('complete'),
    });
    expect(returned).toBeUndefined();
    await new Promise((r) => setTimeout(r, 10));
    expect(events).toEqual(['canvasToTempFilePath:fail canvas is empty', 'complete']);
  });
});
