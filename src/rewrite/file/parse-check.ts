/**
 * How the codemod parses a script, and the independent re-parse check run on every text
 * the rewrite hands back. One set of @babel/parser options: TypeScript everywhere (plain
 * JavaScript parses as TypeScript), JSX except in `.ts` files (where `<T>x` is a cast),
 * and the proposals legacy code bases still carry (decorators, class properties…).
 * @babel/parser is loaded on first use.
 */
import type { ParserOptions, ParserPlugin } from '@babel/parser';
import type * as t from '@babel/types';
import type { ParserName } from '../rules/file-kinds';

const PROPOSALS: ParserPlugin[] = [
  'decorators-legacy',
  'decoratorAutoAccessors',
  'classProperties',
  'classPrivateMethods',
  'classPrivateProperties',
  'doExpressions',
  'exportDefaultFrom',
  'functionBind',
  'functionSent',
  'importAttributes',
  ['pipelineOperator', { proposal: 'minimal' }],
  'throwExpressions',
];

const BASE: ParserOptions = {
  sourceType: 'module',
  allowImportExportEverywhere: true,
  allowReturnOutsideFunction: true,
  // The matcher reads positions, not attached comments: skipping the attachment is cheaper.
  attachComment: false,
};

/**
 * `js` is the stricter check for Vue blocks written in plain JavaScript (no TypeScript merging of redeclared names).
 */
const OPTIONS: Record<ParserName | 'js', ParserOptions> = {
  ts: { ...BASE, plugins: [...PROPOSALS, 'typescript'] },
  tsx: { ...BASE, plugins: [...PROPOSALS, 'typescript', 'jsx'] },
  js: { ...BASE, plugins: [...PROPOSALS, 'jsx'] },
};

let babelParser: typeof import('@babel/parser') | undefined;

/** Parses a script (without a BOM) as `parser`; throws Babel's SyntaxError (with `loc`) when it does not parse. */
export function parseScript(code: string, parser: ParserName | 'js'): t.File {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  babelParser ??= require('@babel/parser') as typeof import('@babel/parser');
  return babelParser.parse(code, OPTIONS[parser]) as unknown as t.File;
}

/** Throws (with Babel's message and position) when `code` does not parse as `parser`. */
export function assertParses(code: string, parser: ParserName | 'js'): void {
  parseScript(code.startsWith('\uFEFF') ? code.slice(1) : code, parser);
}
