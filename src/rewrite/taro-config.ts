/**
 * What a Taro project's config (`config/index.ts` / `.js`) says Taro copies without compiling:
 * the `from` of each pattern of its `copy` option. Read from the config's text, not run (a
 * config is code that imports the project's own modules): a `from` written as a string (or a
 * template without placeholders) is taken; one built by code (a variable, a call) is not known.
 */
import type * as t from '@babel/types';
import { parserForFile } from './file-kinds';
import { parseScript } from './parse-check';

/**
 * Each pattern's `from` a config's text names, as written (relative to the project: a folder,
 * a file or a glob); none for a config that does not parse.
 */
export function copyPatternsIn(text: string, file: string): string[] {
  const froms: string[] = [];
  let program: t.File;
  try {
    program = parseScript(text.startsWith('\uFEFF') ? text.slice(1) : text, parserForFile(file) ?? 'tsx');
  } catch {
    return froms;
  }
  visit(program, (node) => {
    if (node.type !== 'ObjectProperty' || keyName(node) !== 'copy') return;
    const patterns = node.value.type === 'ObjectExpression' ? node.value.properties.find((p) => p.type === 'ObjectProperty' && keyName(p) === 'patterns') : undefined;
    if (!patterns || patterns.type !== 'ObjectProperty' || patterns.value.type !== 'ArrayExpression') return;
    for (const element of patterns.value.elements) {
      const from = element?.type === 'ObjectExpression' ? element.properties.find((p) => p.type === 'ObjectProperty' && keyName(p) === 'from') : undefined;
      const value = from?.type === 'ObjectProperty' ? literalText(from.value) : undefined;
      if (value) froms.push(value);
    }
  });
  return froms;
}

function keyName(property: t.ObjectProperty): string | undefined {
  if (property.computed) return property.key.type === 'StringLiteral' ? property.key.value : undefined;
  return property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : undefined;
}

function literalText(node: t.Node): string | undefined {
  if (node.type === 'StringLiteral') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
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
