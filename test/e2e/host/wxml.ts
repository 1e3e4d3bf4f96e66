/**
 * Just enough WXML for the host to find an element of a page's template by its
 * `id`, dispatch its `bindtap`, and show its text the way WeChat renders it:
 * `{{ expression }}` evaluated against the page's data, `wx:if` honoured on the
 * element and its ancestors. Taro 3 renders every page from one generic
 * template and its data tree (mini-host.ts reads that tree); Taro 2 compiles
 * each page to its own WXML, which this reads.
 */
import * as vm from 'node:vm';

export interface WxmlElement {
  tag: string;
  attrs: Record<string, string>;
  children: WxmlNode[];
  parent?: WxmlElement;
}

export type WxmlNode = WxmlElement | string;

const TAG = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*(\/?)>/g;
const ATTR = /([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?/g;

/** Parses a template into a tree of elements and text (comments dropped). */
export function parseWxml(source: string): WxmlElement {
  const root: WxmlElement = { tag: '#root', attrs: {}, children: [] };
  let current = root;
  let last = 0;
  const text = source.replace(/<!--[\s\S]*?-->/g, '');
  for (const m of text.matchAll(TAG)) {
    if (m.index! > last) current.children.push(text.slice(last, m.index));
    last = m.index! + m[0].length;
    const [, closing, tag, attrText, selfClosing] = m;
    if (closing) {
      if (current.tag !== tag) throw new Error(`WXML: </${tag}> closes <${current.tag}>`);
      current = current.parent!;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of attrText.matchAll(ATTR)) attrs[a[1]] = a[2] ?? a[3] ?? '';
    const element: WxmlElement = { tag, attrs, children: [], parent: current };
    current.children.push(element);
    if (!selfClosing) current = element;
  }
  if (last < text.length) current.children.push(text.slice(last));
  if (current !== root) throw new Error(`WXML: <${current.tag}> is not closed`);
  return root;
}

/** The element whose `id` attribute is exactly `id` (a static id, as the example pages write them). */
export function findById(root: WxmlElement, id: string): WxmlElement | undefined {
  for (const child of root.children) {
    if (typeof child === 'string') continue;
    if (child.attrs.id === id) return child;
    const hit = findById(child, id);
    if (hit) return hit;
  }
  return undefined;
}

/** A `{{ }}` expression against the page's data, as WXML evaluates it. */
function evaluate(expression: string, data: Record<string, unknown>): unknown {
  return vm.runInNewContext(`(${expression})`, { ...data });
}

/** An attribute or text with `{{ }}` parts filled in; an attribute that is one expression keeps its value's type. */
export function interpolate(template: string, data: Record<string, unknown>): unknown {
  const whole = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(template);
  if (whole && !whole[1].includes('}}')) return evaluate(whole[1], data);
  return template.replace(/\{\{([\s\S]*?)\}\}/g, (_, e: string) => {
    const value = evaluate(e, data);
    return value === undefined || value === null ? '' : String(value);
  });
}

/** Whether the element is on screen: its `wx:if` and every ancestor's are true. */
export function isRendered(element: WxmlElement, data: Record<string, unknown>): boolean {
  for (let e: WxmlElement | undefined = element; e; e = e.parent) {
    if ('wx:if' in e.attrs && !interpolate(e.attrs['wx:if'], data)) return false;
  }
  return true;
}

/** The text WeChat shows inside the element. */
export function textOf(element: WxmlElement, data: Record<string, unknown>): string {
  return element.children
    .map((child) => (typeof child === 'string' ? String(interpolate(child, data)) : textOf(child, data)))
    .join('');
}

/** `data-e-tap-so="this"` → dataset `{ eTapSo: 'this' }`, as WeChat builds `currentTarget.dataset`. */
export function datasetOf(element: WxmlElement, data: Record<string, unknown>): Record<string, unknown> {
  const dataset: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(element.attrs)) {
    if (!name.startsWith('data-')) continue;
    const key = name.slice(5).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    dataset[key] = interpolate(value, data);
  }
  return dataset;
}
