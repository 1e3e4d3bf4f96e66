/**
 * Makes the matcher's edits in the text, at the positions the parse gave: only the bytes
 * the rewrite means to change move, so comments, formatting, an interpreter line, quotes
 * and line endings survive by construction. magic-string does the splicing (and can give
 * the source map of the edit).
 */
import MagicString from 'magic-string';
import type * as t from '@babel/types';
import { codeOfString } from '../rules/literals';
import type { RewriteEdits } from './match-types';
import { moveLifetimesInText } from './component-lifetimes';
import type { ParsedScript } from './parse';
import type { Place } from './scope';

interface FileStyle {
  quote: "'" | '"';
  semicolons: boolean;
}

const MODULE_LINE = /^\s*import\s|^\s*}\s*from\s|\brequire\(\s*['"]/;

/** The quote and semicolon habits of a file, read from its import/require lines (else from all of it). */
function detectStyle(text: string): FileStyle {
  const moduleLines = text.split(/\r?\n/).filter((l) => MODULE_LINE.test(l));
  const sample = moduleLines.length > 0 ? moduleLines.join('\n') : text;
  const singles = (sample.match(/'/g) ?? []).length;
  const doubles = (sample.match(/"/g) ?? []).length;
  const semicolons = moduleLines.length > 0 ? moduleLines.some((l) => /;\s*$/.test(l)) : /;[ \t]*\r?$/m.test(text);
  return { quote: doubles > singles ? '"' : "'", semicolons };
}

/** The three text operations the edits need, at offsets of the script's text. */
export interface TextEdits {
  overwrite(start: number, end: number, content: string): void;
  remove(start: number, end: number): void;
  appendLeft(at: number, content: string): void;
}

/** The edits, and a reading of the script's text between two places as they have made it. */
interface Editor extends TextEdits {
  slice(start: number, end: number): string;
}

/** Edits of a script that sits at `offset` inside a larger text (a .vue component's block). */
function shifted(target: MagicString, offset: number): TextEdits {
  return {
    overwrite: (from, to, content) => void target.overwrite(from + offset, to + offset, content),
    remove: (from, to) => void target.remove(from + offset, to + offset),
    appendLeft: (at, content) => void target.appendLeft(at + offset, content),
  };
}

const start = (node: t.Node): number => node.start!;
const end = (node: t.Node): number => node.end!;

/**
 * A text whose lines end with a lone CR (classic Mac OS), as the line logic here reads it: the
 * same text with each CR an LF, at the same offsets. Other texts are read as they are.
 */
function linesOf(text: string): { lines: string; crOnly: boolean } {
  const crOnly = !text.includes('\n') && text.includes('\r');
  return { lines: crOnly ? text.replace(/\r/g, '\n') : text, crOnly };
}

/**
 * The line ending a new line takes at `at` of `lines` (linesOf): a lone CR in a CR-only file;
 * else the one ending that line, else the file's first.
 */
function eolAt(lines: string, at: number, crOnly: boolean): string {
  if (crOnly) return '\r';
  const newline = lines.indexOf('\n', at);
  if (newline > 0) return lines[newline - 1] === '\r' ? '\r\n' : '\n';
  return lines.includes('\r\n') ? '\r\n' : '\n';
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/** Offset just past the line break that ends the line holding `at` (or the end of the text). */
function nextLineStart(text: string, at: number): number {
  const newline = text.indexOf('\n', at);
  return newline === -1 ? text.length : newline + 1;
}

/** Removes a statement; a statement alone on its line(s) takes its line break with it. */
function removeStatement(editor: TextEdits, text: string, node: t.Node): void {
  let from = start(node);
  let to = end(node);
  const before = text.slice(lineStart(text, from), from);
  const afterEnd = nextLineStart(text, to);
  const after = text.slice(to, afterEnd);
  if (/^[ \t]*$/.test(before) && /^[ \t]*\r?\n?$/.test(after)) {
    from = lineStart(text, from);
    to = afterEnd;
    // Between two blank lines, one of them goes too: no double gap where the statement was.
    const isBlank = (lineAt: number) =>
      lineAt < text.length && /^[ \t]*\r?\n$/.test(text.slice(lineAt, nextLineStart(text, lineAt)));
    if (from > 0 && isBlank(lineStart(text, from - 1)) && isBlank(to)) to = nextLineStart(text, to);
  } else {
    while (text[to] === ' ' || text[to] === '\t') to++;
  }
  editor.remove(from, to);
}

/**
 * Removes the elements at `removed` from a comma-separated list, with their commas: a run
 * followed by a kept element goes up to that element, a run at the end from the kept one before.
 * At least one element stays.
 */
function removeFromList(editor: TextEdits, list: readonly t.Node[], removed: ReadonlySet<t.Node>): void {
  for (let i = 0; i < list.length; i++) {
    if (!removed.has(list[i])) continue;
    let j = i;
    while (j + 1 < list.length && removed.has(list[j + 1])) j++;
    if (j + 1 < list.length) editor.remove(start(list[i]), start(list[j + 1]));
    else editor.remove(end(list[i - 1]), end(list[j]));
    i = j;
  }
}

/**
 * Removes some of an import's specifiers (not all). The named ones go as a list; the braces go
 * with the last of them: `import Taro, { startRecord } from …`. A default or namespace
 * specifier goes with the comma after it (`import Taro, { useLoad }` → `import { useLoad }`),
 * or before it when it comes last.
 */
function removeSpecifiers(
  editor: TextEdits,
  text: string,
  owner: t.ImportDeclaration,
  removed: ReadonlySet<t.Node>,
): void {
  const named = owner.specifiers.filter((x) => x.type === 'ImportSpecifier');
  const unnamed = owner.specifiers.filter((x) => x.type !== 'ImportSpecifier');
  const keptUnnamed = unnamed.filter((x) => !removed.has(x));
  if (named.length > 0 && named.every((x) => removed.has(x))) {
    const brace = text.indexOf('}', end(named[named.length - 1]));
    editor.remove(end(keptUnnamed[keptUnnamed.length - 1]), brace + 1);
  } else removeFromList(editor, named, removed);
  owner.specifiers.forEach((specifier, i) => {
    if (specifier.type === 'ImportSpecifier' || !removed.has(specifier)) return;
    // Up to what stays after it (the brace of the names that stay), else back from what stays before it.
    const keptAfter = owner.specifiers.slice(i + 1).find((x) => !removed.has(x));
    const keptBefore = owner.specifiers
      .slice(0, i)
      .filter((x) => !removed.has(x))
      .pop();
    if (keptAfter)
      editor.remove(
        start(specifier),
        keptAfter.type === 'ImportSpecifier' ? text.indexOf('{', end(specifier)) : start(keptAfter),
      );
    else editor.remove(end(keptBefore!), end(specifier));
  });
}

function removeDeclarations(editor: TextEdits, text: string, removals: Place[]): void {
  const byOwner = new Map<t.Node, { place: Place; removed: Set<t.Node> }>();
  for (const place of removals) {
    const owner = byOwner.get(place.parent!) ?? { place, removed: new Set<t.Node>() };
    owner.removed.add(place.node);
    byOwner.set(place.parent!, owner);
  }
  const emptiedDeclarators = new Map<t.VariableDeclaration, { place: Place; removed: Set<t.Node> }>();
  for (const [owner, { place, removed }] of byOwner) {
    if (owner.type === 'ImportDeclaration') {
      if (owner.specifiers.every((x) => removed.has(x))) removeStatement(editor, text, owner);
      else removeSpecifiers(editor, text, owner, removed);
    } else if (owner.type === 'ObjectPattern') {
      if (owner.properties.some((p) => !removed.has(p))) {
        removeFromList(editor, owner.properties, removed);
        continue;
      }
      // Nothing left to destructure: the declarator goes (and its statement when it was the only one).
      const declaratorPlace = place.up!.up!;
      const declaration = declaratorPlace.parent as t.VariableDeclaration;
      const entry = emptiedDeclarators.get(declaration) ?? { place: declaratorPlace.up!, removed: new Set<t.Node>() };
      entry.removed.add(declaratorPlace.node);
      emptiedDeclarators.set(declaration, entry);
    }
  }
  for (const [declaration, { removed }] of emptiedDeclarators) {
    if (declaration.declarations.every((d) => removed.has(d))) removeStatement(editor, text, declaration);
    else removeFromList(editor, declaration.declarations, removed);
  }
}

/**
 * `wx.onBLEConnectionStateChanged` → `wx.onBLEConnectionStateChange`: the property's name, or a computed string's
 * content between its own quotes.
 */
function renameMembers(editor: TextEdits, edits: RewriteEdits): void {
  for (const { property, to } of edits.renames) {
    if (property.type === 'Identifier') editor.overwrite(start(property), end(property), to);
    else editor.overwrite(start(property) + 1, end(property) - 1, to);
  }
}

function replaceReferences(editor: TextEdits, edits: RewriteEdits): void {
  for (const { place, api } of edits.replacements) {
    const local = edits.localNames.get(api)!;
    const { node, parent } = place;
    if (node.type !== 'Identifier') {
      editor.overwrite(start(node), end(node), local); // `wx.startRecord`, `Taro['stopRecord']`
      continue;
    }
    if (local === node.name) continue;
    // Keep the names other modules and objects see: `export { sr }` → `export { startRecord as sr }`, `{ sr }` → `{ sr:
    // startRecord }`.
    if (parent?.type === 'ExportSpecifier' && place.key === 'local' && start(parent.exported) === start(node)) {
      editor.overwrite(start(parent), end(parent), `${local} as ${node.name}`);
    } else if (
      (parent?.type === 'ObjectProperty' || (parent?.type as string) === 'Property') &&
      (parent as t.ObjectProperty).shorthand &&
      place.key === 'value'
    ) {
      editor.overwrite(start(parent!), end(parent!), `${node.name}: ${local}`);
    } else {
      editor.overwrite(start(node), end(node), local);
    }
  }
}

/**
 * `createAudioContext('a')` → `createAudioContext({ id: 'a', src: '/a.mp3', loop: true })`, the element named with what
 * was read of it: the user's arguments keep their bytes.
 */
function addElementArguments(editor: TextEdits, text: string, edits: RewriteEdits): void {
  if (edits.elementArguments.length === 0) return;
  const { quote } = detectStyle(text);
  for (const { call, attributes } of edits.elementArguments) {
    const fields = [
      attributes.src !== undefined ? `src: ${codeOfString(attributes.src, quote)}` : '',
      attributes.loop ? 'loop: true' : '',
    ].filter(Boolean);
    const id = call.arguments[0];
    editor.appendLeft(start(id), '{ id: ');
    editor.appendLeft(end(id), `, ${fields.join(', ')} }`);
  }
}

/**
 * A legacy context's setters as its properties (Decision C5): `ctx.setFillStyle(c)` → `ctx.fillStyle = c`,
 * `ctx.setShadow(x, y, b, c)` → `ctx.shadowOffsetX = x, ctx.shadowOffsetY = y, …`, the arguments keeping their bytes.
 */
function writeProperties(editor: Editor, edits: RewriteEdits): void {
  for (const { call, properties } of edits.propertyWrites) {
    const member = call.callee as t.MemberExpression;
    const object = editor.slice(start(member.object), end(member.object));
    const args = call.arguments;
    editor.overwrite(start(member.property), start(args[0]), `${properties[0]} = `);
    for (let i = 1; i < args.length; i++)
      editor.overwrite(end(args[i - 1]), start(args[i]), `, ${object}.${properties[i]} = `);
    editor.remove(end(args[args.length - 1]), end(call));
  }
}

/**
 * A further group's declarator after the first (system-info-reads.ts): a destructuring's
 * properties move into their own pattern, with their bytes; a local's reads name the new local.
 */
function addDeclarators(editor: TextEdits, text: string, edits: RewriteEdits): void {
  const moved = new Map<t.ObjectPattern, t.Node[]>();
  for (const added of edits.addedDeclarators) {
    if (added.properties.length > 0)
      moved.set(added.after.id as t.ObjectPattern, [
        ...(moved.get(added.after.id as t.ObjectPattern) ?? []),
        ...added.properties,
      ]);
  }
  // all of a pattern's moved properties in one removal: runs of them go with their commas
  for (const [pattern, properties] of moved) removeFromList(editor, pattern.properties, new Set(properties));
  for (const added of edits.addedDeclarators) {
    const call = `${edits.localNames.get(added.api)!}()`;
    if (added.properties.length > 0) {
      editor.appendLeft(
        end(added.after),
        `, { ${added.properties.map((p) => text.slice(start(p), end(p))).join(', ')} } = ${call}`,
      );
    } else {
      editor.appendLeft(end(added.after), `, ${added.local!} = ${call}`);
      for (const read of added.reads) editor.overwrite(start(read.node), end(read.node), added.local!);
    }
  }
}

/** `authorized(info.cameraAuthorized)`: a read through a runtime function, around the read's own bytes. */
function wrapReads(editor: TextEdits, edits: RewriteEdits): void {
  for (const { place, api } of edits.wrappedReads) {
    editor.appendLeft(start(place.node), `${edits.localNames.get(api)!}(`);
    editor.appendLeft(end(place.node), ')');
  }
}

/** A line comment that is only a script's path: `// pages/index/index.js`. */
const FILE_PATH_LINE = /^\/\/[ \t]*[\w@.~/-]+\.[cm]?[jt]sx?[ \t]*\r?\n$/;

/**
 * A comment about the file, not the code below it: a pragma that tools read only among the
 * comments that open a file (`// @ts-check`, `@flow`, `@jsx h`: TypeScript checks nothing once
 * a statement comes before `@ts-check`), a file-level JSDoc tag, or a license (a block comment
 * opened with `/*!`, `@license`, a copyright line).
 */
const FILE_COMMENT =
  /^\/[*/]!|(?:^|[\s*/])@(?:ts-check|ts-nocheck|flow|noflow|jsx|jsxFrag|jsxImportSource|jsxRuntime|format|prettier|license|preserve|copyright|file|fileoverview|overview|module)\b|\bcopyright\b|\(c\)\s*\d{4}|\bSPDX-License-Identifier\b/i;

/**
 * Where new top-of-file lines go: after the interpreter line and directives; otherwise below
 * a header comment (the comments and blank lines that open the file, up to the last blank
 * line before the code, a first line that names the file, or the last comment about the file:
 * FILE_COMMENT), never between a doc comment and what it documents.
 */
function topInsertion(text: string, script: ParsedScript): { at: number; afterLine: boolean; blankAfter: boolean } {
  const { program, comments, interpreter } = script;
  // Directives: Babel lists them apart; ESTree (oxc) keeps them as the first statements, marked `directive`.
  const directives: { end?: number | null }[] = program.directives ?? [];
  let body: t.Statement[] = program.body;
  if (directives.length === 0) {
    let count = 0;
    while (count < body.length && typeof (body[count] as { directive?: unknown }).directive === 'string') count++;
    directives.push(...body.slice(0, count));
    body = body.slice(count);
  }
  if (directives.length > 0) return { at: directives[directives.length - 1].end!, afterLine: true, blankAfter: false };
  const from = interpreter ? nextLineStart(text, interpreter.end) : 0;
  const first = body[0] ? start(body[0]) : text.length;
  const insideComment = (at: number) => comments.some((c) => c.start < at && at < c.end);
  let at = from;
  for (let lineAt = from; lineAt < first; lineAt = nextLineStart(text, lineAt)) {
    const lineEnd = nextLineStart(text, lineAt);
    const content = text.slice(lineAt, lineEnd);
    // A blank line ends the header so far; a `///` directive (TypeScript's reference) must stay above any code; a first
    // line naming a script file (`// pages/index/index.js`, as WeChat's devtools open every page) documents the file,
    // not the code.
    const header =
      /^[ \t]*\r?\n$/.test(content) || content.startsWith('///') || (lineAt === from && FILE_PATH_LINE.test(content));
    if (lineEnd <= first && !insideComment(lineAt) && header) at = lineEnd;
  }
  at = Math.max(at, endOfFileComments(text, comments, from, first));
  const nextLine = text.slice(at, nextLineStart(text, at));
  return { at, afterLine: false, blankAfter: at > from && nextLine.trim() !== '' && !MODULE_LINE.test(nextLine) };
}

/**
 * The start of the line after the last comment about the file (FILE_COMMENT) among those that open it, alone on its
 * lines; `from` if none.
 */
function endOfFileComments(
  text: string,
  comments: readonly { start: number; end: number }[],
  from: number,
  first: number,
): number {
  let end = from;
  let at = from;
  for (const comment of [...comments].sort((a, b) => a.start - b.start)) {
    // Only the comments that open the file: nothing but white space before each.
    if (comment.start < at || comment.end > first || text.slice(at, comment.start).trim() !== '') break;
    at = comment.end;
    const lineEnd = nextLineStart(text, comment.end);
    if (
      lineEnd <= first &&
      text.slice(comment.end, lineEnd).trim() === '' &&
      FILE_COMMENT.test(text.slice(comment.start, comment.end))
    )
      end = lineEnd;
  }
  return end;
}

function addImports(editor: TextEdits, text: string, edits: RewriteEdits, script: ParsedScript, crOnly: boolean): void {
  const program = script.program;
  if (edits.imports.length === 0) return;
  const style = detectStyle(text);
  const quote = style.quote;
  const semi = style.semicolons ? ';' : '';
  const source = codeOfString(edits.importSource, quote);
  const named = edits.imports.map(({ api, local }) => (api === local ? api : `${api} as ${local}`));
  if (edits.existingImport) {
    const specifiers = edits.existingImport.specifiers;
    editor.appendLeft(end(specifiers[specifiers.length - 1]), `, ${named.join(', ')}`);
    return;
  }
  // One line per file, whatever it takes from the runtime: `const { startRecord, stopRecord: _stopRecord } =
  // require(…)`.
  const properties = edits.imports.map(({ api, local }) => (api === local ? api : `${api}: ${local}`));
  if (edits.existingRequire) {
    const present = edits.existingRequire.properties;
    editor.appendLeft(end(present[present.length - 1]), `, ${properties.join(', ')}`);
    return;
  }
  const lines =
    edits.moduleStyle === 'import'
      ? [`import { ${named.join(', ')} } from ${source}${semi}`]
      : [`${edits.requireKeyword} { ${properties.join(', ')} } = require(${source})${semi}`];
  const imports = program.body.filter((x) => x.type === 'ImportDeclaration');
  if (edits.moduleStyle === 'import' && imports.length > 0) {
    insertLines(editor, text, nextLineStart(text, end(imports[imports.length - 1])), lines, false, crOnly);
    return;
  }
  const place = topInsertion(text, script);
  const at = place.afterLine ? nextLineStart(text, place.at) : place.at;
  // An import declaration ends before a `(`; a require line without `;` would run on into it:
  // `require('…').stopRecord(function () {…})()` still parses, and throws when the page loads.
  if (edits.moduleStyle !== 'import' && !style.semicolons && nextStatementContinuesLine(text, program.body, at))
    lines[lines.length - 1] += ';';
  insertLines(editor, text, at, lines, place.blankAfter, crOnly);
}

/**
 * What a statement can open with that continues the line above it when that line has no `;` (no semicolon is inserted
 * before it).
 */
const CONTINUES_LINE_ABOVE = /[([`+\-/<]/;

/**
 * Whether the first statement at or after `at` opens with a character that would join it to a line ending just before
 * it.
 */
function nextStatementContinuesLine(text: string, body: readonly t.Node[], at: number): boolean {
  const next = body.find((statement) => start(statement) >= at);
  return next !== undefined && CONTINUES_LINE_ABOVE.test(text[start(next)]);
}

/**
 * Inserts whole lines at the start of a line (or at the end of a text without a final line
 * break). Attached to the end of the line above, so they stay even when that line is removed.
 */
function insertLines(
  editor: TextEdits,
  text: string,
  at: number,
  lines: string[],
  blankAfter: boolean,
  crOnly: boolean,
): void {
  const eol = eolAt(text, Math.max(0, at - 1), crOnly);
  if (at === text.length && at > 0 && text[at - 1] !== '\n') editor.appendLeft(at, lines.map((l) => eol + l).join(''));
  else editor.appendLeft(at, lines.map((l) => l + eol).join('') + (blankAfter ? eol : ''));
}

/**
 * The edits made in the text, as a MagicString (its toString() is the new text; it gives the
 * source map). With `alsoInto`, the same edits land in a larger text the script is part of,
 * at its offset (a component's edits).
 */
export function applyEditsToText(
  text: string,
  script: ParsedScript,
  edits: RewriteEdits,
  alsoInto?: { edits: MagicString; offset: number },
): MagicString {
  const own = new MagicString(text);
  const targets: TextEdits[] = [own];
  if (alsoInto) targets.push(shifted(alsoInto.edits, alsoInto.offset));
  const editor: Editor = {
    overwrite: (from, to, content) => targets.forEach((target) => target.overwrite(from, to, content)),
    remove: (from, to) => targets.forEach((target) => target.remove(from, to)),
    appendLeft: (at, content) => targets.forEach((target) => target.appendLeft(at, content)),
    slice: (from, to) => own.slice(from, to),
  };
  // Where lines start and end is read from `lines`; every edit is made in `text` itself.
  const { lines, crOnly } = linesOf(text);
  renameMembers(editor, edits);
  writeProperties(editor, edits);
  replaceReferences(editor, edits);
  addElementArguments(editor, lines, edits);
  addDeclarators(editor, text, edits);
  wrapReads(editor, edits);
  removeDeclarations(editor, lines, edits.removals);
  addImports(editor, lines, edits, script, crOnly);
  // Last: a lifecycle moves with what the edits above made of it.
  moveLifetimesInText(editor, text, edits.lifetimeMoves);
  return own;
}
