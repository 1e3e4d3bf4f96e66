/**
 * WXML and Vue templates read through Vue's parser (@vue/compiler-sfc, loaded on first use): their
 * elements, what renders each, and a page's `.wxml` with the files its `<include>` and `<import>` name.
 */
import * as path from 'path';
import { sfc } from './vue-blocks';
import { appRootAt } from '../project/mini-program-root';
import { readSideText } from '../tree/side-file';
import {
  ON_EVENT,
  templateLabel,
  WXML_EVENT,
  type AttributeValue,
  type Rendering,
  type TemplateElement,
  type TemplateRead,
} from './template-element';

/** An attribute value with data binding in it (WXML's `{{…}}`). */
const MUSTACHE = /\{\{[\s\S]*?\}\}/;
/**
 * Files one page's template may pull in through `<include>` / `<import>`: enough for real pages, bounded for cycles.
 */
const MAX_TEMPLATE_FILES = 12;
/** The parts of Vue's template AST read here (an element, and its attributes and directives). */
export interface ElementNode {
  type: number;
  tag: string;
  loc: { start: { line: number; offset: number } };
  props: PropNode[];
  children?: unknown[];
}
interface PropNode {
  type: number;
  name: string;
  value?: { content: string };
  arg?: { content?: string; isStatic?: boolean };
  exp?: { loc?: { source: string } };
  rawName?: string;
}

const ELEMENT = 1;
const ATTRIBUTE = 6;
const DIRECTIVE = 7;

/**
 * A WXML value: `{{false}}`, `{{ true }}` are read (spaces inside the braces are the
 * expression's); other bindings are not; plain text is text. A space between the quotes and the
 * braces makes the value a string (WeChat's data-binding rules), so `" {{false}}"` is not read.
 */
function wxmlValue(text: string | undefined): AttributeValue {
  if (text === undefined) return { kind: 'static', value: true };
  const literal = /^\{\{\s*(true|false)\s*\}\}$/.exec(text);
  if (literal) return { kind: 'static', value: literal[1] === 'true' };
  return MUSTACHE.test(text) ? { kind: 'bound', text } : { kind: 'static', value: text };
}

/** A Vue binding: `:loop="true"`, `:src="'/a.mp3'"` are read; any other expression is data. */
function vueBoundValue(expression: string): AttributeValue {
  const text = expression.trim();
  if (text === 'true' || text === 'false') return { kind: 'static', value: text === 'true' };
  const quoted = /^(['"])([^'"\\]*)\1$/.exec(text);
  return quoted ? { kind: 'static', value: quoted[2] } : { kind: 'bound', text: expression };
}

/** One element of a WXML or Vue template, in the one shape. */
export function markupElement(
  node: ElementNode,
  syntax: 'wxml' | 'vue',
  where: string,
  rendering: Rendering[],
): TemplateElement {
  const element: TemplateElement = {
    tag: node.tag,
    isAudio: node.tag.toLowerCase() === 'audio',
    isCanvas: node.tag.toLowerCase() === 'canvas',
    syntax,
    where,
    attributes: new Map(),
    events: [],
    rendering,
  };
  for (const prop of node.props) {
    if (prop.type === ATTRIBUTE) {
      if (WXML_EVENT.test(prop.name) || ON_EVENT.test(prop.name)) element.events.push(prop.name);
      else
        element.attributes.set(
          prop.name,
          syntax === 'wxml' ? wxmlValue(prop.value?.content) : { kind: 'static', value: prop.value?.content ?? true },
        );
    } else if (prop.type === DIRECTIVE && prop.name === 'on') {
      element.events.push(prop.rawName ?? `v-on:${prop.arg?.content ?? ''}`);
    } else if (prop.type === DIRECTIVE && prop.name === 'bind') {
      if (prop.arg?.isStatic && prop.arg.content)
        element.attributes.set(prop.arg.content, vueBoundValue(prop.exp?.loc?.source ?? ''));
      else element.unreadable = `${prop.rawName ?? 'v-bind'}="${prop.exp?.loc?.source ?? ''}"`;
    }
  }
  return element;
}

/** A WXML or Vue element and the elements around it, the outermost first. */
interface PlacedElement {
  node: ElementNode;
  ancestors: ElementNode[];
}

export function elementsIn(
  node: { children?: unknown[] },
  found: PlacedElement[] = [],
  ancestors: ElementNode[] = [],
): PlacedElement[] {
  for (const child of (node.children ?? []) as ElementNode[]) {
    if (child.type !== ELEMENT) continue;
    found.push({ node: child, ancestors });
    elementsIn(child, found, [...ancestors, child]);
  }
  return found;
}

const WXML_LIST = new Set(['wx:for', 'wx:for-items']);
const WXML_CONDITION = new Set(['wx:if', 'wx:elif', 'wx:else']);
const VUE_CONDITION = new Set(['if', 'else-if', 'else']);

/** A WXML `<template name="…">`: where it is defined. */
interface TemplateDefinition {
  name: string;
  where: string;
}

/**
 * What on the element and around it renders it other than once (`wx:for`, `wx:if`, `v-for`,
 * `v-else`, on it or on any element around it, `<block>` and `<template>` too), the nearest
 * first; and the WXML `<template name>` it is defined in, which renders it where it is used.
 * `hidden` and `v-show` keep the element: they are not read here.
 */
export function markupRendering(
  placed: PlacedElement,
  syntax: 'wxml' | 'vue',
  label: string,
): { rendering: Rendering[]; template?: TemplateDefinition } {
  const rendering: Rendering[] = [];
  for (const node of [placed.node, ...[...placed.ancestors].reverse()]) {
    const where = `${label}:${node.loc.start.line}`;
    if (syntax === 'wxml' && node.tag === 'template') {
      const name = node.props.find((p) => p.type === ATTRIBUTE && p.name === 'name')?.value?.content;
      if (name !== undefined) return { rendering, template: { name, where } };
    }
    for (const prop of node.props) {
      if (syntax === 'wxml' && prop.type === ATTRIBUTE) {
        const name = prop.name.toLowerCase();
        if (WXML_LIST.has(name)) rendering.push({ kind: 'repeated', by: prop.name, where });
        else if (WXML_CONDITION.has(name)) rendering.push({ kind: 'conditional', by: prop.name, where });
      } else if (syntax === 'vue' && prop.type === DIRECTIVE) {
        if (prop.name === 'for') rendering.push({ kind: 'repeated', by: prop.rawName ?? 'v-for', where });
        else if (VUE_CONDITION.has(prop.name))
          rendering.push({ kind: 'conditional', by: prop.rawName ?? `v-${prop.name}`, where });
      }
    }
  }
  return { rendering };
}

/** WXML's `<wxs>` holds script, which an HTML parser would read as markup: its text is blanked, lines kept. */
function withoutWxsScripts(text: string): string {
  return text.replace(
    /(<wxs\b[^>]*?[^/]>)([\s\S]*?)(<\/wxs\s*>)/g,
    (_all, open: string, body: string, close: string) => open + body.replace(/[^\r\n]/g, ' ') + close,
  );
}

interface ParsedMarkup {
  elements: PlacedElement[];
  /** The first parse error, as `line: message`, or undefined. */
  error?: string;
}

/** What a WXML file is wrapped in for Vue's parser: its offsets there are the file's, shifted by the opening tag. */
const WXML_WRAPPER = '<template>';

/** Where attributes can be added to an element: right after its tag's name (`<canvas|`), in the parsed text. */
export function openingOffset(node: ElementNode): number {
  return node.loc.start.offset + 1 + node.tag.length;
}

/** A WXML file's elements: Vue's parser reads it as a component's template (lines kept: the wrapper opens line 1). */
function parseWxml(text: string): ParsedMarkup {
  const { descriptor, errors } = sfc().parse(`${WXML_WRAPPER}${withoutWxsScripts(text)}</template>`, {
    sourceMap: false,
  });
  const root = descriptor.template?.ast as { children?: unknown[] } | undefined;
  return { elements: root ? elementsIn(root) : [], error: firstError(errors) };
}

export function firstError(
  errors: readonly (Error | { message: string; loc?: { start: { line: number } } })[],
): string | undefined {
  const first = errors[0] as { message: string; loc?: { start: { line: number } } } | undefined;
  return first && `line ${first.loc?.start.line ?? '?'}: ${first.message}`;
}

function resolveTemplateSrc(src: string, from: string): string | undefined {
  const file = path.extname(src) ? src : `${src}.wxml`;
  if (!file.startsWith('/')) return path.resolve(path.dirname(from), file);
  // `<include src="/…">` names a file from the mini-program's root.
  const root = appRootAt(path.dirname(from));
  return root && path.join(root, file);
}
/**
 * Elements of a page's `.wxml` and of the files its `<include>`s and `<import>`s name (breadth
 * first, bounded), and every file tried, read or not.
 */
export function readWxmlTree(page: string, scriptPath: string): TemplateRead & { files: string[] } {
  const read: TemplateRead & { files: string[] } = { elements: [], unreadable: [], unreached: [], files: [] };
  // Where each file is included and each <template> used: an element renders where they are.
  const includes = new Map<string, WxmlSite[]>();
  const uses: (WxmlSite & { name?: string })[] = [];
  const placed: (WxmlSite & { element: TemplateElement })[] = [];
  const queue = [page];
  const seen = new Set(queue);
  while (queue.length > 0 && seen.size <= MAX_TEMPLATE_FILES) {
    const file = queue.shift()!;
    read.files.push(file);
    const label = templateLabel(scriptPath, file);
    let parsed: ParsedMarkup;
    try {
      parsed = parseWxml(readSideText(file));
    } catch (error) {
      (file === page ? read.unreadable : read.unreached).push(`${label}: ${(error as Error).message}`);
      continue;
    }
    if (parsed.error) read.unreadable.push(`${label}, ${parsed.error}`);
    for (const element of parsed.elements) {
      const { node } = element;
      const where = `${label}:${node.loc.start.line}`;
      const site: WxmlSite = { file, where, ...markupRendering(element, 'wxml', label) };
      if (node.tag === 'include' || node.tag === 'import') {
        const src = node.props.find((p) => p.type === ATTRIBUTE && p.name === 'src')?.value?.content;
        const target = src && !MUSTACHE.test(src) ? resolveTemplateSrc(src, file) : undefined;
        if (!target) read.unreached.push(`the <${node.tag}> at ${where} names no file that can be found`);
        else {
          if (node.tag === 'include') includes.set(target, [...(includes.get(target) ?? []), site]);
          if (!seen.has(target)) {
            seen.add(target);
            queue.push(target);
          }
        }
        continue;
      }
      const is = node.tag === 'template' ? node.props.find((p) => p.type === ATTRIBUTE && p.name === 'is') : undefined;
      if (is) uses.push({ ...site, name: is.value && !MUSTACHE.test(is.value.content) ? is.value.content : undefined });
      const markup = markupElement(node, 'wxml', where, []);
      markup.opening = { file, offset: openingOffset(node) - WXML_WRAPPER.length };
      placed.push({ ...site, element: markup });
    }
  }
  const fileRendering = (file: string, trail: ReadonlySet<string>): Rendering[] => {
    const sites = file === page ? [] : (includes.get(file) ?? []);
    // The page itself, or a file only imported (its templates render where they are used).
    if (sites.length === 0) return [];
    if (sites.length > 1 || trail.has(file))
      return [
        {
          kind: 'repeated',
          by: `the <include> of ${templateLabel(scriptPath, file)}`,
          where: sites.map((s) => s.where).join(', '),
        },
      ];
    return around(sites[0], new Set([...trail, file]));
  };
  const templateRendering = (template: TemplateDefinition, trail: ReadonlySet<string>): Rendering[] => {
    const named = uses.filter((use) => use.name === template.name);
    // A <template is="{{…}}"> may render any template; a template used twice or never is no one element.
    if (named.length !== 1 || uses.some((use) => use.name === undefined) || trail.has(`<${template.name}>`))
      return [{ kind: 'function', by: `<template name="${template.name}">`, where: template.where }];
    return around(named[0], new Set([...trail, `<${template.name}>`]));
  };
  const around = (site: WxmlSite, trail: ReadonlySet<string>): Rendering[] => [
    ...site.rendering,
    ...(site.template ? templateRendering(site.template, trail) : []),
    ...fileRendering(site.file, trail),
  ];
  for (const { element, ...site } of placed) {
    element.rendering = around(site, new Set());
    read.elements.push(element);
  }
  return read;
}

/** Where an element, an `<include>` or a `<template is>` is, and what renders it there. */
interface WxmlSite {
  file: string;
  where: string;
  rendering: Rendering[];
  template?: TemplateDefinition;
}

/** Template texts, unparsed, each with its file; and every file tried, read or not. */
export interface TemplateTexts {
  texts: { file: string; text: string }[];
  files: string[];
}

/** `<include src="…">`, `<import src='…'>`: the files a WXML text names (a bound `src` names none it can be sure of). */
const WXML_SOURCE = /<(?:include|import)\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * The texts of a page's `.wxml` and of the files its `<include>`s and `<import>`s name (bounded
 * as readWxmlTree is), unparsed, and every file tried: for a search of what the template may read
 * of the page's data. A file that cannot be read adds no text.
 */
export function readWxmlTexts(page: string): TemplateTexts {
  const out: TemplateTexts = { texts: [], files: [] };
  const queue = [page];
  const seen = new Set(queue);
  while (queue.length > 0 && seen.size <= MAX_TEMPLATE_FILES) {
    const file = queue.shift()!;
    out.files.push(file);
    let text: string;
    try {
      text = readSideText(file);
    } catch {
      continue;
    }
    out.texts.push({ file, text });
    for (const named of text.matchAll(WXML_SOURCE)) {
      const src = named[1] ?? named[2];
      const target = !MUSTACHE.test(src) ? resolveTemplateSrc(src, file) : undefined;
      if (target && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return out;
}
