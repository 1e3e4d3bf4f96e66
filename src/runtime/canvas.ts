/*
 * The legacy canvas (createCanvasContext, canvasToTempFilePath, canvasGetImageData,
 * canvasPutImageData) on WeChat's Canvas 2D, keeping draw(). Contract: docs/contract.md,
 * Decisions C2–C4.
 *
 * A canvas (one id in one page or component) is a surface: its node, resolved once through a
 * selector query and sized by the pixel ratio; its images, loaded once per path; and one queue, so
 * that draws replay one after another, and the exports and pixel reads wait for the draws before
 * them. Where the 2D node or its getContext is missing (base library < 2.9.0), the batches replay
 * onto the platform's own legacy context, which the template's kept `canvas-id` still names.
 * Off WeChat (and on Taro H5) every call passes through to the platform's own.
 * A module of its own: an app that never draws ships none of it. ES2015, small.
 */
import { caller, isFn } from './caller';
import { contextPrototype, newContext, PROPERTIES, SETTER_PROPERTIES, setterOf } from './canvas-context';
// A separate type import: the declarations keep it as written, and TypeScript 3.9 reads no `type` modifier on a name.
import type { LegacyCanvasContext, CanvasSurface, Described, LegacyTextMetrics } from './canvas-context';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** The slice of wx / Taro this module uses (the 2D ones, and the legacy ones it falls back on or passes to). */
export interface CanvasApi {
  createSelectorQuery?: () => unknown;
  createCanvasContext?: (id: string, scope?: object) => unknown;
  createOffscreenCanvas?: (option: { type: '2d' }) => unknown;
  getWindowInfo?: () => unknown;
  getSystemInfoSync?: () => unknown;
  canvasToTempFilePath?: (option: any, scope?: object) => unknown;
  canvasGetImageData?: (option: any, scope?: object) => unknown;
  canvasPutImageData?: (option: any, scope?: object) => unknown;
}

export interface CanvasCallbacks<T> {
  success?: (res: T) => void;
  fail?: (res: { errMsg: string }) => void;
  complete?: (res: T | { errMsg: string }) => void;
}
export interface CanvasToTempFilePathOption extends CanvasCallbacks<{ tempFilePath: string; errMsg: string }> {
  canvasId?: string;
  canvas?: object;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  destWidth?: number;
  destHeight?: number;
  fileType?: 'jpg' | 'png';
  quality?: number;
}
export interface CanvasGetImageDataOption extends CanvasCallbacks<{
  width: number;
  height: number;
  data: Uint8ClampedArray;
  errMsg: string;
}> {
  canvasId: string;
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface CanvasPutImageDataOption extends CanvasCallbacks<{ errMsg: string }> {
  canvasId: string;
  data: Uint8ClampedArray;
  x: number;
  y: number;
  width: number;
  height?: number;
}

/** WeChat's rule: a Promise without callbacks (as the platform's own), nothing with one. */
type CanvasCall<O> = (option: O, scope?: object) => any;

/**
 * createCanvasContext, canvasToTempFilePath, canvasGetImageData, canvasPutImageData, in this
 * order (a tuple: its names would not minify).
 */
export type CanvasCompat = [
  (canvasId: string, scope?: object) => LegacyCanvasContext,
  CanvasCall<CanvasToTempFilePathOption>,
  CanvasCall<CanvasGetImageDataOption>,
  CanvasCall<CanvasPutImageDataOption>,
];

/** What the canvases of one createCanvasCompat share. */
interface Canvases {
  /** WeChat's object (undefined: pass every call to the platform's own), the platform's, the page stack. */
  weChat_: () => CanvasApi | undefined;
  platform_: () => CanvasApi | undefined;
  pages_: () => unknown;
  /**
   * Canvases by owner (the component or page given, else the page on top), then id: a page or component that goes
   * takes its canvases, nodes and images with it.
   */
  byOwner_: WeakMap<object, Record<string, Surface>>;
  /**
   * How a recorded call replays on Canvas 2D, by its name: the property a property write or setter sets
   * (`setFillStyle` → `fillStyle`), or the call's own rule (SPECIAL); a plain method has none. One lookup a call.
   */
  replay_: Record<string, string | Special>;
  /** The contexts' prototype, made with the first; the offscreen 2D context measureText uses. */
  proto_?: object;
  measurer_?: any;
}

/** One canvas: an id in its page or component. */
interface Surface extends CanvasSurface {
  canvases_: Canvases;
  id_: string;
  scope_: object | undefined;
  /** Resolving the node (undefined: not yet, or the last query found no element). */
  ready_?: Promise<void> | undefined;
  /** The 2D node, its context, the pixel ratio, the CSS size; or, without them, the platform's legacy context. */
  node_?: any;
  ctx_?: any;
  dpr_: number;
  /** What the query answered: the node and the CSS size (`width`, `height`). */
  found_: { width: number; height: number };
  legacy_?: any;
  /** Every draw, export and pixel read, one after another. */
  queue_: Promise<unknown>;
  /** Loaded images by path, and those being loaded. */
  images_: Record<string, any>;
  loading_: Record<string, Promise<void>>;
}

const noop = () => {};

/**
 * setShadow's properties, in its arguments' order. The first three are lengths, which Canvas 2D does not scale by the
 * transform: the replay scales them by the pixel ratio (trap 8).
 */
const SHADOW = ['shadowOffsetX', 'shadowOffsetY', 'shadowBlur', 'shadowColor'];

/** The screen's pixel ratio: getWindowInfo where it answers (2.20.1), else the legacy call; 1 if neither. */
function pixelRatio(api: CanvasApi): number {
  const info: any =
    (isFn(api.getWindowInfo) && api.getWindowInfo()) || (isFn(api.getSystemInfoSync) && api.getSystemInfoSync());
  return (info && info.pixelRatio) || 1;
}

const isDescribed = (v: any): v is Described => typeof v == 'object' && !!v && !!v.kind_;

/** A gradient or pattern described by the legacy API, made on `target` (the 2D context or the legacy one). */
function made(s: Surface, target: any, d: Described): any {
  const a = d.args_;
  let real: any;
  if (target === s.legacy_) real = target[d.kind_](...a);
  else if (d.kind_ == 'createPattern') return s.images_[a[0]] ? target.createPattern(s.images_[a[0]], a[1]) : null;
  else
    real =
      d.kind_ == 'createCircularGradient'
        ? target.createRadialGradient(a[0], a[1], 0, a[0], a[1], a[2])
        : target.createLinearGradient(a[0], a[1], a[2], a[3]);
  d.stops_.forEach((stop) => real.addColorStop(stop[0], stop[1]));
  return real;
}

/** The owner of a canvas: its scope, else the page on top, else (no page stack) the app, which `c` stands for. */
function ownerOf(c: Canvases, scope: object | undefined): object {
  try {
    const pages = c.pages_() as object[];
    return scope || pages[pages.length - 1] || c;
  } catch (e) {
    return scope || c;
  }
}

/** The canvas `id` of `scope` (or of the page on top); made when `make` and not there yet. */
function surfaceOf(c: Canvases, id: string, scope: object | undefined, make?: boolean): Surface | undefined {
  const owner = ownerOf(c, scope);
  let byId = c.byOwner_.get(owner);
  if (!byId && make) c.byOwner_.set(owner, (byId = {}));
  if (byId && !byId[id] && make) byId[id] = newSurface(c, id, scope);
  return byId && byId[id];
}

function newSurface(c: Canvases, id: string, scope: object | undefined): Surface {
  const s = {
    canvases_: c,
    id_: id,
    scope_: scope,
    queue_: Promise.resolve(),
    images_: {},
    loading_: {},
  } as Surface;
  s.draw_ = (calls, reserve, callback) => {
    const drawn = enqueue(s, () => replay(s, calls, reserve));
    if (isFn(callback)) drawn.then(() => callback());
  };
  s.measure_ = (font, text) => measure(s, font, text);
  return s;
}

/** Runs `step` on `s` after everything queued before it; the queue goes on whatever `step` does. */
function enqueue<T>(s: Surface, step: () => T | Promise<T>): Promise<T> {
  // Once the 2D node is there, no promise of it to wait for: two ticks less a draw (trap 7).
  const run = (s.ctx_ ? s.queue_ : s.queue_.then(() => resolveNode(s))).then(step);
  s.queue_ = run.then(noop, noop);
  return run;
}

/** The node, asked for once (again, while no element answers), through the selector query of the canvas's scope. */
function resolveNode(s: Surface): Promise<void> {
  const api: any = s.canvases_.weChat_() || {};
  return (s.ready_ =
    s.ready_ ||
    new Promise<void>((done) => {
      try {
        let query = api.createSelectorQuery();
        if (s.scope_) query = query.in(s.scope_);
        query
          .select('#' + s.id_)
          .fields({ node: true, size: true })
          .exec((res: any) => done(settleNode(s, api, res && res[0])));
      } catch (e) {
        done(settleNode(s, api, undefined));
      }
    }));
}

/**
 * The node found, sized by the pixel ratio and scaled, so that every legacy length stays a CSS pixel (C2). No 2D node
 * or getContext (trap 3): the platform's legacy context instead. No element: that too, and the next draw asks again.
 */
function settleNode(s: Surface, api: CanvasApi, found: any) {
  const node = found && found.node;
  const ctx = node && isFn(node.getContext) && node.getContext('2d');
  if (ctx) {
    const dpr = (s.dpr_ = pixelRatio(api));
    s.found_ = found;
    node.width = Math.round(found.width * dpr);
    node.height = Math.round(found.height * dpr);
    ctx.scale(dpr, dpr);
    s.node_ = node;
    s.ctx_ = ctx;
    return;
  }
  if (!found) s.ready_ = undefined;
  s.legacy_ = s.legacy_ || (isFn(api.createCanvasContext) ? api.createCanvasContext(s.id_, s.scope_) : undefined);
}

/** One draw: onto the 2D context, its images loaded first; else onto the legacy context, through its own draw. */
function replay(s: Surface, calls: any[], reserve: boolean): void | Promise<void> {
  if (!s.ctx_) return s.legacy_ && replayLegacy(s, calls, reserve);
  const loading = loadImages(s, calls);
  return loading ? loading.then(() => replay2d(s, calls, reserve)) : replay2d(s, calls, reserve);
}

function replayLegacy(s: Surface, calls: any[], reserve: boolean): Promise<void> {
  const legacy = s.legacy_;
  const replayOf = s.canvases_.replay_;
  for (let i = 0; i < calls.length; i += 2) {
    const name = calls[i];
    const a = calls[i + 1];
    try {
      if (isDescribed(a[0])) a[0] = made(s, legacy, a[0]);
      replayOf[name] == name ? (legacy[name] = a[0]) : legacy[name](...a);
    } catch (e) {
      // As the legacy context would: one bad call does not stop the batch.
    }
  }
  return new Promise<void>((done) => legacy.draw(reserve, done));
}

/** The images the batch names that are not loaded yet, loaded through the node; undefined when none is missing. */
function loadImages(s: Surface, calls: any[]): Promise<unknown> | undefined {
  const waiting: Promise<void>[] = [];
  const need = (path: unknown) => {
    if (typeof path == 'string' && !s.images_[path]) waiting.push(s.loading_[path] || loadImage(s, path));
  };
  for (let i = 0; i < calls.length; i += 2) {
    const first = calls[i + 1][0];
    if (calls[i] == 'drawImage') need(first);
    else if (isDescribed(first) && first.kind_ == 'createPattern') need(first.args_[0]);
  }
  return waiting.length ? Promise.all(waiting) : undefined;
}

/** One image, once per path. One that fails draws nothing, as on the legacy canvas; the next draw tries again. */
function loadImage(s: Surface, path: string): Promise<void> {
  return (s.loading_[path] = new Promise<void>((done) => {
    const image = s.node_.createImage();
    image.onload = () => done((s.images_[path] = image)); // done() ignores its argument
    image.onerror = done;
    image.src = path;
  }).then(() => {
    delete s.loading_[path];
  }));
}

type Special = (s: Surface, ctx: any, a: any[]) => void;

/** The calls that are not plain on Canvas 2D, each as the migration guide rewrites it (shadows: trap 8). */
const SPECIAL: Record<string, Special> = {
  setShadow: (s, ctx, a) => SHADOW.forEach((name, k) => set(s, ctx, name, a[k] || (k < 3 ? 0 : 'black'))),
  setFontSize: (_s, ctx, a) => (ctx.font = a[1]),
  setLineDash: (_s, ctx, a) => {
    ctx.setLineDash(a[0] || []);
    ctx.lineDashOffset = +a[1] || 0;
  },
  setTransform: (s, ctx, a) => ctx.setTransform(...a.map((v) => v * s.dpr_)),
  drawImage: (s, ctx, a) => {
    const image = typeof a[0] == 'string' ? s.images_[a[0]] : a[0];
    if (image) ctx.drawImage(image, ...a.slice(1));
  },
};

/** A property written on the 2D context: a described gradient or pattern made, `'normal'` baseline, shadow lengths. */
function set(s: Surface, ctx: any, name: string, value: any) {
  if (isDescribed(value)) value = made(s, ctx, value);
  if (name == 'textBaseline' && value == 'normal') value = 'alphabetic';
  if (SHADOW.indexOf(name) >= 0 && name != 'shadowColor') value *= s.dpr_;
  if (value != null) ctx[name] = value;
}

/** The batch onto the 2D context, after clearing it unless `reserve`; a call Canvas 2D rejects is skipped. */
function replay2d(s: Surface, calls: any[], reserve: boolean) {
  const ctx = s.ctx_;
  const replayOf = s.canvases_.replay_;
  if (!reserve) {
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, s.node_.width, s.node_.height);
    ctx.restore();
  }
  for (let i = 0; i < calls.length;) {
    try {
      for (; i < calls.length; i += 2) {
        const name = calls[i];
        const how = replayOf[name];
        if (typeof how == 'string') set(s, ctx, how, calls[i + 1][0]);
        else if (how) how(s, ctx, calls[i + 1]);
        else ctx[name](...calls[i + 1]);
      }
    } catch (e) {
      // A negative radius and the like: skipped, as the legacy canvas skipped it.
      i += 2;
    }
  }
}

/**
 * measureText before any draw (C3, trap 6): on an offscreen 2D canvas of the runtime's own, in the context's font;
 * where the platform has none (before 2.16.1), on the platform's legacy context.
 */
function measure(s: Surface, font: string, text: string): LegacyTextMetrics {
  const c = s.canvases_;
  const api: any = c.weChat_() || {};
  try {
    const measurer = (c.measurer_ = c.measurer_ || api.createOffscreenCanvas({ type: '2d' }).getContext('2d'));
    measurer.font = font;
    return measurer.measureText(text);
  } catch (e) {
    const legacy = s.legacy_ || api.createCanvasContext(s.id_, s.scope_);
    legacy.font = font;
    return legacy.measureText(text);
  }
}

/**
 * An export or pixel read of a canvas the runtime drew (C4), after its draws; any other passes through. `on2d`
 * answers a pixel read itself, or gives the options an export asks the platform with.
 */
function onCanvas<O extends { canvasId?: string }>(
  c: Canvases,
  name: string,
  on2d: (s: Surface, o: O) => any,
): CanvasCall<O> {
  return (o, scope) => {
    const s = c.weChat_() && o && surfaceOf(c, o.canvasId!, scope);
    if (!s) return (c.weChat_() || (c.platform_() as any))[name](o, scope);
    const answer = caller(o);
    const ok = (res: any) => answer(res, true);
    enqueue(s, () => {
      const answered = s.ctx_ ? on2d(s, o) : {};
      if (answered.errMsg) return ok(answered);
      const own = { success: ok, fail: answer, complete: undefined };
      (c.weChat_() as any)[name](Object.assign({}, o, answered, own), scope);
    }).then(undefined, (e) => answer({ errMsg: name + ':fail ' + ((e && e.message) || e) }));
    return answer.promise_;
  };
}

/** canvasToTempFilePath on the node: the region in CSS pixels as before, the image by default width × pixel ratio. */
function exportOptions(s: Surface, o: CanvasToTempFilePathOption) {
  const width = o.width || s.found_.width - (o.x || 0);
  const height = o.height || s.found_.height - (o.y || 0);
  return {
    width,
    height,
    destWidth: o.destWidth || width * s.dpr_,
    destHeight: o.destHeight || height * s.dpr_,
    canvas: s.node_,
    canvasId: undefined,
  };
}

/** Fills `to` (`width` × `height` pixels) from `from.data`, pixel (i, j) from the pixel `at(i, j)` says. */
function copyPixels(
  from: { data: ArrayLike<number> },
  to: Uint8ClampedArray,
  width: number,
  height: number,
  at: (i: number, j: number) => number,
) {
  for (let j = 0; j < height; j++)
    for (let i = 0; i < width; i++)
      for (let k = 0, source = at(i, j) * 4; k < 4; k++) to[(j * width + i) * 4 + k] = from.data[source + k]!;
}

/** canvasGetImageData in CSS pixels as before: each read from the device pixel under its centre. */
function readPixels(s: Surface, o: CanvasGetImageDataOption) {
  const d = s.dpr_;
  const left = Math.floor(o.x * d);
  const top = Math.floor(o.y * d);
  const right = Math.ceil((o.x + o.width) * d);
  const device = s.ctx_.getImageData(left, top, right - left, Math.ceil((o.y + o.height) * d) - top);
  const data = new Uint8ClampedArray(o.width * o.height * 4);
  copyPixels(device, data, o.width, o.height, (i, j) => {
    return (Math.floor((o.y + j + 0.5) * d) - top) * device.width + Math.floor((o.x + i + 0.5) * d) - left;
  });
  return { width: o.width, height: o.height, data, errMsg: 'canvasGetImageData:ok' };
}

/** canvasPutImageData in CSS pixels as before: each written to every device pixel it covers. */
function writePixels(s: Surface, o: CanvasPutImageDataOption) {
  const d = s.dpr_;
  const height = o.height || o.data.length / 4 / o.width;
  const left = Math.round(o.x * d);
  const top = Math.round(o.y * d);
  const device = s.ctx_.createImageData(Math.round((o.x + o.width) * d) - left, Math.round((o.y + height) * d) - top);
  copyPixels(o, device.data, device.width, device.height, (i, j) => {
    return Math.min(height - 1, Math.floor((j + 0.5) / d)) * o.width + Math.min(o.width - 1, Math.floor((i + 0.5) / d));
  });
  s.ctx_.putImageData(device, left, top);
  return { errMsg: 'canvasPutImageData:ok' };
}

/**
 * The type a moved canvas's template binds where one build serves every platform (Taro's JSX, a Vue template): '2d'
 * where this runtime draws on Canvas 2D (WeChat), none elsewhere, where the platform's legacy context draws, which
 * draws nothing on a 2D canvas.
 */
export function canvasTypeOn(getWeChat: () => CanvasApi | undefined): '2d' | undefined {
  return getWeChat() ? '2d' : undefined;
}

/**
 * Builds the legacy canvas over WeChat's object (looked up at each call; undefined: every call passes to the
 * platform's own), the platform's, and the page stack.
 */
export function createCanvasCompat(
  getWeChat: () => CanvasApi | undefined,
  getPlatform: () => CanvasApi | undefined,
  getPages: () => unknown,
): CanvasCompat {
  const c: Canvases = {
    weChat_: getWeChat,
    platform_: getPlatform,
    pages_: getPages,
    byOwner_: new WeakMap(),
    replay_: Object.assign({}, SPECIAL),
  };
  PROPERTIES().forEach((p) => (c.replay_[p] = p));
  SETTER_PROPERTIES().forEach((p) => (c.replay_[setterOf(p)] = p));
  const createCanvasContext = (id: string, scope?: object): LegacyCanvasContext => {
    if (!getWeChat()) return (getPlatform() as any).createCanvasContext(id, scope);
    return newContext((c.proto_ = c.proto_ || contextPrototype()), surfaceOf(c, id, scope, true)!);
  };
  return [
    createCanvasContext,
    onCanvas(c, 'canvasToTempFilePath', exportOptions),
    onCanvas(c, 'canvasGetImageData', readPixels),
    onCanvas(c, 'canvasPutImageData', writePixels),
  ];
}
