/**
 * The template a script's `createAudioContext(id)` names an element of, read as one shape
 * (TemplateElement) whatever it is written in: a native page's or component's `.wxml` beside
 * the script (with the files its `<include>` and `<import>` name), a Vue component's own
 * `<template>`, or the JSX of a Taro file. WXML and Vue templates go through Vue's own parser
 * (@vue/compiler-sfc, loaded on first use); JSX is read from the script's tree. It only reads:
 * what the element means for the rewrite is decided in element-calls.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as t from '@babel/types';
import { isScriptFile } from '../rules/file-kinds';
import { forEachChild, isTransparentWrapper, withoutWrappers } from './scope';
import { parseComponent, sfc } from './vue-blocks';
import { staticString } from '../rules/literals';
import { appRootAt } from '../project/mini-program-root';
import { readSideText } from '../tree/side-file';
import { positionsOf } from '../rules/text-positions';
import { isLegacyApiName, type LegacyApiName } from '../rules/legacy-apis';

/** An attribute as written: absent, a value the rewrite can read, or bound to data it cannot. */
export type AttributeValue =
  { kind: 'absent' } | { kind: 'static'; value: string | boolean } | { kind: 'bound'; text: string };

export type TemplateSyntax = 'wxml' | 'vue' | 'jsx';

/**
 * What renders an element other than once with its template: a list (`wx:for`, `v-for`, a
 * callback of `.map`), a condition (`wx:if`, `v-else`, `show && …`, an early return), or a
 * function or a WXML `<template>` that may render it any number of times.
 */
export interface Rendering {
  kind: 'repeated' | 'conditional' | 'function';
  /** As written: `wx:for`, `v-if`, `show && …`, `words.map(…)`, `<template name="row">`. */
  by: string;
  /** Where it is: `index.wxml:3`. */
  where: string;
}

export interface TemplateElement {
  /** The tag as written (`audio`, `Audio`, `video`). */
  tag: string;
  /** An `<audio>`: WXML's and Vue's `audio`, or Taro's `<Audio>` from @tarojs/components. */
  isAudio: boolean;
  syntax: TemplateSyntax;
  /** The template's path from the script's folder and the element's line: `index.wxml:12`. */
  where: string;
  attributes: Map<string, AttributeValue>;
  /** The attributes that call the page: `bindended`, `catch:play`, `onEnded`, `@ended`. */
  events: string[];
  /** Why the attributes cannot all be read (`{...props}`, `v-bind="attrs"`). */
  unreadable?: string;
  /** What renders it other than once, the nearest first; empty when it is rendered once with its template. */
  rendering: Rendering[];
}

/** What the template says about an id: its one element, or why that cannot be told. */
export type ElementLookup = { element: TemplateElement } | { problem: string };

/** The template of one script, read once for all of its calls. */
export interface ScriptTemplate {
  lookup(id: string): ElementLookup;
  /**
   * The files other than the script whose text (or absence) the lookups depend on: a page's
   * `.wxml` and what it includes, a component's `.vue`. A build declares them as the module's
   * dependencies, so a change to the template alone rewrites the script again.
   */
  files: readonly string[];
}

/**
 * WXML's event attributes (`bindtap`, `bind:tap`, `catch:tap`, `mut-bind:tap`, `capture-bind:tap`),
 * and `on…` (JSX's `onEnded`, Taro's `onended`), in any case: `bindEnded` counts. An attribute
 * taken for a handler only leaves a call for a person; a handler missed would be lost.
 */
const WXML_EVENT = /^(?:capture-|mut-)?(?:bind|catch)(?::|[a-z])/i;
const ON_EVENT = /^on/i;
/** An attribute value with data binding in it (WXML's `{{…}}`). */
const MUSTACHE = /\{\{[\s\S]*?\}\}/;
/**
 * Files one page's template may pull in through `<include>` / `<import>`: enough for real pages, bounded for cycles.
 */
const MAX_TEMPLATE_FILES = 12;

/** A template's name in messages: its path from the script's folder (`index.wxml`, `../common/player.wxml`). */
function templateLabel(scriptPath: string, file: string): string {
  return path.relative(path.dirname(scriptPath), file).split(path.sep).join('/');
}

// ---- WXML and Vue templates (Vue's parser) --------------------------------------------------

/** The parts of Vue's template AST read here (an element, and its attributes and directives). */
interface ElementNode {
  type: number;
  tag: string;
  loc: { start: { line: number } };
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
function markupElement(
  node: ElementNode,
  syntax: 'wxml' | 'vue',
  where: string,
  rendering: Rendering[],
): TemplateElement {
  const element: TemplateElement = {
    tag: node.tag,
    isAudio: node.tag.toLowerCase() === 'audio',
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

function elementsIn(
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
function markupRendering(
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

/** A WXML file's elements: Vue's parser reads it as a component's template (lines kept: the wrapper opens line 1). */
function parseWxml(text: string): ParsedMarkup {
  const { descriptor, errors } = sfc().parse(`<template>${withoutWxsScripts(text)}</template>`, { sourceMap: false });
  const root = descriptor.template?.ast as { children?: unknown[] } | undefined;
  return { elements: root ? elementsIn(root) : [], error: firstError(errors) };
}

function firstError(
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
 * What was read of a template: its elements, what could not be read (a file that does not
 * parse: no element of it can be trusted) and the files it names that could not be reached
 * (they matter only when the id is not found elsewhere).
 */
interface TemplateRead {
  elements: TemplateElement[];
  unreadable: string[];
  unreached: string[];
}

/**
 * Elements of a page's `.wxml` and of the files its `<include>`s and `<import>`s name (breadth
 * first, bounded), and every file tried, read or not.
 */
function readWxmlTree(page: string, scriptPath: string): TemplateRead & { files: string[] } {
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
      placed.push({ ...site, element: markupElement(node, 'wxml', where, []) });
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

// ---- JSX (the script's own tree) ------------------------------------------------------------

/** A JSX attribute's value: `"x"`, `{'x'}`, `{true}`, a bare `loop` are read; any other expression is bound. */
function jsxValue(value: t.Node | null | undefined, sourceOf: (node: t.Node) => string): AttributeValue {
  if (!value) return { kind: 'static', value: true };
  const text = staticString(value);
  if (text !== undefined) return { kind: 'static', value: text };
  if (value.type !== 'JSXExpressionContainer') return { kind: 'bound', text: sourceOf(value) };
  const inner = staticString(value.expression);
  if (inner !== undefined) return { kind: 'static', value: inner };
  const literal = value.expression as { type: string; value?: unknown };
  if ((literal.type === 'BooleanLiteral' || literal.type === 'Literal') && typeof literal.value === 'boolean')
    return { kind: 'static', value: literal.value };
  return { kind: 'bound', text: sourceOf(value.expression) };
}

/** The local names of Taro's `Audio` component (`import { Audio } from '@tarojs/components'`, aliases too). */
function taroAudioNames(program: t.Program): Set<string> {
  const names = new Set<string>();
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration' || statement.source.value !== '@tarojs/components') continue;
    for (const specifier of statement.specifiers) {
      const imported =
        specifier.type === 'ImportSpecifier'
          ? specifier.imported.type === 'Identifier'
            ? specifier.imported.name
            : specifier.imported.value
          : undefined;
      if (imported === 'Audio') names.add(specifier.local.name);
    }
  }
  return names;
}

/** A JSX element's opening tag, and the nodes around it, the outermost first (its JSXElement last). */
interface PlacedOpening {
  opening: t.JSXOpeningElement;
  ancestors: t.Node[];
}

function jsxElements(node: t.Node, found: PlacedOpening[] = [], ancestors: t.Node[] = []): PlacedOpening[] {
  if (node.type === 'JSXOpeningElement') found.push({ opening: node, ancestors: ancestors.slice() });
  ancestors.push(node);
  forEachChild(node, (child) => jsxElements(child, found, ancestors));
  ancestors.pop();
  return found;
}

const FUNCTIONS = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
]);
const LOOPS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);
/** Calls whose callback renders once per item. */
const LIST_METHODS = new Set(['map', 'flatMap', 'forEach', 'from', 'reduce', 'reduceRight']);
/** Calls that make a component of their function (`memo(() => …)`). */
const COMPONENT_WRAPPERS = new Set(['memo', 'forwardRef', 'observer']);

/** An expression as a short label: `show`, `list.length > 0`, cut at 40 characters. */
function brief(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 40 ? `${one.slice(0, 39)}…` : one;
}

/** A name for a key or an id, as written (`render`, `Player`), or undefined. */
function nameOf(node: t.Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'PrivateName') return node.id.name;
  return staticString(node);
}

/**
 * The function `ancestors[index]` holds the JSX in: a component (rendered once per instance, as
 * its template is), or a function that may render it any number of times. A component is a
 * `render` method, a function named with a capital letter, the default export, or the function of
 * `memo(…)`/`forwardRef(…)`/`observer(…)`; a callback of `.map(…)` repeats it; anything else
 * (a helper `renderItem`, a render prop, `useMemo(…)`) is not known to render it once.
 */
function functionRendering(
  ancestors: t.Node[],
  index: number,
  label: string,
  lineOf: (node: t.Node) => number,
  sourceOf: (node: t.Node) => string,
): Rendering | 'component' {
  const fn = ancestors[index];
  let up = index - 1;
  while (up >= 0 && isTransparentWrapper(ancestors[up])) up--;
  const parent = ancestors[up] as t.Node | undefined;
  let name: string | undefined;
  if (fn.type === 'FunctionDeclaration') name = fn.id?.name;
  else if (fn.type === 'ClassMethod' || fn.type === 'ObjectMethod' || fn.type === 'ClassPrivateMethod')
    name = nameOf(fn.key);
  if (parent) {
    const type = parent.type as string;
    if (type === 'ExportDefaultDeclaration') return 'component';
    if (type === 'VariableDeclarator') name = nameOf((parent as t.VariableDeclarator).id);
    else if (
      [
        'MethodDefinition',
        'Property',
        'ObjectProperty',
        'ClassProperty',
        'PropertyDefinition',
        'ClassPrivateProperty',
      ].includes(type)
    )
      name ??= nameOf((parent as t.ClassProperty).key);
    else if (
      (type === 'CallExpression' || type === 'OptionalCallExpression') &&
      (parent as t.CallExpression).callee !== ancestors[up + 1]
    ) {
      const callee = withoutWrappers((parent as t.CallExpression).callee);
      const called =
        callee.type === 'Identifier'
          ? callee.name
          : callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression'
            ? nameOf(callee.property)
            : undefined;
      if (called && COMPONENT_WRAPPERS.has(called)) return 'component';
      const where = `${label}:${lineOf(parent)}`;
      if (called && LIST_METHODS.has(called)) return { kind: 'repeated', by: `${brief(sourceOf(callee))}(…)`, where };
      return { kind: 'function', by: `the function passed to ${brief(sourceOf(callee))}(…)`, where };
    }
  }
  if (name !== undefined && (name === 'render' || /^[A-Z]/.test(name))) return 'component';
  return { kind: 'function', by: name ?? 'a function', where: `${label}:${lineOf(fn)}` };
}

/**
 * The first `return` of a component's body before the element (not in a function within it) that does not hold the
 * element.
 */
function earlyReturn(fn: t.Node, element: t.Node): t.Node | undefined {
  let found: t.Node | undefined;
  const visit = (node: t.Node): void => {
    if (
      found ||
      (node !== fn && FUNCTIONS.has(node.type)) ||
      node.start == null ||
      element.start == null ||
      node.start >= element.start
    )
      return;
    if (node.type === 'ReturnStatement' && !(node.end != null && element.end != null && node.end >= element.end)) {
      found = node;
      return;
    }
    forEachChild(node, visit);
  };
  visit(fn);
  return found;
}

/**
 * What renders a JSX element other than once with its component: `cond && <Audio/>`, a
 * ternary, an `if`/`switch`, a loop, a `.map(…)` callback or another function around it, a
 * `return` before it; the nearest first.
 */
function jsxRendering(
  ancestors: t.Node[],
  label: string,
  lineOf: (node: t.Node) => number,
  sourceOf: (node: t.Node) => string,
): Rendering[] {
  const rendering: Rendering[] = [];
  const element = ancestors[ancestors.length - 1];
  const at = (node: t.Node) => `${label}:${lineOf(node)}`;
  let child = element;
  for (let index = ancestors.length - 2; index >= 0; child = ancestors[index], index--) {
    const node = ancestors[index];
    if (node.type === 'LogicalExpression' && child === node.right)
      rendering.push({ kind: 'conditional', by: `${brief(sourceOf(node.left))} ${node.operator} …`, where: at(node) });
    else if (node.type === 'ConditionalExpression' && child !== node.test)
      rendering.push({ kind: 'conditional', by: `${brief(sourceOf(node.test))} ? … : …`, where: at(node) });
    else if (node.type === 'IfStatement' && child !== node.test)
      rendering.push({ kind: 'conditional', by: `if (${brief(sourceOf(node.test))})`, where: at(node) });
    else if (node.type === 'SwitchStatement' && child !== node.discriminant)
      rendering.push({ kind: 'conditional', by: `switch (${brief(sourceOf(node.discriminant))})`, where: at(node) });
    else if (LOOPS.has(node.type))
      rendering.push({
        kind: 'repeated',
        by: node.type === 'DoWhileStatement' || node.type === 'WhileStatement' ? 'a while loop' : 'a for loop',
        where: at(node),
      });
    else if (FUNCTIONS.has(node.type)) {
      const role = functionRendering(ancestors, index, label, lineOf, sourceOf);
      if (role === 'component') {
        const early = earlyReturn(node, element);
        if (early) rendering.push({ kind: 'conditional', by: 'the return before it', where: at(early) });
        break;
      }
      rendering.push(role);
    }
  }
  return rendering;
}

/** The JSX elements of a script's tree, in the one shape; undefined when the script has no JSX. */
function readJsx(
  program: t.Program,
  label: string,
  lineOf: (node: t.Node) => number,
  sourceOf: (node: t.Node) => string,
): TemplateElement[] | undefined {
  const openings = jsxElements(program);
  if (openings.length === 0) return undefined;
  const audioNames = taroAudioNames(program);
  return openings.map(({ opening, ancestors }) => {
    const tag = opening.name.type === 'JSXIdentifier' ? opening.name.name : sourceOf(opening.name);
    const isAudio = tag === 'audio' || audioNames.has(tag);
    const rendering = isAudio ? jsxRendering(ancestors, label, lineOf, sourceOf) : [];
    const element: TemplateElement = {
      tag,
      isAudio,
      syntax: 'jsx',
      where: `${label}:${lineOf(opening)}`,
      attributes: new Map(),
      events: [],
      rendering,
    };
    for (const attribute of opening.attributes) {
      if (attribute.type === 'JSXSpreadAttribute') {
        element.unreadable = `{...${sourceOf(attribute.argument)}}`;
        continue;
      }
      const name =
        attribute.name.type === 'JSXIdentifier'
          ? attribute.name.name
          : `${attribute.name.namespace.name}:${attribute.name.name.name}`;
      if (ON_EVENT.test(name)) element.events.push(name);
      else element.attributes.set(name, jsxValue(attribute.value, sourceOf));
    }
    return element;
  });
}

// ---- Finding the id -------------------------------------------------------------------------

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
      return { lookup: (id) => findById(read, id, path.basename(wxml)), files: read.files };
    }
    files = [wxml];
  }
  const label = filename ? path.basename(filename) : 'this file';
  const jsx = readJsx(program, label, context.lineOf, context.sourceOf);
  return {
    lookup: jsx
      ? (id) => findById({ elements: jsx, unreadable: [], unreached: [] }, id, `the JSX of ${label}`)
      : NO_TEMPLATE,
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
    return { lookup: () => ({ problem }), files: [component] };
  }
  const { descriptor, errors } = sfc().parse(source, { filename: component, sourceMap: false });
  const template = descriptor.template;
  const files = [component];
  if (!template) return { lookup: NO_TEMPLATE, files };
  if (template.lang && template.lang !== 'html')
    return {
      lookup: () => ({ problem: `the template could not be read: <template lang="${template.lang}"> in ${label}` }),
      files,
    };
  const root = template.ast as { children?: unknown[] } | undefined;
  const elements = root
    ? elementsIn(root).map((placed) =>
        markupElement(
          placed.node,
          'vue',
          `${label}:${placed.node.loc.start.line}`,
          markupRendering(placed, 'vue', label).rendering,
        ),
      )
    : [];
  const error = firstError(errors);
  const read = { elements, unreadable: error ? [`${label}, ${error}`] : [], unreached: [] };
  return { lookup: (id) => findById(read, id, label), files };
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
  { lines: ReadonlyMap<string, number>; members: readonly TemplateMember[] } | { unread: string };

export interface TemplateMember {
  object: string;
  api: LegacyApiName;
  line: number;
  column: number;
}

export function vueTemplateNames(componentText: string, filename: string): TemplateNames {
  const { descriptor, errors } = parseComponent(componentText, filename);
  const template = descriptor.template;
  if (!template) return { lines: new Map(), members: [] };
  if (template.lang && template.lang !== 'html') return { unread: `<template lang="${template.lang}">` };
  const error = firstError(errors);
  if (error || !template.ast) return { unread: `its template, ${error ?? 'which does not parse'}` };
  const position = positionsOf(componentText);
  const lines = new Map<string, number>();
  const members: TemplateMember[] = [];
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
  return { lines, members };
}

/** Vue's template node types (@vue/compiler-core's NodeTypes) that hold expressions. */
const VUE_INTERPOLATION = 5;
const VUE_DIRECTIVE = 7;
const IDENTIFIER = /[A-Za-z_$][\w$]*/g;
/** `Taro.startRecord`, `Taro?.startRecord`, `Taro['startRecord']`: a name and the member it reads. */
const API_MEMBER = /([A-Za-z_$][\w$]*)\s*(?:\??\.\s*([A-Za-z_$][\w$]*)|(?:\?\.)?\[\s*['"]([\w$]+)['"]\s*\])/g;
