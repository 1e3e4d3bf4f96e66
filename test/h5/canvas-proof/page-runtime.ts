/// <reference lib="dom" />
/*
 * A WeChat page in the browser, as much of one as the canvas programs need: `Page(definition)`
 * renders the page's <canvas> elements from its WXML (bundled in as __WXML__), makes the page
 * instance (`data`, `setData`, the definition's methods), calls onLoad and onReady, and keeps
 * `getCurrentPages()`. Each <canvas> is made as its platform makes it: a legacy one (canvas-id
 * only) as Taro H5's <Canvas> does, its bitmap the CSS size; a `type="2d"` one as WeChat's node,
 * 300×150 until the code sizes it. The test reads every canvas back through `window.proof`.
 */
declare const __WXML__: string;

export interface CanvasTag {
  attributes: Record<string, string>;
  width: number;
  height: number;
}

/** The <canvas> tags of a WXML text, with their attributes and CSS size (`style="width: …px; height: …px"`). */
export function canvasTags(wxml: string): CanvasTag[] {
  return [...wxml.matchAll(/<canvas\b([^>]*)>/g)].map((m) => {
    const attributes: Record<string, string> = {};
    for (const a of m[1]!.matchAll(/([\w:-]+)="([^"]*)"/g)) attributes[a[1]!] = a[2]!;
    const size = (name: string, fallback: number) => {
      const found = new RegExp(`${name}:\\s*(\\d+)px`).exec(attributes.style ?? '');
      return found ? Number(found[1]) : fallback;
    };
    return { attributes, width: size('width', 300), height: size('height', 150) };
  });
}

type PageInstance = Record<string, any> & { data: Record<string, unknown> };
const w = window as unknown as Record<string, any>;

w.Page = (definition: Record<string, any>) => {
  const root = document.getElementById('page')!;
  for (const tag of canvasTags(__WXML__)) {
    const canvas = document.createElement('canvas');
    for (const name of ['canvas-id', 'id', 'type'])
      if (tag.attributes[name] !== undefined) canvas.setAttribute(name, tag.attributes[name]!);
    canvas.style.width = `${tag.width}px`;
    canvas.style.height = `${tag.height}px`;
    if (tag.attributes.type !== '2d') {
      canvas.width = tag.width;
      canvas.height = tag.height;
    }
    root.append(canvas);
  }
  const page: PageInstance = { ...definition, data: { ...definition.data }, route: 'pages/proof/index' };
  page.setData = (patch: Record<string, unknown>, callback?: () => void) => {
    Object.assign(page.data, patch);
    if (callback) setTimeout(callback, 0);
  };
  w.proofPage = page;
  w.getCurrentPages = () => [page];
  setTimeout(() => {
    page.onLoad?.({});
    page.onReady?.();
  }, 0);
};

w.proof = {
  /** Every canvas of the page, in the template's order: its device size and its pixels as a PNG data URL. */
  canvases: () =>
    Array.from(document.querySelectorAll('#page canvas')).map((c) => {
      const canvas = c as HTMLCanvasElement;
      return { width: canvas.width, height: canvas.height, png: canvas.toDataURL('image/png') };
    }),
};
