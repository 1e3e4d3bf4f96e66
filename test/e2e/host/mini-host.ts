/**
 * A small WeChat mini-program host for Node: it loads a built weapp `dist/`
 * the way the mini-program runtime does (CommonJS-style modules resolved
 * relative to each file, app.js first, then every page of app.json), provides
 * App / Page / Component / Behavior / getApp / getCurrentPages and the fake
 * `wx`, keeps each page's data tree up to date through setData, and dispatches
 * taps to the page's event handler as the WXML `bindtap` would. Where the fake `wx` has a canvas
 * platform, each `<canvas>` of a page's data tree is mounted there once rendered (its id, canvas-id,
 * type and CSS size read through Taro's base template), as WeChat makes the element a query finds.
 *
 * A page is registered with Page(), or (as Taro 2 does) with Component() in the
 * page's file: then its `methods` are the page's handlers and its lifetimes
 * (created, attached, ready, detached) run around onLoad / onReady / onUnload.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { FakeClock } from './clock';
import type { FakeWx } from './fake-wx';
import { datasetOf, findById, interpolate, isRendered, parseWxml, textOf as wxmlText, type WxmlElement } from './wxml';

type Dict = Record<string, any>;

/** One node of Taro's page data tree (see @tarojs/runtime hydrate()). */
export interface DataNode {
  sid?: string;
  uid?: string;
  nn?: string | number;
  v?: string;
  cn?: DataNode[];
  [key: string]: unknown;
}

function cloneJson<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}

/** Split a setData key such as `root.cn.[0].cn[2].v` into path segments. */
export function parseDataPath(key: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(key))) {
    if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(m[1]);
  }
  return out;
}

export function applySetData(target: Dict, patch: Dict): void {
  for (const [key, value] of Object.entries(patch)) {
    const segs = parseDataPath(key);
    let node: Dict = target;
    for (let i = 0; i < segs.length - 1; i++) {
      const seg = segs[i];
      if (
        node[seg as string] === undefined ||
        node[seg as string] === null ||
        typeof node[seg as string] !== 'object'
      ) {
        node[seg as string] = typeof segs[i + 1] === 'number' ? [] : {};
      }
      node = node[seg as string];
    }
    node[segs[segs.length - 1] as string] = cloneJson(value);
  }
}

const COMPONENT_LIFETIMES = ['created', 'attached', 'ready', 'detached'] as const;
type ComponentLifetime = (typeof COMPONENT_LIFETIMES)[number];

/** What a page file registered, as one shape: Page(config) or Component(config). */
export interface PageDefinition {
  data: Dict;
  methods: Dict;
  lifetimes: Partial<Record<ComponentLifetime, (this: PageInstance) => void>>;
}

function pageFromPage(config: Dict): PageDefinition {
  const { data, ...methods } = config;
  return { data: data ?? {}, methods, lifetimes: {} };
}

/** A page built with Component(): `lifetimes` wins over the top-level lifetime functions, as on WeChat. */
function pageFromComponent(config: Dict): PageDefinition {
  const data: Dict = {};
  for (const [name, prop] of Object.entries((config.properties ?? {}) as Dict)) {
    if (prop && typeof prop === 'object' && 'value' in prop) data[name] = prop.value;
  }
  Object.assign(data, config.data);
  const lifetimes: PageDefinition['lifetimes'] = {};
  for (const name of COMPONENT_LIFETIMES) {
    const fn = config.lifetimes?.[name] ?? config[name];
    if (typeof fn === 'function') lifetimes[name] = fn;
  }
  return { data, methods: { ...config.methods }, lifetimes };
}

export class PageInstance {
  data: Dict;
  readonly setDataCalls: Dict[] = [];
  [method: string]: any;
  private template: WxmlElement | undefined;

  constructor(
    readonly route: string,
    readonly definition: PageDefinition,
    private readonly host: MiniProgramHost,
  ) {
    this.data = cloneJson(definition.data);
    Object.assign(this, definition.methods);
    this.__route__ = route;
    this.__wxWebviewId__ = host.nextWebviewId();
  }

  /** Run one of the lifetimes of a page built with Component(). */
  lifetime(name: ComponentLifetime): void {
    this.definition.lifetimes[name]?.call(this);
  }

  /** Taro 3 renders a data tree (`root`) through one generic template; other pages have their own WXML. */
  private get rendersDataTree(): boolean {
    return this.data.root !== undefined;
  }

  /** The element with this id in the page's own WXML, if it is on screen. */
  private element(id: string): WxmlElement {
    this.template ??= parseWxml(this.host.readPageFile(this.route, '.wxml'));
    const element = findById(this.template, id);
    if (!element) throw new Error(`no element with id "${id}" in ${this.route}.wxml`);
    if (!isRendered(element, this.data))
      throw new Error(`the element with id "${id}" on ${this.route} is not rendered (wx:if)`);
    return element;
  }

  setData(patch: Dict, callback?: () => void): void {
    this.setDataCalls.push(cloneJson(patch));
    applySetData(this.data, patch);
    this.host.rendered(this);
    if (callback) Promise.resolve().then(() => callback.call(this));
  }

  selectComponent(): null {
    return null;
  }

  selectAllComponents(): [] {
    return [];
  }

  createSelectorQuery() {
    return this.host.wxApi.createSelectorQuery();
  }

  getOpenerEventChannel() {
    return { on() {}, emit() {}, once() {}, off() {} };
  }

  /** The node whose `id` prop (uid) is `id`, in the page's data tree. */
  findNode(id: string): DataNode | undefined {
    const walk = (node: DataNode | undefined): DataNode | undefined => {
      if (!node || typeof node !== 'object') return undefined;
      if (node.uid === id) return node;
      for (const child of node.cn ?? []) {
        const hit = walk(child);
        if (hit) return hit;
      }
      return undefined;
    };
    return walk(this.data.root as DataNode);
  }

  /** The text shown inside the node with this id. */
  textOf(id: string): string {
    if (!this.rendersDataTree) return wxmlText(this.element(id), this.data);
    const node = this.findNode(id);
    if (!node) throw new Error(`no node with id "${id}" on ${this.route}`);
    const collect = (n: DataNode): string => (typeof n.v === 'string' ? n.v : (n.cn ?? []).map(collect).join(''));
    return collect(node);
  }

  /** What WeChat does for `<button bindtap="eh" id="{{i.uid||i.sid}}" data-sid="{{i.sid}}">` when tapped. */
  tap(id: string): unknown {
    if (!this.rendersDataTree) return this.tapElement(id);
    const node = this.findNode(id);
    if (!node) throw new Error(`no node with id "${id}" on ${this.route}`);
    if (typeof this.eh !== 'function') throw new Error(`page ${this.route} has no "eh" event handler`);
    const target = { id: node.uid ?? node.sid, dataset: { sid: node.sid }, offsetLeft: 0, offsetTop: 0 };
    return this.eh(this.tapEvent(target));
  }

  /** A tap on an element of the page's WXML: its `bindtap` (or `catchtap`) handler gets the event. */
  private tapElement(id: string): unknown {
    const element = this.element(id);
    const handler = element.attrs.bindtap ?? element.attrs.catchtap;
    if (!handler) throw new Error(`the element with id "${id}" on ${this.route} has no bindtap`);
    if (typeof this[handler] !== 'function')
      throw new Error(`page ${this.route} has no method "${handler}" for the tap on "${id}"`);
    const target = { id, dataset: datasetOf(element, this.data), offsetLeft: 0, offsetTop: 0 };
    return this[handler](this.tapEvent(target));
  }

  private tapEvent(target: { id: unknown; dataset: Dict; offsetLeft: number; offsetTop: number }): Dict {
    const touch = { identifier: 0, pageX: 10, pageY: 10, clientX: 10, clientY: 10 };
    return {
      type: 'tap',
      timeStamp: this.host.clock.now,
      target,
      currentTarget: { ...target, dataset: { ...target.dataset } },
      detail: { x: 10, y: 10 },
      touches: [touch],
      changedTouches: [touch],
      mut: false,
    };
  }
}

export interface HostOptions {
  distDir: string;
  wx: FakeWx;
  clock: FakeClock;
  /** The platform's global API object: `wx` (WeChat), `tt` (Douyin)… */
  globalName?: string;
}

export class MiniProgramHost {
  readonly clock: FakeClock;
  readonly wxApi: Dict;
  readonly errors: unknown[] = [];
  readonly logs: string[] = [];
  private readonly context: vm.Context;
  private readonly modules = new Map<string, { exports: unknown }>();
  private readonly pageConfigs = new Map<string, PageDefinition>();
  private readonly componentConfigs: Dict[] = [];
  private readonly stack: PageInstance[] = [];
  private appInstance: Dict | undefined;
  private webviewId = 0;
  readonly appJson: { pages: string[] };
  /** The canvases mounted on the canvas platform, by page: their ids. */
  private readonly mountedCanvases = new WeakMap<PageInstance, Set<string>>();
  /** Taro's base template's `<canvas>` elements, by the node name (`nn`) that renders each. */
  private canvasTemplates: Map<string, WxmlElement> | undefined;

  constructor(private readonly options: HostOptions) {
    this.clock = options.clock;
    this.wxApi = options.wx.api();
    // A query without `.in()` searches the page on top of this host's stack.
    if (options.wx.canvas) options.wx.canvas.currentPage = () => this.stack[this.stack.length - 1];
    this.appJson = JSON.parse(fs.readFileSync(path.join(options.distDir, 'app.json'), 'utf8'));
    const host = this;
    const consoleProxy = {
      log: (...a: unknown[]) => host.logs.push(a.map(String).join(' ')),
      info: (...a: unknown[]) => host.logs.push(a.map(String).join(' ')),
      debug: () => {},
      warn: (...a: unknown[]) => host.logs.push('warn: ' + a.map(String).join(' ')),
      error: (...a: unknown[]) => {
        host.errors.push(a);
        host.logs.push('error: ' + a.map(String).join(' '));
      },
    };
    const sandbox: Dict = {
      [options.globalName ?? 'wx']: this.wxApi,
      console: consoleProxy,
      setTimeout: this.clock.setTimeout,
      clearTimeout: this.clock.clearTimeout,
      setInterval: this.clock.setInterval,
      clearInterval: this.clock.clearInterval,
      Date: this.clock.makeDate(),
      App: (config: Dict) => {
        if (this.appInstance) throw new Error('App() called twice');
        this.appInstance = config;
      },
      Page: (config: Dict) => {
        const route = this.currentlyLoading;
        if (!route) throw new Error('Page() called outside of a page file');
        this.pageConfigs.set(route, pageFromPage(config));
      },
      Component: (config: Dict) => {
        // In a page's file, Component() builds the page itself (Taro 2 builds every page so).
        const route = this.currentlyLoading;
        if (route && !this.pageConfigs.has(route)) this.pageConfigs.set(route, pageFromComponent(config));
        else this.componentConfigs.push(config);
      },
      Behavior: (config: Dict) => config,
      getApp: () => this.appInstance,
      getCurrentPages: () => [...this.stack],
      requirePlugin: () => ({}),
      __wxConfig: { envVersion: 'develop', platform: 'devtools' },
      // The route whose file is being loaded (WeChat sets it while a page's code registers it).
      __wxRoute: '',
    };
    this.context = vm.createContext(sandbox);
    // The app service's global object is reachable as `global`, as on WeChat.
    sandbox.global = sandbox;
    // WeChat only logs a promise rejection nobody handles (Taro's promisified
    // APIs reject on fail even when the caller used the fail callback); record
    // such rejections instead of letting them escape into the test runner.
    sandbox.__hostRejection = (reason: unknown) => this.rejections.push(reason);
    vm.runInContext(
      `(function () {
        var Native = Promise;
        class HostPromise extends Native {
          constructor(executor) {
            super(executor);
            Native.prototype.then.call(this, undefined, function (reason) { __hostRejection(reason); });
          }
          static get [Symbol.species]() { return Native; }
        }
        globalThis.Promise = HostPromise;
      })();`,
      this.context,
    );
  }

  /** Rejections of promises the app created (Taro's promisified APIs included). */
  readonly rejections: unknown[] = [];

  private currentlyLoading: string | undefined;

  nextWebviewId(): number {
    this.webviewId += 1;
    return this.webviewId;
  }

  /** A file of a page beside its script (`.wxml`, `.json`). */
  readPageFile(route: string, extension: string): string {
    return fs.readFileSync(path.join(this.options.distDir, `${route}${extension}`), 'utf8');
  }

  /**
   * After a page's setData: each `<canvas>` of its data tree not mounted yet is mounted on the canvas platform, with
   * the attributes Taro's base template gives it (`id`, `canvas-id`, `type`) and the CSS size of its style.
   */
  rendered(page: PageInstance): void {
    const canvas = this.options.wx.canvas;
    if (!canvas || page.data.root === undefined) return;
    this.canvasTemplates ??= canvasTemplatesOf(this.readBaseTemplate());
    const mounted = this.mountedCanvases.get(page) ?? new Set<string>();
    this.mountedCanvases.set(page, mounted);
    const walk = (node: DataNode) => {
      const template = this.canvasTemplates!.get(String(node.nn));
      if (template) {
        const attribute = (name: string) => {
          const value = interpolate(template.attrs[name] ?? '', { i: node });
          return value === undefined || value === null || value === '' ? undefined : String(value);
        };
        const id = attribute('id');
        if (id !== undefined && !mounted.has(id)) {
          mounted.add(id);
          const style = attribute('style') ?? '';
          const px = (name: string) => Number(new RegExp(`${name}\\s*:\\s*([\\d.]+)px`).exec(style)?.[1] ?? 0);
          canvas.mount(page, {
            id,
            canvasId: attribute('canvas-id'),
            type: attribute('type') === '2d' ? '2d' : undefined,
            width: px('width'),
            height: px('height'),
          });
        }
      }
      for (const child of node.cn ?? []) walk(child);
    };
    walk(page.data.root as DataNode);
  }

  /** Taro's one generic template of every page (base.wxml). */
  private readBaseTemplate(): string {
    return fs.readFileSync(path.join(this.options.distDir, 'base.wxml'), 'utf8');
  }

  /** require() as the mini-program does it: paths relative to the requiring file, `.js` optional. */
  private load(file: string): unknown {
    const resolved = file.endsWith('.js') ? file : `${file}.js`;
    const cached = this.modules.get(resolved);
    if (cached) return cached.exports;
    const abs = path.join(this.options.distDir, resolved);
    if (!fs.existsSync(abs)) throw new Error(`mini-program host: module not found: ${resolved}`);
    const module = { exports: {} as unknown };
    this.modules.set(resolved, module);
    const code = fs.readFileSync(abs, 'utf8');
    const fn = vm.runInContext(`(function (module, exports, require) {${code}\n})`, this.context, { filename: abs });
    const dir = path.posix.dirname(resolved);
    const localRequire = (request: string) => this.load(path.posix.normalize(path.posix.join(dir, request)));
    fn.call(module.exports, module, module.exports, localRequire);
    return module.exports;
  }

  /** Start the app: run app.js and register every page, then onLaunch/onShow. */
  async launch(): Promise<void> {
    this.load('app.js');
    if (!this.appInstance) throw new Error('app.js did not call App()');
    for (const route of this.appJson.pages) {
      this.currentlyLoading = route;
      this.context.__wxRoute = route;
      try {
        this.load(`${route}.js`);
      } finally {
        this.currentlyLoading = undefined;
        this.context.__wxRoute = '';
      }
      if (!this.pageConfigs.has(route)) throw new Error(`${route}.js did not call Page() or Component()`);
    }
    const launchOptions = { path: this.appJson.pages[0], query: {}, scene: 1001, referrerInfo: {} };
    this.appInstance.onLaunch?.call(this.appInstance, launchOptions);
    this.appInstance.onShow?.call(this.appInstance, launchOptions);
    await this.settle();
  }

  /** Open a page as navigateTo would: a new instance, onLoad, onShow, onReady. */
  async open(route: string, query: Record<string, string> = {}): Promise<PageInstance> {
    const config = this.pageConfigs.get(route);
    if (!config) throw new Error(`no page registered for ${route}`);
    const previous = this.stack[this.stack.length - 1];
    previous?.onHide?.call(previous);
    const page = new PageInstance(route, config, this);
    page.options = { ...query };
    this.stack.push(page);
    page.lifetime('created');
    page.lifetime('attached');
    page.onLoad?.call(page, { ...query });
    await this.settle();
    page.onShow?.call(page);
    await this.settle();
    page.lifetime('ready');
    page.onReady?.call(page);
    await this.settle();
    return page;
  }

  /** Close the top page as navigateBack would. */
  async back(): Promise<void> {
    const page = this.stack.pop();
    page?.onUnload?.call(page);
    page?.lifetime('detached');
    const top = this.stack[this.stack.length - 1];
    top?.onShow?.call(top);
    await this.settle();
  }

  /** Run everything that is due now (renders, promise jobs, zero-delay timers). */
  async settle(): Promise<void> {
    await this.clock.advance(0);
  }

  /** Let `ms` of fake time pass. */
  async wait(ms: number): Promise<void> {
    await this.clock.advance(ms);
  }
}

/** The `<canvas>` each of Taro's `tmpl_0_<nn>` templates renders, by `nn`. */
function canvasTemplatesOf(baseWxml: string): Map<string, WxmlElement> {
  const found = new Map<string, WxmlElement>();
  for (const child of parseWxml(baseWxml).children) {
    if (typeof child === 'string' || child.tag !== 'template') continue;
    const nn = /^tmpl_0_(.+)$/.exec(child.attrs.name ?? '')?.[1];
    const element = child.children.find((c): c is WxmlElement => typeof c !== 'string' && c.tag === 'canvas');
    if (nn !== undefined && element) found.set(nn, element);
  }
  return found;
}
