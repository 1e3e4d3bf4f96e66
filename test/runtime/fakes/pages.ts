/*
 * A fake page stack, the `getCurrentPages()` that pages enter and leave, as on the platforms:
 * - WeChat: the first page is the home page, the last the current one; at most 10 pages (a
 *   navigateTo beyond fails with "webview count limit exceed"); navigateBack pops and unloads,
 *   redirectTo replaces the current page, reLaunch empties the stack. Page and component instances
 *   have getPageId(), the same string for a page and the components on it. Leaving pages get
 *   onUnload, their components detached.
 * - Taro H5: getCurrentPages() returns fresh copies of the page objects at every call, each with
 *   its `$taroPath` (route plus a per-visit stamp), never the same object twice.
 * A page is made before it is on the stack (`open`) and put on it later (`enter`), so a test can
 * attach components in between: the order of a component's attached and its page's arrival on the
 * stack is the platform's and not documented.
 */

export type PageFlavor = 'weapp' | 'taro-h5';

/** WeChat's page stack depth limit. */
export const PAGE_STACK_LIMIT = 10;

export interface FakePage {
  route: string;
  $taroPath?: string;
  getPageId?: () => string;
  onUnload?: () => void;
  [key: string]: unknown;
}

export interface FakeComponent {
  is: string;
  getPageId?: () => string;
  detached?: () => void;
  [key: string]: unknown;
}

export class FakePageStack {
  readonly stack: FakePage[] = [];
  /** Every page that left the stack, in order. */
  readonly left: FakePage[] = [];
  private visits = 0;
  private readonly components = new Map<FakePage, FakeComponent[]>();

  constructor(readonly flavor: PageFlavor = 'weapp') {}

  /** getCurrentPages() */
  getCurrentPages = (): FakePage[] => (this.flavor === 'taro-h5' ? this.stack.map((p) => ({ ...p })) : [...this.stack]);

  get top(): FakePage | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** A new page instance, not yet on the stack. */
  open(route: string): FakePage {
    const visit = ++this.visits;
    const page: FakePage = { route };
    if (this.flavor === 'taro-h5') page.$taroPath = `${route}?stamp=${visit}`;
    else page.getPageId = () => `pageId:${visit}`;
    this.components.set(page, []);
    return page;
  }

  /** A component instance on `page` (on the current page by default). */
  component(is: string, page: FakePage | undefined = this.top): FakeComponent {
    if (!page) throw new Error('no page to attach a component to');
    const c: FakeComponent = { is };
    if (page.getPageId) c.getPageId = page.getPageId;
    this.components.get(page)!.push(c);
    return c;
  }

  /** Puts an opened page on top of the stack. */
  enter(page: FakePage): FakePage {
    if (this.stack.length >= PAGE_STACK_LIMIT) throw new Error('navigateTo:fail webview count limit exceed');
    this.stack.push(page);
    return page;
  }

  navigateTo(route: string): FakePage {
    return this.enter(this.open(route));
  }

  navigateBack(delta = 1): void {
    for (let i = 0; i < delta && this.stack.length > 1; i++) this.unload(this.stack.pop()!);
  }

  redirectTo(route: string): FakePage {
    const gone = this.stack.pop();
    if (gone) this.unload(gone);
    return this.navigateTo(route);
  }

  reLaunch(route: string): FakePage {
    while (this.stack.length) this.unload(this.stack.pop()!);
    return this.navigateTo(route);
  }

  private unload(page: FakePage) {
    this.left.push(page);
    if (page.onUnload) page.onUnload();
    for (const c of this.components.get(page) ?? []) if (c.detached) c.detached();
  }
}
