/**
 * Strings a script states outright, read the same way by the matcher (a member's static name),
 * the element calls (the id of `createAudioContext('myAudio')`) and the JSX template reader
 * (`<Audio src='…'>`). Both parsers' shapes: Babel's StringLiteral, ESTree's (oxc) Literal.
 */
import type * as t from '@babel/types';

/** A string literal's value: Babel's StringLiteral, ESTree's (oxc) Literal holding a string. */
export function stringValue(node: t.Node | null | undefined): string | undefined {
  if (node?.type === 'StringLiteral') return node.value;
  const literal = node as { type?: string; value?: unknown } | null | undefined;
  return literal?.type === 'Literal' && typeof literal.value === 'string' ? literal.value : undefined;
}

/** A string known without running the code: a string literal, or a template literal without `${}`. */
export function staticString(node: t.Node | null | undefined): string | undefined {
  const literal = stringValue(node);
  if (literal !== undefined) return literal;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}
