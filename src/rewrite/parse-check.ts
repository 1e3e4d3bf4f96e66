/**
 * The independent re-parse check run on every text the rewrite hands back: the same
 * parser and options jscodeshift (hence the engine) uses, without the token list and
 * without recast. Loaded on first use.
 */
import * as path from 'path';

interface ParseFn {
  (code: string, options: object): unknown;
}

let verifier: { parse: ParseFn; ts: object; tsx: object; js: object } | undefined;

function loadVerifier() {
  if (verifier) return verifier;
  const jscsDir = path.dirname(require.resolve('jscodeshift/package.json'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const babelParser = require(require.resolve('@babel/parser', { paths: [jscsDir] })) as { parse: ParseFn };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const base = require(path.join(jscsDir, 'parser', 'tsOptions.js')) as { plugins: unknown[] };
  const ts = { ...base, tokens: false };
  const tsx = { ...base, tokens: false, plugins: ['jsx', ...base.plugins] };
  // Plain JS (no typescript plugin) is stricter about redeclared names, which TS merging tolerates.
  const js = { ...base, tokens: false, plugins: ['jsx', ...base.plugins.filter((p) => p !== 'typescript')] };
  verifier = { parse: babelParser.parse, ts, tsx, js };
  return verifier;
}

/** Throws (with Babel's message and position) when `code` does not parse as `parser`. */
export function assertParses(code: string, parser: 'ts' | 'tsx' | 'js'): void {
  const v = loadVerifier();
  const text = code.startsWith('\uFEFF') ? code.slice(1) : code;
  v.parse(text, v[parser]);
}
