/*
 * The checks every output of the runtime's build passes (scripts/build-runtime.mjs): its syntax is ES2015, a copy for a
 * user's project type-checks under the strictest options a project may set and names no ESLint plugin's rule, and its
 * declarations are what TypeScript emits for it.
 */
import { createRequire } from 'node:module';

// Required, not imported: an import has Node scan TypeScript's 9 MB for its export names first (half a second).
const ts = createRequire(import.meta.url)('typescript');

/** Syntax newer than ES2015 that old mini-program engines choke on. Returns one line per finding. */
export function findPostEs2015Syntax(code, fileName = 'file.js') {
  const sf = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const found = [];
  const at = (node, what) => {
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    found.push(`${fileName}:${line + 1}:${character + 1} ${what}`);
  };
  const visit = (node) => {
    const k = ts.SyntaxKind;
    if (node.questionDotToken) at(node, 'optional chaining (?.)');
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === k.QuestionQuestionToken || op === k.QuestionQuestionEqualsToken) at(node, 'nullish coalescing (??)');
      if (op === k.AsteriskAsteriskToken || op === k.AsteriskAsteriskEqualsToken) at(node, 'exponent operator (**)');
      if (op === k.BarBarEqualsToken || op === k.AmpersandAmpersandEqualsToken) at(node, 'logical assignment');
    }
    if (
      ts.isAwaitExpression(node) ||
      (ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === k.AsyncKeyword))
    )
      at(node, 'async/await');
    if (ts.isSpreadAssignment(node)) at(node, 'object spread');
    if (ts.isBindingElement(node) && node.dotDotDotToken && ts.isObjectBindingPattern(node.parent))
      at(node, 'object rest');
    if (ts.isCatchClause(node) && !node.variableDeclaration) at(node, 'optional catch binding');
    if (ts.isPropertyDeclaration(node)) at(node, 'class field');
    if (node.kind === k.BigIntLiteral) at(node, 'BigInt');
    if (ts.isNumericLiteral(node) && node.getText(sf).includes('_')) at(node, 'numeric separator');
    if (ts.isRegularExpressionLiteral(node)) {
      const text = node.getText(sf);
      const flags = text.slice(text.lastIndexOf('/') + 1);
      if (/[sd]/.test(flags) || text.includes('(?<')) at(node, 'regex feature newer than ES2015');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/**
 * The compiler options a user's project may well have: strict and every stricter flag we
 * know of, so the copied file never breaks their type-check.
 */
export const STRICTEST = {
  strict: true,
  noImplicitReturns: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noPropertyAccessFromIndexSignature: true,
  noFallthroughCasesInSwitch: true,
  isolatedModules: true,
};

/** How a self-contained .ts file is type-checked: the strictest options, ES2015, no DOM and no Node typings. */
export const STANDALONE_CHECK = {
  ...STRICTEST,
  noEmit: true,
  target: ts.ScriptTarget.ES2015,
  module: ts.ModuleKind.ESNext,
  lib: ['lib.es2015.d.ts'],
  types: [],
  skipLibCheck: true,
};

/** Type-check of one self-contained .ts file with no DOM and no Node typings. */
export function typeCheckStandalone(file, extraFiles = []) {
  const program = ts.createProgram([file, ...extraFiles], STANDALONE_CHECK);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n') + (d.file ? ` (${d.file.fileName})` : ''));
}

/**
 * An ESLint directive comment: block (`/* eslint-disable a, b -- why *\/`) or line (`// eslint-disable-next-line a`).
 */
const ESLINT_DIRECTIVE =
  /\/\*\s*(eslint-(?:disable|enable)(?:-next-line|-line)?)\b([\s\S]*?)\*\/|\/\/[ \t]*(eslint-disable(?:-next-line|-line)?)\b([^\n]*)/g;

/** A plugin's rule is named `plugin/rule` (`@typescript-eslint/no-explicit-any`); ESLint's own rules have no slash. */
const isPluginRule = (rule) => rule.includes('/');

/**
 * The ESLint directives of `text` that name a plugin's rule, as `line: directive`: none may
 * reach a copy written into a user's project, whose ESLint may not know the plugin.
 */
export function pluginRuleDirectives(text) {
  const found = [];
  for (const m of text.matchAll(ESLINT_DIRECTIVE)) {
    const rules = (m[2] ?? m[4]).split(/\s--\s|\s--$/)[0];
    if (rules.split(',').some((r) => isPluginRule(r.trim())))
      found.push(`${text.slice(0, m.index).split('\n').length}: ${m[0]}`);
  }
  return found;
}

/**
 * `text` without the plugin rules its ESLint directives name: a directive naming only such
 * rules goes (its line with it, when it is alone on it), one naming ESLint's own rules too
 * keeps those (and its reason).
 */
export function withoutPluginRuleDirectives(text) {
  const DROPPED = '@@record-compat-dropped-directive@@';
  return text
    .replace(ESLINT_DIRECTIVE, (whole, blockKind, blockRest, lineKind, lineRest) => {
      const rest = blockRest ?? lineRest;
      const [rules, ...why] = rest.split(/\s--(?=\s|$)/);
      const names = rules
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean);
      if (!names.some(isPluginRule)) return whole;
      const kept = names.filter((r) => !isPluginRule(r));
      if (kept.length === 0) return DROPPED;
      const reason = why.length ? ` --${why.join(' --')}` : '';
      return blockKind
        ? `/* ${blockKind} ${kept.join(', ')}${reason.trimEnd()} */`
        : `// ${lineKind} ${kept.join(', ')}${reason.trimEnd()}`;
    })
    .replace(new RegExp(`^[ \\t]*${DROPPED}[ \\t]*\\r?\\n`, 'gm'), '')
    .replaceAll(DROPPED, '');
}

/**
 * The declarations of a self-contained .ts file, as TypeScript emits them for it: what sits
 * beside a .js copy, so that TypeScript (an editor, a checkJs project, the audit's --verify)
 * types the callbacks given to the copy's functions as the platform's typings typed them before
 * the migration.
 */
export function standaloneDeclaration(tsFile) {
  let text = null;
  const program = ts.createProgram([tsFile], {
    ...STRICTEST,
    declaration: true,
    emitDeclarationOnly: true,
    removeComments: false,
    // An internal field (`/** @internal */`) is no part of the copy's types: the .js copy writes it shortened.
    stripInternal: true,
    target: ts.ScriptTarget.ES2015,
    module: ts.ModuleKind.ESNext,
    lib: ['lib.es2015.d.ts'],
    types: [],
    skipLibCheck: true,
  });
  const { emitSkipped, diagnostics } = program.emit(program.getSourceFile(tsFile), (name, data) => {
    if (name.endsWith('.d.ts')) text = data;
  });
  if (emitSkipped || text === null)
    throw new Error(
      `standalone declarations: not emitted (${diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join('; ')})`,
    );
  return text;
}
