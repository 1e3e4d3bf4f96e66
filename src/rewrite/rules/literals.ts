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
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0)
    return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/**
 * Written as escapes in a string the rewrite writes: what would end or bend the literal, or not survive the file's
 * UTF-8.
 */
const ESCAPED_IN_STRINGS =
  // eslint-disable-next-line no-control-regex -- control characters are what it escapes
  /[\\\x00-\x1f\x7f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|<(?=\/)/g;

const SHORT_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
  '\v': '\\v',
  '<': '\\x3C',
};

/**
 * `value` as a string literal in `quote`s: the one way the rewrite, and the build's generated
 * modules, write a string into code (an import's module, an element's `src`), so no option or
 * attribute is ever pasted as it is. Escaped: the quote, a backslash, line breaks (U+2028 and
 * U+2029 too, which end a line in the engines before ES2019 that mini-programs run on) and the other
 * control characters, a lone surrogate (UTF-8 has no bytes for it), and the `<` of `</` (a `.vue`
 * block's `</script>` would close the block).
 */
export function codeOfString(value: string, quote: "'" | '"' = "'"): string {
  const escaped = value
    .replace(ESCAPED_IN_STRINGS, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .split(quote)
    .join(`\\${quote}`);
  return `${quote}${escaped}${quote}`;
}
