/**
 * The template a script's `createAudioContext(id)` names an element of, read as one shape
 * (TemplateElement) whatever it is written in: a native page's or component's `.wxml` beside
 * the script (with the files its `<include>` and `<import>` name), a Vue component's own
 * `<template>`, or the JSX of a Taro file. WXML and Vue templates go through Vue's own parser
 * (@vue/compiler-sfc, loaded on first use: markup-template.ts); JSX is read from the script's tree
 * (jsx-template.ts). It only reads: what the element means for the rewrite is decided in
 * element-calls.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as t from '@babel/types';
import { isScriptFile } from '../rules/file-kinds';
import { parseComponent, sfc } from './vue-blocks';
import { readSideText } from '../tree/side-file';
import { positionsOf } from '../rules/text-positions';
import { isLegacyApiName, type LegacyApiName } from '../rules/legacy-apis';
import { templateLabel, type ElementLookup, type ScriptTemplate, type TemplateRead } from './template-element';
import {
  elementsIn,
  firstError,
  markupElement,
  markupRendering,
  openingOffset,
  readWxmlTexts,
  readWxmlTree,
  type TemplateTexts,
} from './markup-template';
import { readJsx } from './jsx-template';
import { canvasIdLabel, findCanvas } from './canvas-template';
import type { CanvasIdArgument } from './template-element';

/** The id's one element among a template's elements, or why there is none or more than one. */
function findById(read: TemplateRead, id: string, templateName: string): ElementLookup {
  const { elements, unreadable, unreached } = read;
  if (unreadable.length > 0) return { problem: `the template could not be read: ${unreadable[0]}` };
  const matches = elements.filter((e) => {
    const value = e.attributes.get('id');
    return value?.kind === 'static' && value.value === id;
  });
  if (matches.length === 1) return { element: matches[0] };
  if (matches.length > 1)
    return { problem: `more than one element has id '${id}' (${matches.map((e) => e.where).join(', ')})` };
  if (unreached.length > 0) return { problem: `no element with id '${id}' in ${templateName}, and ${unreached[0]}` };
  const boundId = elements.find((e) => e.isAudio && e.attributes.get('id')?.kind === 'bound');
  if (boundId) {
    const text = (boundId.attributes.get('id') as { text: string }).text;
    return {
      problem: `the <${boundId.tag}> at ${boundId.where} has a bound id (${text}) that may or may not be '${id}'`,
    };
  }
  return { problem: `no element with id '${id}' in ${templateName}` };
}

/**
 * The .vue component a script is part of: itself, or a block's name (`Comp.vue.ts`, the audit's `Comp.vue.script0.ts`).
 */
function componentFileOf(scriptPath: string): string | undefined {
  return /^(.*\.vue)(?:\.script\d+)?(?:\.[cm]?[jt]sx?)?$/i.exec(scriptPath)?.[1];
}

export interface TemplateContext {
  /** The script's path; without it only the script's own JSX can be read. */
  filename?: string;
  /** The component's text, when the script is a block of a .vue component the caller has in hand. */
  componentText?: string;
  lineOf(node: t.Node): number;
  sourceOf(node: t.Node): string;
}

const NO_TEMPLATE = (id: string): ElementLookup => ({ problem: `no template found for id '${id}'` });
const NO_CANVAS_TEMPLATE = (id: CanvasIdArgument): ElementLookup => ({
  problem: `no template found for canvas-id ${canvasIdLabel(id)}`,
});

/**
 * A `<canvas>` in a file the page includes is not the page's alone: moving it would change it for every other page that
 * includes the file, whose contexts may stay legacy.
 */
function inPageFile(found: ElementLookup, page: string): ElementLookup {
  if ('problem' in found) return found;
  const file = found.element.opening?.file;
  if (file === undefined || file === page) return found;
  return {
    problem: `the <canvas> at ${found.element.where} is in a file the page includes, which other pages may include too`,
  };
}

/** A script's template: its component's, the `.wxml` beside it, or its own JSX, tried in that order. */
export function scriptTemplate(program: t.Program, context: TemplateContext): ScriptTemplate {
  const { filename } = context;
  const component = filename && componentFileOf(filename);
  if (component) return vueTemplate(component, filename, context.componentText);
  // A .wxml written beside the script later would become its template.
  let files: string[] = [];
  if (filename && isScriptFile(filename)) {
    const wxml = filename.slice(0, filename.length - path.extname(filename).length) + '.wxml';
    if (fs.existsSync(wxml)) {
      const read = readWxmlTree(wxml, filename);
      const name = path.basename(wxml);
      return {
        lookup: (id) => findById(read, id, name),
        canvas: (id) => inPageFile(findCanvas(read, id, name), wxml),
        files: read.files,
      };
    }
    files = [wxml];
  }
  const label = filename ? path.basename(filename) : 'this file';
  const jsx = readJsx(program, label, context.lineOf, context.sourceOf);
  if (!jsx) return { lookup: NO_TEMPLATE, canvas: NO_CANVAS_TEMPLATE, files };
  const read = { elements: jsx, unreadable: [], unreached: [] };
  return {
    lookup: (id) => findById(read, id, `the JSX of ${label}`),
    canvas: (id) => findCanvas(read, id, `the JSX of ${label}`),
    files,
  };
}

function vueTemplate(component: string, scriptPath: string, text: string | undefined): ScriptTemplate {
  const label = templateLabel(scriptPath, component);
  let source = text;
  try {
    source ??= readSideText(component);
  } catch (error) {
    const problem = `the template could not be read: ${label}: ${(error as Error).message}`;
    return { lookup: () => ({ problem }), canvas: () => ({ problem }), files: [component] };
  }
  const { descriptor, errors } = sfc().parse(source, { filename: component, sourceMap: false });
  const template = descriptor.template;
  const files = [component];
  if (!template) return { lookup: NO_TEMPLATE, canvas: NO_CANVAS_TEMPLATE, files };
  if (template.lang && template.lang !== 'html') {
    const problem = `the template could not be read: <template lang="${template.lang}"> in ${label}`;
    return { lookup: () => ({ problem }), canvas: () => ({ problem }), files };
  }
  const root = template.ast as { children?: unknown[] } | undefined;
  const elements = root
    ? elementsIn(root).map((placed) => {
        const element = markupElement(
          placed.node,
          'vue',
          `${label}:${placed.node.loc.start.line}`,
          markupRendering(placed, 'vue', label).rendering,
        );
        element.opening = { file: component, offset: openingOffset(placed.node) };
        return element;
      })
    : [];
  const error = firstError(errors);
  const read = { elements, unreadable: error ? [`${label}, ${error}`] : [], unreached: [] };
  return { lookup: (id) => findById(read, id, label), canvas: (id) => findCanvas(read, id, label), files };
}

/**
 * What a Vue component's `<template>` reads of its `<script setup>`: each name its expressions
 * use (`@tap="sr({})"`, `{{ n }}`, `v-if`, `:src`) with the line of its first use. Every
 * identifier of an expression that is not a member's property counts (the words of a string
 * too: a name kept for nothing, never one missed). `unread` when the template cannot be read
 * (`<template lang="pug">`, markup that does not parse): then any name may be used there.
 * `members`: the template's own uses of a deprecated API through a name (`Taro.startRecord({})`),
 * which the rewrite leaves as they are, with their places in the component.
 */
export type TemplateNames =
  | {
      lines: ReadonlyMap<string, number>;
      members: readonly TemplateMember[];
      /** Each use of each name: the field it reads (`info.statusBarHeight`), undefined for a use that reads none by name. */
      fields: ReadonlyMap<string, readonly (string | undefined)[]>;
    }
  | { unread: string };

export interface TemplateMember {
  object: string;
  api: LegacyApiName;
  line: number;
  column: number;
}

export function vueTemplateNames(componentText: string, filename: string): TemplateNames {
  const { descriptor, errors } = parseComponent(componentText, filename);
  const template = descriptor.template;
  if (!template) return { lines: new Map(), members: [], fields: new Map() };
  if (template.lang && template.lang !== 'html') return { unread: `<template lang="${template.lang}">` };
  const error = firstError(errors);
  if (error || !template.ast) return { unread: `its template, ${error ?? 'which does not parse'}` };
  const position = positionsOf(componentText);
  const lines = new Map<string, number>();
  const members: TemplateMember[] = [];
  const fields = new Map<string, (string | undefined)[]>();
  const read = (expression: { content: string; loc: { start: { offset: number } } } | undefined) => {
    if (!expression) return;
    for (const use of expression.content.matchAll(API_MEMBER)) {
      const api = use[2] ?? use[3];
      // `a.Taro.startRecord`: not a name of the script
      if (!isLegacyApiName(api) || expression.content[use.index - 1] === '.') continue;
      members.push({ object: use[1], api, ...position(expression.loc.start.offset + use.index) });
    }
    for (const name of expression.content.matchAll(IDENTIFIER)) {
      const at = name.index;
      // `a.b`, `a?.b`: b is a property, not a name (`...b`, a spread, is one).
      if (expression.content[at - 1] === '.' && expression.content.slice(at - 3, at) !== '...') continue;
      if (!lines.has(name[0])) lines.set(name[0], position(expression.loc.start.offset + at).line);
      fields.set(name[0], [...(fields.get(name[0]) ?? []), fieldReadAt(expression.content, at, at + name[0].length)]);
    }
  };
  const visit = (node: { type: number; children?: unknown[]; props?: unknown[]; content?: unknown }) => {
    if (node.type === VUE_INTERPOLATION) read(node.content as Parameters<typeof read>[0]);
    for (const prop of (node.props ?? []) as {
      type: number;
      exp?: Parameters<typeof read>[0];
      arg?: Parameters<typeof read>[0] & { isStatic?: boolean };
    }[]) {
      if (prop.type !== VUE_DIRECTIVE) continue;
      read(prop.exp);
      if (prop.arg && !prop.arg.isStatic) read(prop.arg);
    }
    for (const child of (node.children ?? []) as (typeof node)[]) visit(child);
  };
  visit(template.ast as unknown as Parameters<typeof visit>[0]);
  return { lines, members, fields };
}

/** `.name`, `?.name`, `['name']` right after a name. */
const FIELD_AFTER = /^\s*(?:\??\.\s*([A-Za-z_$][\w$]*)|(?:\?\.)?\[\s*(?:'([\w$]+)'|"([\w$]+)")\s*\])/;
/** An assignment or `++`/`--` after a field, `++`/`--`/`delete` before the name: a write, not a read. */
const WRITE_AFTER = /^\s*(?:(?:[-+*/%&|^]|\*\*|<<|>>>?|&&|\|\||\?\?)?=(?!=)|\+\+|--)/;
const WRITE_BEFORE = /(?:\+\+|--|\bdelete\s)\s*$/;

/** The field a template expression reads of the name at `start`–`end` of `content`, undefined where it reads none. */
function fieldReadAt(content: string, start: number, end: number): string | undefined {
  const read = FIELD_AFTER.exec(content.slice(end));
  if (!read || WRITE_BEFORE.test(content.slice(0, start)) || WRITE_AFTER.test(content.slice(end + read[0].length)))
    return undefined;
  return read[1] ?? read[2] ?? read[3];
}

/**
 * What the template of the component a script block belongs to reads of the block's top-level names, where no door
 * handed it over (the Babel plugin on one block, named `Comp.vue.ts`): with a `<script setup>`, the template sees the
 * top-level names of both blocks; without, none. Undefined for a script of no component, or a text that is none of its
 * blocks (what a loader compiled from them).
 */
export function blockTemplateNames(
  filename: string | undefined,
  sourceText: string | undefined,
  componentText: string | undefined,
): TemplateNames | undefined {
  const component = filename && componentFileOf(filename);
  if (!component || sourceText === undefined) return undefined;
  let text = componentText;
  try {
    text ??= readSideText(component);
  } catch (error) {
    return { unread: `${path.basename(component)}: ${(error as Error).message}` };
  }
  const { descriptor } = parseComponent(text, component);
  const blocks = [descriptor.script, descriptor.scriptSetup];
  if (!blocks.some((block) => block?.content === sourceText)) return undefined;
  return descriptor.scriptSetup
    ? vueTemplateNames(text, component)
    : { lines: new Map(), members: [], fields: new Map() };
}

/**
 * The template texts a script's data may reach, unparsed, and the files tried: a Vue component's `<template>`, or a
 * page's `.wxml` with what it includes (a Taro file's JSX is in the script itself). None for a script of neither.
 */
export function templateTexts(filename: string | undefined, componentText: string | undefined): TemplateTexts {
  const component = filename && componentFileOf(filename);
  if (component) {
    let text = componentText;
    try {
      text ??= readSideText(component);
    } catch {
      return { texts: [], files: [component] };
    }
    const template = parseComponent(text, component).descriptor.template;
    return { texts: template ? [{ file: component, text: template.content }] : [], files: [component] };
  }
  if (!filename || !isScriptFile(filename)) return { texts: [], files: [] };
  const wxml = filename.slice(0, filename.length - path.extname(filename).length) + '.wxml';
  return fs.existsSync(wxml) ? readWxmlTexts(wxml) : { texts: [], files: [wxml] };
}

/** Vue's template node types (@vue/compiler-core's NodeTypes) that hold expressions. */
const VUE_INTERPOLATION = 5;
const VUE_DIRECTIVE = 7;
const IDENTIFIER = /[A-Za-z_$][\w$]*/g;
/** `Taro.startRecord`, `Taro?.startRecord`, `Taro['startRecord']`: a name and the member it reads. */
const API_MEMBER = /([A-Za-z_$][\w$]*)\s*(?:\??\.\s*([A-Za-z_$][\w$]*)|(?:\?\.)?\[\s*['"]([\w$]+)['"]\s*\])/g;
