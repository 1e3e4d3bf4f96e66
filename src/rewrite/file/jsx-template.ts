/**
 * The JSX of a Taro file read as its template, from the script's own tree: its elements (Taro's
 * `<Audio>` among them) and what renders each (a list, a condition, a function, an early return).
 */
import type * as t from '@babel/types';
import { forEachChild, isTransparentWrapper, withoutWrappers } from './scope';
import { staticString } from '../rules/literals';
import { ON_EVENT, type AttributeValue, type Rendering, type TemplateElement } from './template-element';

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

/** The local names of a component of Taro's (`import { Audio } from '@tarojs/components'`, aliases too). */
function taroComponentNames(program: t.Program, component: 'Audio' | 'Canvas'): Set<string> {
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
      if (imported === component) names.add(specifier.local.name);
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
export function readJsx(
  program: t.Program,
  label: string,
  lineOf: (node: t.Node) => number,
  sourceOf: (node: t.Node) => string,
): TemplateElement[] | undefined {
  const openings = jsxElements(program);
  if (openings.length === 0) return undefined;
  const audioNames = taroComponentNames(program, 'Audio');
  const canvasNames = taroComponentNames(program, 'Canvas');
  return openings.map(({ opening, ancestors }) => {
    const tag = opening.name.type === 'JSXIdentifier' ? opening.name.name : sourceOf(opening.name);
    const isAudio = tag === 'audio' || audioNames.has(tag);
    const isCanvas = tag === 'canvas' || canvasNames.has(tag);
    const rendering = isAudio || isCanvas ? jsxRendering(ancestors, label, lineOf, sourceOf) : [];
    const element: TemplateElement = {
      tag,
      isAudio,
      isCanvas,
      opening: { file: undefined, offset: opening.name.end!, jsx: opening },
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
