/**
 * The old lifecycles at the top level of a native `Component({ … })` (or `Behavior({ … })`):
 * `created`, `attached`, `ready`, `moved`, `detached`, `error`, deprecated for their place under
 * `lifetimes` (base library 2.2.3). Each moves under `lifetimes`, made where it is missing, its
 * text (comments included) moving with it; where `lifetimes` already has one of the same name,
 * WeChat runs only that one, so the top-level one is left for a person, as is any place the
 * options cannot be read whole (a spread, a `lifetimes` that is not an object written there).
 * The plan here; the edits in the text and in Babel's tree below.
 */
import type * as t from '@babel/types';
import { legacyApiRow, type LegacyApiName } from '../rules/legacy-apis';
import { stringValue } from '../rules/literals';
import { forEachChild, withoutWrappers, type Place } from './scope';

/** The calls whose options hold lifecycles, as WeChat's typings give both `Component.Lifetimes`. */
const REGISTRARS = ['Component', 'Behavior'];
/** Where the lifecycles go. */
const LIFETIMES = 'lifetimes';

/** A property of an object literal: Babel's ObjectProperty or ObjectMethod, ESTree's Property. */
type Property = t.ObjectProperty | t.ObjectMethod;

/** One options object whose top-level lifecycles move. */
export interface LifetimeMove {
  options: t.ObjectExpression;
  /** The lifecycles that move, in source order. */
  moved: Property[];
  /** The options' own `lifetimes: { … }`, where one is written there: they join it. */
  into: { property: Property; object: t.ObjectExpression } | undefined;
}

/** What the plan says of one top-level lifecycle: moved, or left for a person with the reason. */
export interface LifetimeSite {
  node: Property;
  api: LegacyApiName;
  /** `Component` or `Behavior`. */
  via: string;
  reason?: string;
}

export interface LifetimesPlan {
  moves: LifetimeMove[];
  sites: LifetimeSite[];
}

/** The key of a property written as a name or a string (`attached`, `'attached'`); undefined for a computed one. */
function keyOf(property: t.Node): string | undefined {
  if (
    property.type !== 'ObjectProperty' &&
    property.type !== 'ObjectMethod' &&
    (property.type as string) !== 'Property'
  )
    return undefined;
  const { key, computed } = property as Property;
  if (computed) return undefined;
  return key.type === 'Identifier' ? key.name : stringValue(key);
}

/** Is `name` a deprecated top-level lifecycle (a row `Component.<name>` of the table)? */
function isLifecycle(name: string | undefined): name is string {
  return name !== undefined && legacyApiRow(`Component.${name}`)?.movedUnder === LIFETIMES;
}

/** `Component({ … })` of the global `Component` (or `Behavior`): its name and options, else undefined. */
function registration(place: Place): { via: string; options: t.ObjectExpression } | undefined {
  const call = place.node;
  if (call.type !== 'CallExpression') return undefined;
  const callee = withoutWrappers(call.callee);
  if (callee.type !== 'Identifier' || !REGISTRARS.includes(callee.name)) return undefined;
  const declared = place.scope.lookup(callee.name);
  if (declared && !declared.ambient) return undefined; // the app's own Component
  const options = call.arguments[0] && withoutWrappers(call.arguments[0]);
  return options?.type === 'ObjectExpression' ? { via: callee.name, options } : undefined;
}

/** Why nothing moves out of these options, or undefined: a spread may bring its own lifetimes. */
function unreadableOptions(options: t.ObjectExpression, via: string): string | undefined {
  return options.properties.some((p) => p.type === 'SpreadElement')
    ? `the ${via} options spread another object, which may carry its own lifetimes`
    : undefined;
}

/** The options' `lifetimes` property, and the object it holds when one is written there (else a reason). */
function lifetimesOf(
  options: t.ObjectExpression,
): { into: LifetimeMove['into']; reason?: string } | { into: undefined; reason: string } {
  const property = options.properties.find((p) => keyOf(p) === LIFETIMES) as Property | undefined;
  if (!property) return { into: undefined };
  const value = property.type === 'ObjectProperty' || (property.type as string) === 'Property' ? property : undefined;
  const object =
    value && !(property as { method?: boolean }).method
      ? withoutWrappers((value as t.ObjectProperty).value)
      : undefined;
  if (object?.type !== 'ObjectExpression')
    return { into: undefined, reason: 'lifetimes is not an object written here' };
  if (object.properties.some((p) => p.type === 'SpreadElement'))
    return { into: undefined, reason: 'lifetimes spreads another object, which may hold the same lifecycle' };
  return { into: { property, object } };
}

/** Why this lifecycle cannot move as it is written (a getter, a value that is no function), or undefined. */
function unmovable(property: Property): string | undefined {
  const kind = (property as { kind?: string }).kind;
  if (kind === 'get' || kind === 'set') return `it is a ${kind}ter`;
  if (property.type === 'ObjectMethod' || (property as { method?: boolean }).method) return undefined;
  const value = withoutWrappers((property as t.ObjectProperty).value);
  const callable = ['FunctionExpression', 'ArrowFunctionExpression', 'Identifier', 'MemberExpression'];
  return callable.includes(value.type) ? undefined : 'its value is not a function';
}

/** The plan for one registration's options: what moves, what is for a person and why. */
function planOptions(via: string, options: t.ObjectExpression, plan: LifetimesPlan): void {
  const lifecycles = options.properties.filter((p): p is Property => isLifecycle(keyOf(p)));
  if (lifecycles.length === 0) return;
  const blocked = unreadableOptions(options, via);
  const target = blocked ? { into: undefined, reason: blocked } : lifetimesOf(options);
  const moved: Property[] = [];
  for (const property of lifecycles) {
    const name = keyOf(property)!;
    const api = `Component.${name}` as LegacyApiName;
    const taken = target.into?.object.properties.some((p) => keyOf(p) === name);
    const why = taken
      ? `lifetimes already has its own ${name}, which WeChat runs instead of this one: merge this one into lifetimes.${name} by hand, or delete it`
      : (target.reason ?? unmovable(property));
    const reason = taken ? why : why && `${why}: move it to lifetimes.${name} by hand`;
    if (reason) plan.sites.push({ node: property, api, via, reason: `${via}'s top-level ${name} stays: ${reason}` });
    else {
      moved.push(property);
      plan.sites.push({ node: property, api, via });
    }
  }
  if (moved.length > 0) plan.moves.push({ options, moved, into: target.into });
}

/** Every `Component({ … })` and `Behavior({ … })` of the file, planned: the moves, and a site per old lifecycle. */
export function planLifetimes(places: readonly Place[]): LifetimesPlan {
  const plan: LifetimesPlan = { moves: [], sites: [] };
  for (const place of places) {
    const found = registration(place);
    if (found) planOptions(found.via, found.options, plan);
  }
  return plan;
}

// ---- The edits in the text --------------------------------------------------------

/**
 * The text operations the moves need (apply-text.ts's TextEdits): `slice` reads the text between two places of the
 * original as the other edits have made it (a reference rewritten inside a moving lifecycle moves with it).
 */
interface Editor {
  overwrite(start: number, end: number, content: string): void;
  remove(start: number, end: number): void;
  appendLeft(at: number, content: string): void;
  slice(start: number, end: number): string;
}

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
const indentAt = (text: string, at: number) => /^[ \t]*/.exec(text.slice(lineStart(text, at)))![0];

/**
 * A property's lines: from the first of the comment lines right above it to the line break after
 * it (its comma and a comment after it included). Undefined when it shares a line with other code.
 */
function ownLines(text: string, property: t.Node): { from: number; to: number } | undefined {
  const before = text.slice(lineStart(text, property.start!), property.start!);
  const after = /^[ \t]*,?[ \t]*(?:\/\/[^\n]*|\/\*[^\n]*?\*\/[ \t]*)?\r?\n/.exec(text.slice(property.end!));
  if (!/^[ \t]*$/.test(before) || !after) return undefined;
  let from = lineStart(text, property.start!);
  // Comment lines right above it are its own (a `//` line, or a block comment that ends its line).
  for (;;) {
    const above = lineStart(text, from - 1);
    if (from === 0) break;
    const line = text.slice(above, from).trim();
    if (line.startsWith('//')) from = above;
    else if (line.endsWith('*/')) {
      const open = text.lastIndexOf('/*', from);
      if (open < 0 || text.slice(lineStart(text, open), open).trim() !== '') break;
      from = lineStart(text, open);
    } else break;
  }
  return { from, to: property.end! + after[0].length };
}

/** Does the property hold a template literal across lines (whose text a new indent would change)? */
function holdsMultilineTemplate(node: t.Node, text: string): boolean {
  if (node.type === 'TemplateLiteral' && text.slice(node.start!, node.end!).includes('\n')) return true;
  let found = false;
  forEachChild(node, (child) => {
    found ||= holdsMultilineTemplate(child, text);
  });
  return found;
}

/**
 * A block of lines moved from indent `from` to indent `to`: each line that opens with `from` opens with `to`; left as
 * it is where a template literal spans its lines (a new indent would change the string).
 */
function reindented(block: string, from: string, to: string, keep: boolean): string {
  if (keep) return block;
  return block.replace(/^[ \t]*(?=[^\r\n])/gm, (lead) => (lead.startsWith(from) ? to + lead.slice(from.length) : lead));
}

/** A property's lines as edited, ending with a comma after it (it may be the last of its object). */
function linesWithComma(editor: Editor, text: string, property: t.Node, lines: { from: number; to: number }): string {
  const after = text.slice(property.end!, lines.to);
  return editor.slice(lines.from, property.end!) + (/^[ \t]*,/.test(after) ? '' : ',') + after;
}

/** Is the object literal written over several lines (its closing brace on a line of its own)? */
function isMultiline(text: string, object: t.ObjectExpression): boolean {
  return text.slice(lineStart(text, object.end! - 1), object.end! - 1).trim() === '';
}

/** The moves made in the text, each as the lines of its lifecycles moving under `lifetimes`. */
export function moveLifetimesInText(editor: Editor, text: string, moves: readonly LifetimeMove[]): void {
  for (const move of moves) {
    const lines = move.moved.map((p) => ownLines(text, p));
    const fits = !move.into || move.into.object.properties.length === 0 || isMultiline(text, move.into.object);
    if (fits && lines.every((l) => l !== undefined))
      moveLines(editor, text, move, lines as { from: number; to: number }[]);
    else moveInline(editor, text, move);
  }
}

/** Each lifecycle on lines of its own: its lines move, one step further in. */
function moveLines(editor: Editor, text: string, move: LifetimeMove, lines: { from: number; to: number }[]): void {
  const indent = indentAt(text, move.moved[0].start!);
  const outer = indentAt(text, move.options.start!);
  const step = indent.startsWith(outer) && indent.length > outer.length ? indent.slice(outer.length) : '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  // Read before any of their lines goes: the edits' text of each lifecycle, at its new indent.
  const edited = move.moved.map((p, i) => linesWithComma(editor, text, p, lines[i]));
  const blocks = (to: string) =>
    move.moved.map((p, i) => reindented(edited[i]!, indent, to, holdsMultilineTemplate(p, text))).join('');
  if (!move.into) {
    const block = `${indent}${LIFETIMES}: {${eol}${blocks(indent + step)}${indent}},${eol}`;
    lines.slice(1).forEach(({ from, to }) => editor.remove(from, to));
    editor.overwrite(lines[0].from, lines[0].to, block);
    return;
  }
  const { object, property } = move.into;
  const last = object.properties[object.properties.length - 1];
  const own = indentAt(text, property.start!);
  const joined = blocks(last ? indentAt(text, last.start!) : own + step);
  lines.forEach(({ from, to }) => editor.remove(from, to));
  if (!last) {
    editor.overwrite(object.start!, object.end!, `{${eol}${joined}${own}}`);
    return;
  }
  if (!/^[ \t]*,/.test(text.slice(last.end!))) editor.appendLeft(last.end!, ',');
  editor.appendLeft(lineStart(text, object.end! - 1), joined);
}

/** Lifecycles that share lines with other code: moved as a list, `lifetimes: { a() {}, b() {} }`. */
function moveInline(editor: Editor, text: string, move: LifetimeMove): void {
  const texts = move.moved.map((p) => editor.slice(p.start!, p.end!));
  const properties = move.options.properties;
  // Without a lifetimes to join, the first lifecycle's place takes the new one; the others go with their commas.
  const removed = new Set<t.Node>(move.into ? move.moved : move.moved.slice(1));
  for (let i = 0; i < properties.length; i++) {
    if (!removed.has(properties[i])) continue;
    let j = i;
    while (j + 1 < properties.length && removed.has(properties[j + 1])) j++;
    if (j + 1 < properties.length) editor.remove(properties[i].start!, properties[j + 1].start!);
    else editor.remove(properties[i - 1].end!, properties[j].end!);
    i = j;
  }
  if (!move.into) {
    const first = move.moved[0];
    editor.overwrite(first.start!, first.end!, `${LIFETIMES}: { ${texts.join(', ')} }`);
    return;
  }
  const object = move.into.object;
  if (object.properties.length === 0) editor.overwrite(object.start!, object.end!, `{ ${texts.join(', ')} }`);
  else editor.appendLeft(object.properties[object.properties.length - 1].end!, `, ${texts.join(', ')}`);
}

// ---- The edits in Babel's tree ----------------------------------------------------

/** The moves made in Babel's tree (the build's door): the same nodes, under `lifetimes`. */
export function moveLifetimesInTree(moves: readonly LifetimeMove[], types: typeof import('@babel/types')): void {
  for (const move of moves) {
    const properties = move.options.properties;
    const at = properties.indexOf(move.moved[0]);
    const moved = new Set<t.Node>(move.moved);
    if (move.into) {
      move.into.object.properties.push(...move.moved);
      move.options.properties = properties.filter((p) => !moved.has(p));
      continue;
    }
    const lifetimes = types.objectProperty(types.identifier(LIFETIMES), types.objectExpression([...move.moved]));
    lifetimes.loc = move.moved[0].loc;
    move.options.properties = properties.flatMap((p, i) => (i === at ? [lifetimes] : moved.has(p) ? [] : [p]));
  }
}
