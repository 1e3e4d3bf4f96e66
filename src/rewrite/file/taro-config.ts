/**
 * What a Taro project's config (`config/index.ts` / `.js`) says Taro copies without compiling:
 * the `from` of each pattern of its `copy` option. Read from the config's text, not run (a
 * config is code that imports the project's own modules): a `from` written as a string, a
 * template without placeholders, or `path.join` / `path.resolve` of those and `__dirname` is
 * taken; one built otherwise (a variable, another call) is counted as unread.
 */
import * as path from 'path';
import type * as t from '@babel/types';
import { parserForFile } from '../rules/file-kinds';
import { parseScript } from './parse-check';

export interface CopyPatterns {
  /**
   * Each pattern's `from`: as written (relative to the project: a folder, a file or a glob), or absolute where `path.*`
   * built it.
   */
  froms: string[];
  /**
   * Patterns (or a whole `copy` option) whose `from` is built by code this reading does not follow; 1 for a config that
   * does not parse.
   */
  unread: number;
}

/** The copy patterns of the config `file` (its text). */
export function copyPatternsIn(text: string, file: string): CopyPatterns {
  const found: CopyPatterns = { froms: [], unread: 0 };
  let program: t.File;
  try {
    program = parseScript(text.startsWith('\uFEFF') ? text.slice(1) : text, parserForFile(file) ?? 'tsx');
  } catch {
    return { froms: [], unread: 1 };
  }
  const dirname = path.dirname(path.resolve(file));
  visit(program, (node) => {
    if (node.type !== 'ObjectProperty' || keyName(node) !== 'copy') return;
    const patterns =
      node.value.type === 'ObjectExpression'
        ? node.value.properties.find((p) => p.type === 'ObjectProperty' && keyName(p) === 'patterns')
        : undefined;
    if (!patterns || patterns.type !== 'ObjectProperty' || patterns.value.type !== 'ArrayExpression') {
      // An empty `copy: {}` copies nothing; anything else is code.
      if (!(node.value.type === 'ObjectExpression' && !patterns)) found.unread++;
      return;
    }
    for (const element of patterns.value.elements) {
      const from =
        element?.type === 'ObjectExpression'
          ? element.properties.find((p) => p.type === 'ObjectProperty' && keyName(p) === 'from')
          : undefined;
      const value = from?.type === 'ObjectProperty' ? valueOf(from.value, dirname) : undefined;
      if (value) found.froms.push(value);
      else if (value === undefined) found.unread++;
    }
  });
  return found;
}

/**
 * A `from` as a string: a literal, or `path.join` / `path.resolve` of literals and `__dirname` (the config's folder).
 */
function valueOf(node: t.Node, dirname: string): string | undefined {
  if (node.type === 'Identifier' && node.name === '__dirname') return dirname;
  const literal = literalText(node);
  if (literal !== undefined || node.type !== 'CallExpression') return literal;
  const callee = node.callee;
  if (
    callee.type !== 'MemberExpression' ||
    callee.object.type !== 'Identifier' ||
    callee.object.name !== 'path' ||
    callee.property.type !== 'Identifier'
  )
    return undefined;
  const how = callee.property.name;
  if (how !== 'join' && how !== 'resolve') return undefined;
  const parts = node.arguments.map((argument) => valueOf(argument, dirname));
  if (parts.some((part) => part === undefined)) return undefined;
  // path.resolve starts from the working directory, which Taro's is the project's: only an absolute result is taken.
  const joined = how === 'join' ? path.join(...(parts as string[])) : path.resolve(...(parts as string[]));
  return how === 'resolve' && !path.isAbsolute(parts[0]!) ? undefined : joined;
}

function keyName(property: t.ObjectProperty): string | undefined {
  if (property.computed) return property.key.type === 'StringLiteral' ? property.key.value : undefined;
  return property.key.type === 'Identifier'
    ? property.key.name
    : property.key.type === 'StringLiteral'
      ? property.key.value
      : undefined;
}

function literalText(node: t.Node): string | undefined {
  if (node.type === 'StringLiteral') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0)
    return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** Every node of the tree, parents first. */
function visit(node: unknown, onNode: (node: t.Node) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) visit(child, onNode);
    return;
  }
  if (!node || typeof node !== 'object' || typeof (node as { type?: unknown }).type !== 'string') return;
  onNode(node as t.Node);
  for (const [key, child] of Object.entries(node)) {
    if (key !== 'loc' && key !== 'extra' && child && typeof child === 'object') visit(child, onNode);
  }
}
