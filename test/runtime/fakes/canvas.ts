/*
 * A fake WeChat canvas platform (SPEC §11; docs/contract.md, section 13), drawing for real: every
 * bitmap is an @napi-rs/canvas canvas (Skia), so a test compares pixels, not call logs.
 * - Elements: a page or component holds <canvas> elements (`id`, `canvas-id`, `type`, a CSS size).
 * - Canvas 2D (base library 2.9.0 and later, `type="2d"`): createSelectorQuery().in(scope)
 *   .select('#id').fields({ node, size }).exec(cb) answers a tick later with the node and the CSS
 *   size; the node is 300×150 until the code sizes it, its getContext('2d') is a real 2D context,
 *   its createImage() loads a file of `files` asynchronously (onload / onerror), once per image.
 *   Below 2.9.0 `type` is ignored (the element is a legacy canvas): the node is null (2.7.0–2.8.x)
 *   or not reported at all (below 2.7.0, no `node` field).
 * - The legacy canvas: createCanvasContext(canvasId, scope) records its calls and, at draw(reserve,
 *   callback), a tick later, applies them in order onto the element's native bitmap (CSS size ×
 *   pixel ratio), cleared unless `reserve`; every legacy length is a CSS pixel, shadows included.
 *   Its state carries from one draw to the next (docs/contract.md, C2). measureText answers at once
 *   in the current font. On a `type="2d"` element of a 2D-capable base library it draws nothing.
 * - canvasToTempFilePath ({ canvasId } or { canvas: node }: region in CSS pixels, image by default
 *   width × pixel ratio), canvasGetImageData / canvasPutImageData ({ canvasId }, CSS pixels), with
 *   success / fail / complete or a Promise; createOffscreenCanvas({ type: '2d' }) (2.16.1);
 *   getWindowInfo (2.20.1; undefined in single-page mode) and getSystemInfoSync, for pixelRatio.
 * Every platform call is logged in `calls`.
 */
import { createCanvas, Image, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { FakePageStack } from './pages';

export interface CanvasPlatformShape {
  /** The base library version; decides 2D (2.9.0), the `node` field (2.7.0), offscreen canvases (2.16.1), getWindowInfo (2.20.1). */
  base: string;
  pixelRatio: number;
  /** getWindowInfo answers undefined (single-page mode). */
  singlePage?: boolean;
  /** The 2D node lacks getContext (trap 3: seen on some clients). */
  noGetContext?: boolean;
  /** How long an image takes to load, ms. */
  imageDelayMs?: number;
}

export const WECHAT_3: CanvasPlatformShape = { base: '3.8.8', pixelRatio: 2 };

const atLeast = (version: string, floor: string) => {
  const a = version.split('.').map(Number);
  const b = floor.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return true;
};

export interface CanvasElement {
  id?: string;
  canvasId?: string;
  type?: '2d';
  width: number;
  height: number;
  /** What the element shows: the node's bitmap (2D) or the native legacy bitmap. */
  node?: FakeCanvasNode;
  legacy?: Canvas;
  legacyContext?: SKRSContext2D;
}

type Callbacks = { success?: (r: any) => void; fail?: (r: any) => void; complete?: (r: any) => void };

/** WeChat's rule for an asynchronous API: callbacks a tick later, or a Promise without any. */
function settle(o: Callbacks | undefined, run: () => any, name: string): Promise<any> | undefined {
  const outcome = new Promise<any>((resolve, reject) =>
    setTimeout(() => {
      try {
        resolve({ ...run(), errMsg: `${name}:ok` });
      } catch (e) {
        reject({ errMsg: `${name}:fail ${(e as Error).message}` });
      }
    }, 1),
  );
  if (!o || !(o.success || o.fail || o.complete)) return outcome;
  outcome.then(
    (r) => (o.success?.(r), o.complete?.(r)),
    (r) => (o.fail?.(r), o.complete?.(r)),
  );
  return undefined;
}

/** A canvas node of Canvas 2D: a real bitmap, 300×150 until sized. */
export class FakeCanvasNode {
  readonly bitmap: Canvas = createCanvas(300, 150);
  constructor(
    private readonly platform: FakeCanvasPlatform,
    readonly withGetContext: boolean,
  ) {
    if (!withGetContext) (this as { getContext?: unknown }).getContext = undefined;
  }
  get width() {
    return this.bitmap.width;
  }
  set width(w: number) {
    this.bitmap.width = w;
  }
  get height() {
    return this.bitmap.height;
  }
  set height(h: number) {
    this.bitmap.height = h;
  }
  getContext(type: string): SKRSContext2D | null {
    return type === '2d' ? this.bitmap.getContext('2d') : null;
  }
  createImage(): Image {
    return this.platform.newImage();
  }
}

/** The legacy CanvasContext: calls recorded, applied at draw() onto the element's native bitmap. */
export class FakeLegacyContext {
  actions: [string, any[]][] = [];
  /** The font as the calls so far leave it: what measureText measures in. */
  private currentFont = '10px sans-serif';
  constructor(
    private readonly platform: FakeCanvasPlatform,
    private readonly element: CanvasElement | undefined,
  ) {
    for (const name of LEGACY_METHODS)
      (this as any)[name] = (...args: any[]) => {
        if (name === 'setFontSize') this.currentFont = this.currentFont.replace(/\d+(\.\d+)?px/, `${args[0]}px`);
        this.actions.push([name, args]);
      };
    for (const property of LEGACY_PROPERTIES)
      Object.defineProperty(this, property, {
        set: (v) => {
          if (property === 'font') this.currentFont = v;
          this.actions.push([`=${property}`, [v]]);
        },
        get: () => undefined,
      });
  }
  createLinearGradient(...args: number[]) {
    return new LegacyGradient('linear', args);
  }
  createCircularGradient(...args: number[]) {
    return new LegacyGradient('circular', args);
  }
  createPattern(image: string, repetition: string) {
    return { pattern: image, repetition };
  }
  measureText(text: string): { width: number } {
    const scratch = createCanvas(1, 1).getContext('2d');
    scratch.font = this.currentFont;
    return { width: scratch.measureText(text).width };
  }
  draw(reserve?: boolean, callback?: () => void): void {
    const actions = this.actions;
    this.actions = [];
    this.platform.calls.push('legacy draw');
    setTimeout(() => {
      const el = this.element;
      if (el && this.platform.showsLegacy(el)) this.platform.applyLegacy(el, actions, !!reserve);
      callback?.();
    }, 1);
  }
}

class LegacyGradient {
  stops: [number, string][] = [];
  constructor(
    readonly type: 'linear' | 'circular',
    readonly args: number[],
  ) {}
  addColorStop(offset: number, color: string) {
    this.stops.push([offset, color]);
  }
}

const LEGACY_PROPERTIES = [
  'fillStyle',
  'strokeStyle',
  'font',
  'globalAlpha',
  'globalCompositeOperation',
  'lineCap',
  'lineJoin',
  'lineWidth',
  'lineDashOffset',
  'miterLimit',
  'shadowBlur',
  'shadowColor',
  'shadowOffsetX',
  'shadowOffsetY',
  'textAlign',
  'textBaseline',
];

export const LEGACY_METHODS = [
  'arc',
  'arcTo',
  'beginPath',
  'bezierCurveTo',
  'clearRect',
  'clip',
  'closePath',
  'drawImage',
  'fill',
  'fillRect',
  'fillText',
  'lineTo',
  'moveTo',
  'quadraticCurveTo',
  'rect',
  'restore',
  'rotate',
  'save',
  'scale',
  'setFillStyle',
  'setFontSize',
  'setGlobalAlpha',
  'setLineCap',
  'setLineDash',
  'setLineJoin',
  'setLineWidth',
  'setMiterLimit',
  'setShadow',
  'setStrokeStyle',
  'setTextAlign',
  'setTextBaseline',
  'setTransform',
  'stroke',
  'strokeRect',
  'strokeText',
  'transform',
  'translate',
];

/** The properties a legacy setter writes, in WeChat's terms (a setter's value, set natively). */
const SETTER_PROPERTY: Record<string, string> = {
  setFillStyle: 'fillStyle',
  setStrokeStyle: 'strokeStyle',
  setGlobalAlpha: 'globalAlpha',
  setLineCap: 'lineCap',
  setLineJoin: 'lineJoin',
  setLineWidth: 'lineWidth',
  setMiterLimit: 'miterLimit',
  setTextAlign: 'textAlign',
  setTextBaseline: 'textBaseline',
};

export class FakeCanvasPlatform {
  readonly pages = new FakePageStack();
  /** Files by path (a package path, a temp file): the images createImage and the legacy drawImage read. */
  readonly files = new Map<string, Buffer>();
  /** Every image load a node started, by path. */
  readonly imageLoads: string[] = [];
  /** Every platform call, by name. */
  readonly calls: string[] = [];
  private readonly elements = new Map<object, CanvasElement[]>();
  private temp = 0;
  readonly api: Record<string, any>;
  /** The page a query without `.in()` searches: this fake's own page stack's, or a mini-program host's. */
  currentPage: () => object | undefined = () => this.pages.top;

  constructor(readonly shape: CanvasPlatformShape = WECHAT_3) {
    const log =
      <F extends (...a: any[]) => any>(name: string, f: F) =>
      (...a: Parameters<F>): ReturnType<F> => {
        this.calls.push(name);
        return f(...a);
      };
    const api: Record<string, any> = {
      createSelectorQuery: log('createSelectorQuery', () => this.query(undefined)),
      createCanvasContext: log('createCanvasContext', (id: string, scope?: object) => this.legacyContext(id, scope)),
      canvasToTempFilePath: log('canvasToTempFilePath', (o: any, scope?: object) =>
        settle(o, () => this.exportImage(o, scope), 'canvasToTempFilePath'),
      ),
      canvasGetImageData: log('canvasGetImageData', (o: any, scope?: object) =>
        settle(o, () => this.getImageData(o, scope), 'canvasGetImageData'),
      ),
      canvasPutImageData: log('canvasPutImageData', (o: any, scope?: object) =>
        settle(o, () => (this.putImageData(o, scope), {}), 'canvasPutImageData'),
      ),
      getSystemInfoSync: log('getSystemInfoSync', () => ({ pixelRatio: shape.pixelRatio, SDKVersion: shape.base })),
    };
    if (atLeast(shape.base, '2.16.1'))
      api.createOffscreenCanvas = log('createOffscreenCanvas', (o: { type?: string }) => {
        if (o?.type !== '2d') throw new Error('createOffscreenCanvas: only 2d here');
        return createCanvas(300, 150);
      });
    if (atLeast(shape.base, '2.20.1'))
      api.getWindowInfo = log('getWindowInfo', () => (shape.singlePage ? undefined : { pixelRatio: shape.pixelRatio }));
    this.api = api;
  }

  get has2d() {
    return atLeast(this.shape.base, '2.9.0');
  }

  /** A page on the stack (a new one entered when none is given). */
  page(route = 'pages/index/index') {
    return this.pages.top ?? this.pages.navigateTo(route);
  }

  /** A <canvas> in `owner` (a page or a component instance): `{ id: 'c', canvasId: 'c', type: '2d' }`, CSS size. */
  mount(owner: object, element: Omit<CanvasElement, 'node' | 'legacy'>): CanvasElement {
    const el: CanvasElement = { ...element };
    if (el.type === '2d' && this.has2d) el.node = new FakeCanvasNode(this, !this.shape.noGetContext);
    else {
      el.legacy = createCanvas(
        Math.round(el.width * this.shape.pixelRatio),
        Math.round(el.height * this.shape.pixelRatio),
      );
      el.legacyContext = el.legacy.getContext('2d');
      el.legacyContext.scale(this.shape.pixelRatio, this.shape.pixelRatio);
    }
    this.elements.set(owner, [...(this.elements.get(owner) ?? []), el]);
    return el;
  }

  /** The element `id` of a page or component, where one is mounted. */
  find(owner: object, id: string): CanvasElement | undefined {
    return this.elements.get(owner)?.find((e) => e.id === id);
  }

  /** What the element shows, device pixels. */
  shown(el: CanvasElement): { width: number; height: number; data: Uint8ClampedArray } {
    const bitmap = el.node ? el.node.bitmap : el.legacy!;
    return bitmap.getContext('2d').getImageData(0, 0, bitmap.width, bitmap.height);
  }

  /** Whether a legacy context's drawing reaches the element (not a 2D canvas of a 2D-capable base library). */
  showsLegacy(el: CanvasElement) {
    return !!el.legacy;
  }

  private inScope(scope: object | undefined): CanvasElement[] {
    return this.elements.get(scope ?? this.currentPage() ?? this) ?? [];
  }

  private query(scope: object | undefined) {
    const selected: string[] = [];
    const q = {
      in: (component: object) => this.query(component),
      select: (selector: string) => {
        selected.push(selector);
        return { fields: () => q, node: () => q, boundingClientRect: () => q };
      },
      exec: (cb: (res: any[]) => void) => {
        const found = selected.map((selector) => {
          const el = this.inScope(scope).find((e) => `#${e.id}` === selector);
          if (!el) return null;
          const res: any = { id: el.id, width: el.width, height: el.height };
          if (atLeast(this.shape.base, '2.7.0')) res.node = el.node ?? null;
          return res;
        });
        setTimeout(() => cb(found), 1);
      },
    };
    return q;
  }

  newImage(): Image {
    const image = new Image();
    const setSource = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(image), 'src')!.set!;
    let path = '';
    Object.defineProperty(image, 'src', {
      get: () => path,
      set: (value: string) => {
        path = value;
        this.imageLoads.push(value);
        setTimeout(() => {
          const file = this.files.get(value);
          if (file) setSource.call(image, file);
          else image.onerror?.({ errMsg: `image load fail: ${value}` } as any);
        }, this.shape.imageDelayMs ?? 5);
      },
    });
    return image;
  }

  private legacyContext(canvasId: string, scope?: object) {
    return new FakeLegacyContext(
      this,
      this.inScope(scope).find((e) => e.canvasId === canvasId),
    );
  }

  /** A file's image, decoded at once, as the native legacy canvas reads it; undefined when missing. */
  private decoded(path: string): Image | undefined {
    const file = this.files.get(path);
    if (!file) return undefined;
    const image = new Image();
    image.src = file;
    return image;
  }

  /** A legacy batch onto the element's native bitmap, every length a CSS pixel (×pixel ratio), in the calls' order. */
  applyLegacy(el: CanvasElement, actions: [string, any[]][], reserve: boolean) {
    const ctx = el.legacyContext!;
    const dpr = this.shape.pixelRatio;
    if (!reserve) {
      ctx.save();
      ctx.resetTransform();
      ctx.clearRect(0, 0, el.legacy!.width, el.legacy!.height);
      ctx.restore();
    }
    const style = (v: any) => {
      if (v instanceof LegacyGradient) {
        const a = v.args as [number, number, number, number];
        const g =
          v.type === 'circular'
            ? ctx.createRadialGradient(a[0], a[1], 0, a[0], a[1], a[2])
            : ctx.createLinearGradient(a[0], a[1], a[2], a[3]);
        v.stops.forEach(([o, c]) => g.addColorStop(o, c));
        return g;
      }
      if (v && typeof v === 'object' && 'pattern' in v) {
        const image = this.decoded(v.pattern);
        return image ? ctx.createPattern(image, v.repetition) : undefined;
      }
      return v;
    };
    const write = (property: string, value: any) => {
      if (property.startsWith('shadow') && property !== 'shadowColor') value = value * dpr;
      if (property === 'textBaseline' && value === 'normal') value = 'alphabetic';
      value = style(value);
      if (value !== undefined && value !== null) (ctx as any)[property] = value;
    };
    for (const [name, a] of actions) {
      try {
        if (name.startsWith('=')) write(name.slice(1), a[0]);
        else if (SETTER_PROPERTY[name]) write(SETTER_PROPERTY[name], a[0]);
        else if (name === 'setFontSize') ctx.font = ctx.font.replace(/\d+(\.\d+)?px/, `${a[0]}px`);
        else if (name === 'setShadow') {
          write('shadowOffsetX', a[0] ?? 0);
          write('shadowOffsetY', a[1] ?? 0);
          write('shadowBlur', a[2] ?? 0);
          write('shadowColor', a[3] ?? 'black');
        } else if (name === 'setLineDash') {
          ctx.setLineDash(a[0] ?? []);
          ctx.lineDashOffset = a[1] ?? 0;
        } else if (name === 'setTransform')
          ctx.setTransform(a[0] * dpr, a[1] * dpr, a[2] * dpr, a[3] * dpr, a[4] * dpr, a[5] * dpr);
        else if (name === 'drawImage') {
          const image = typeof a[0] === 'string' ? this.decoded(a[0]) : a[0];
          if (image) (ctx.drawImage as any)(image, ...a.slice(1));
        } else (ctx as any)[name](...a);
      } catch {
        // The native canvas ignores a call it cannot do.
      }
    }
  }

  private findElement(o: any, scope?: object): { bitmap: Canvas; el?: CanvasElement } {
    if (o?.canvas instanceof FakeCanvasNode) return { bitmap: o.canvas.bitmap };
    const el = this.inScope(scope).find((e) => e.canvasId === o?.canvasId && e.legacy);
    if (!el) throw new Error('canvas is empty');
    return { bitmap: el.legacy!, el };
  }

  /** The region (CSS pixels) at dest size (default width × pixel ratio), as a PNG file. */
  private exportImage(o: any, scope?: object) {
    const { bitmap } = this.findElement(o, scope);
    const dpr = this.shape.pixelRatio;
    const cssWidth = bitmap.width / dpr;
    const cssHeight = bitmap.height / dpr;
    const x = o.x ?? 0;
    const y = o.y ?? 0;
    const width = o.width ?? cssWidth - x;
    const height = o.height ?? cssHeight - y;
    const out = createCanvas(Math.round(o.destWidth ?? width * dpr), Math.round(o.destHeight ?? height * dpr));
    out.getContext('2d').drawImage(bitmap, x * dpr, y * dpr, width * dpr, height * dpr, 0, 0, out.width, out.height);
    const tempFilePath = `http://tmp/export-${++this.temp}.${o.fileType === 'jpg' ? 'jpg' : 'png'}`;
    this.files.set(tempFilePath, o.fileType === 'jpg' ? out.toBuffer('image/jpeg') : out.toBuffer('image/png'));
    return { tempFilePath };
  }

  /** CSS pixels, each the average the native canvas scales the region down to. */
  private getImageData(o: any, scope?: object) {
    const { bitmap } = this.findElement(o, scope);
    const dpr = this.shape.pixelRatio;
    const out = createCanvas(o.width, o.height);
    out
      .getContext('2d')
      .drawImage(bitmap, o.x * dpr, o.y * dpr, o.width * dpr, o.height * dpr, 0, 0, o.width, o.height);
    return { width: o.width, height: o.height, data: out.getContext('2d').getImageData(0, 0, o.width, o.height).data };
  }

  /** CSS pixels, scaled up without smoothing onto the native bitmap. */
  private putImageData(o: any, scope?: object) {
    const { bitmap } = this.findElement(o, scope);
    const dpr = this.shape.pixelRatio;
    const height = o.height ?? o.data.length / 4 / o.width;
    const source = createCanvas(o.width, height);
    const image = source.getContext('2d').createImageData(o.width, height);
    image.data.set(o.data);
    source.getContext('2d').putImageData(image, 0, 0);
    const ctx = bitmap.getContext('2d');
    ctx.save();
    ctx.resetTransform();
    ctx.imageSmoothingEnabled = false;
    // Replaced, not blended: the region cleared first.
    ctx.clearRect(o.x * dpr, o.y * dpr, o.width * dpr, height * dpr);
    ctx.drawImage(source, o.x * dpr, o.y * dpr, o.width * dpr, height * dpr);
    ctx.restore();
  }

  /** A PNG of `width`×`height` filled by `paint`, stored at `path`. */
  addImage(path: string, width: number, height: number, paint: (ctx: SKRSContext2D) => void): void {
    const c = createCanvas(width, height);
    paint(c.getContext('2d'));
    this.files.set(path, c.toBuffer('image/png'));
  }
}
