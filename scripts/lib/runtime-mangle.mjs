/*
 * The runtime's internal fields, shortened by its build. The source names every field in words; a field that only the
 * runtime itself reads ends with an underscore (`state.phase_`), and every output of scripts/build-runtime.mjs writes
 * it as the short name the mangle cache gives it (scripts/runtime-mangle-cache.json, kept in the repository), so that
 * the ES modules, the CommonJS files, the bundle WeChat's npm build copies and the local copies agree, build after
 * build. esbuild shortens them in what it writes (its mangleProps, given the cache); the local copies are written
 * from the sources by TypeScript, and shortenFields() renames them there, at the same places esbuild would (the
 * build checks that both find the same fields). Names that apps call or read never end with an underscore.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { createRequire } from 'node:module';
import { transform } from 'esbuild';

const ts = createRequire(import.meta.url)('typescript');

/** The fields the build shortens: their names end with an underscore. */
export const MANGLED = /_$/;
/** A name the cache may give a field: one that needs no quotes after a dot. */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
// The short names, in the order they are handed out: one character, then two.
const FIRST = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const NEXT = FIRST + '0123456789';
// Keywords of two letters: valid after a dot since ES5, but never handed out.
const KEYWORDS = new Set(['do', 'if', 'in']);

/**
 * Where `text` (TypeScript or JavaScript) names properties: each place a property is written or read in code
 * (`value`: a property access, an object literal's key or method, a destructured key), the members its types declare
 * (`members`), and its strings that read as a name (`strings`: a quoted key, a name looked up at run time). A place
 * is `{ name, start, end, shorthand }`; a shorthand (`{ phase_ }`) names a variable too.
 */
export function propertyPlaces(text, fileName = 'file.ts') {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const value = [];
  const members = new Set();
  const strings = new Set();
  const place = (name, shorthand = false) =>
    value.push({ name: name.text, start: name.getStart(sf), end: name.getEnd(), shorthand });
  const visit = (node) => {
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name)) place(node.name);
    else if (ts.isShorthandPropertyAssignment(node)) place(node.name, true);
    else if (
      (ts.isPropertyAssignment(node) ||
        ts.isMethodDeclaration(node) ||
        ts.isGetAccessorDeclaration(node) ||
        ts.isSetAccessorDeclaration(node) ||
        ts.isPropertyDeclaration(node)) &&
      ts.isIdentifier(node.name)
    )
      place(node.name);
    else if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
      if (node.propertyName && ts.isIdentifier(node.propertyName)) place(node.propertyName);
      else if (!node.propertyName && ts.isIdentifier(node.name)) place(node.name, true);
    } else if ((ts.isPropertySignature(node) || ts.isMethodSignature(node)) && ts.isIdentifier(node.name))
      members.add(node.name.text);
    else if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && IDENTIFIER.test(node.text))
      strings.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { value, members, strings };
}

/** `text` with every field that ends with an underscore written as the cache names it. */
export function shortenFields(text, cache, fileName = 'file.js') {
  let out = text;
  // From the end back, so that each replacement leaves the places before it where they were (a walk of the tree
  // finds `a.b_.c_`'s `c_` before its `b_`).
  const places = propertyPlaces(text, fileName)
    .value.filter((p) => MANGLED.test(p.name))
    .sort((a, b) => b.start - a.start);
  for (const p of places) {
    const short = cache[p.name];
    if (typeof short != 'string') throw new Error(`${fileName}: the field ${p.name} has no short name in the cache`);
    out = out.slice(0, p.start) + (p.shorthand ? `${short}: ${p.name}` : short) + out.slice(p.end);
  }
  return out;
}

/** The names of `text` (a declaration file) that end with an underscore, comments aside: none may be public. */
export function underscoredNames(text) {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const found = new Set();
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan())
    if (token === ts.SyntaxKind.Identifier && MANGLED.test(scanner.getTokenValue())) found.add(scanner.getTokenValue());
  return [...found].sort();
}

export function readMangleCache(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The cache as the repository keeps it: its fields in alphabetical order, one a line. */
export function writeMangleCache(file, cache) {
  const sorted = Object.fromEntries(Object.entries(cache).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  writeFileSync(file, JSON.stringify(sorted, null, 2) + '\n');
}

/** The short names in the order they are handed out. */
function* shortNames() {
  yield* FIRST;
  for (const a of FIRST) for (const b of NEXT) if (!KEYWORDS.has(a + b)) yield a + b;
}

/**
 * The fields of the runtime's sources (`{ path, text }` each: its file in the repository and its TypeScript), counted,
 * and the names a short name must not take (every other property name there); `problems` gets a field written as a
 * string (the build shortens the field, not the string) and a field esbuild would not find where this scan finds it.
 */
async function fieldsOf(sources, problems) {
  const uses = new Map();
  const taken = new Set();
  for (const { path, text } of sources) {
    const { value, members, strings } = propertyPlaces(text, path);
    for (const p of value)
      if (MANGLED.test(p.name)) uses.set(p.name, (uses.get(p.name) ?? 0) + 1);
      else taken.add(p.name);
    for (const n of members) if (!MANGLED.test(n)) taken.add(n);
    for (const n of strings)
      if (!MANGLED.test(n)) taken.add(n);
      else
        problems.push(
          `${path}: '${n}' is written as a string: the build shortens the field ${n}, never a string (a field ending with _ is read and written by its name only)`,
        );
    const { mangleCache } = await transform(text, { loader: 'ts', mangleProps: MANGLED, mangleCache: {} });
    const found = Object.keys(mangleCache ?? {});
    const mine = new Set(value.filter((p) => MANGLED.test(p.name)).map((p) => p.name));
    if (found.length !== mine.size || found.some((n) => !mine.has(n)))
      problems.push(
        `${path}: esbuild shortens the fields ${found.sort().join(', ') || 'none'}, the local copies' scan finds ${[...mine].sort().join(', ') || 'none'}`,
      );
  }
  return { uses, taken };
}

/**
 * The cache the runtime's sources need, from the repository's `committed` one: a field keeps its short name; a field
 * no source has any longer goes, and so does a short name two fields share or that a property of the runtime has; a
 * new field gets the first short name left, the most used fields first. Returns it, with what changed.
 */
export async function freshMangleCache(committed, sources, problems = []) {
  const { uses, taken } = await fieldsOf(sources, problems);
  const cache = {};
  const given = new Set();
  const dropped = [];
  for (const [field, short] of Object.entries(committed).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const keep =
      uses.has(field) && typeof short == 'string' && IDENTIFIER.test(short) && !given.has(short) && !taken.has(short);
    if (keep) {
      cache[field] = short;
      given.add(short);
    } else dropped.push(field);
  }
  const added = [...uses.keys()]
    .filter((field) => !(field in cache))
    .sort((a, b) => uses.get(b) - uses.get(a) || (a < b ? -1 : 1));
  const names = shortNames();
  for (const field of added) {
    let short;
    do short = names.next().value;
    while (given.has(short) || taken.has(short));
    cache[field] = short;
    given.add(short);
  }
  return { cache, added, dropped };
}

/**
 * The short names of the runtime's internal fields (`sources`, as freshMangleCache takes them): the repository's cache
 * `file`, unless the sources need another one (a new field, one gone); then `update` writes that one, else `problems`
 * gets the change.
 */
export async function mangleCacheFor(file, sources, update, problems) {
  const committed = readMangleCache(file);
  const { cache, added, dropped } = await freshMangleCache(committed, sources, problems);
  if (added.length === 0 && dropped.length === 0) return cache;
  const change = [
    added.length ? `new: ${added.map((name) => `${name} -> ${cache[name]}`).join(', ')}` : '',
    dropped.length ? `gone: ${dropped.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  const name = relative(process.cwd(), file);
  if (update) {
    writeMangleCache(file, cache);
    console.log(`${name} updated (${change}): commit it with the sources`);
  } else
    problems.push(
      `${name} is stale for the runtime's internal fields (${change}): npm run build:runtime -- --update-mangle-cache writes it`,
    );
  return cache;
}

/** A problem for each field of `code` (JavaScript an output holds) that ends with an underscore: none is left. */
export const unshortened = (code, output) =>
  [
    ...new Set(
      propertyPlaces(code, output)
        .value.map((p) => p.name)
        .filter((name) => MANGLED.test(name)),
    ),
  ].map((name) => `${output}: the internal field ${name} is not shortened`);

/** What esbuild is given to shorten the fields: the cache, which must name every one (no new name in one output). */
export const shortening = (cache) => ({ mangleProps: MANGLED, mangleCache: cache });
export function checkShortened(output, cache, { mangleCache }) {
  const invented = Object.keys(mangleCache ?? {}).filter((name) => !(name in cache));
  return invented.length ? [`${output}: esbuild shortened ${invented.join(', ')}, which the cache does not name`] : [];
}
