/*
 * The runtime's two forms of a module that asks whether it is in a Taro build for WeChat. Every Taro build replaces
 * process.env.TARO_ENV with the platform's name in each module it bundles, so a family that writes
 * `process.env.TARO_ENV == 'weapp'` (or `!=`) where WeChat needs less has a bundler drop the other platforms' code
 * there. The test is written at each place, never kept in a variable: esbuild folds a top-level constant only in a
 * module that imports nothing. Only the Taro entry may read it: the native and H5 entries, and the local copies, run
 * where nothing defines `process`. For them the build folds every test as false (foldWeChatBuild), so their form of
 * the module is the code for every platform, as written, and reads nothing of `process`.
 */
import { createRequire } from 'node:module';

const ts = createRequire(import.meta.url)('typescript');

/** Whether `text` (a module's source) asks whether it is in a Taro build for WeChat. */
export const readsTaroEnv = (text) => /\bprocess\.env\.TARO_ENV\b/.test(text);

const isTaroEnv = (node) =>
  ts.isPropertyAccessExpression(node) &&
  node.name.text === 'TARO_ENV' &&
  ts.isPropertyAccessExpression(node.expression) &&
  node.expression.name.text === 'env' &&
  ts.isIdentifier(node.expression.expression) &&
  node.expression.expression.text === 'process';

const EQUALS = new Set([ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken]);
const DIFFERS = new Set([ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken]);

/**
 * The value of `node` outside a Taro build for WeChat when it is the test `process.env.TARO_ENV == 'weapp'` (false) or
 * `!= 'weapp'` (true); undefined for anything else.
 */
function testValue(node) {
  if (!ts.isBinaryExpression(node) || !isTaroEnv(node.left)) return undefined;
  if (!ts.isStringLiteral(node.right) || node.right.text !== 'weapp') return undefined;
  const op = node.operatorToken.kind;
  return EQUALS.has(op) ? false : DIFFERS.has(op) ? true : undefined;
}

const lineStart = (text, pos) => text.lastIndexOf('\n', pos - 1) + 1;
const column = (text, pos) => pos - lineStart(text, pos);

// `code`'s lines after the first, `by` columns less indented (its first line takes the place of the code it replaces).
const dedent = (code, by) =>
  by <= 0
    ? code
    : code
        .split('\n')
        .map((line, i) => (i === 0 ? line : line.replace(new RegExp(`^ {0,${by}}`), '')))
        .join('\n');

/** A statement removed with its own lines (the comments above it too) where it has them to itself. */
function removal(text, statement) {
  const start = statement.getStart();
  const from = lineStart(text, start);
  const ownLine = text.slice(from, start).trim() === '';
  const fullStart = statement.getFullStart();
  const trivia = text.slice(fullStart, start);
  const firstLine = trivia.indexOf('\n');
  const begin = ownLine && firstLine >= 0 ? fullStart + firstLine + 1 : start;
  let end = statement.getEnd();
  const rest = text.slice(end).match(/^[ \t]*\r?\n/);
  if (ownLine && rest) end += rest[0].length;
  return { start: begin, end, code: '' };
}

/** The edit that puts the branch `kept` (a statement, or nothing) in the place of the if statement `node`. */
function ifEdit(text, node, kept) {
  const start = node.getStart();
  const statementList = ts.isBlock(node.parent) || ts.isSourceFile(node.parent) || ts.isCaseClause(node.parent);
  if (!kept || (ts.isBlock(kept) && kept.statements.length === 0))
    // Where a statement must stay (the body of a loop, an else), the fold leaves it to the source's author.
    return statementList ? removal(text, node) : undefined;
  if (ts.isBlock(kept) && statementList) {
    // The block's statements, comments included, in the if's place.
    const first = kept.statements[0];
    const from = first.getStart();
    const leading = ts.getLeadingCommentRanges(text, first.getFullStart()) ?? [];
    const codeStart = leading.length ? leading[0].pos : from;
    const code = text.slice(codeStart, kept.statements[kept.statements.length - 1].getEnd());
    return { start, end: node.getEnd(), code: dedent(code, column(text, codeStart) - column(text, start)) };
  }
  const code = text.slice(kept.getStart(), kept.getEnd());
  return { start, end: node.getEnd(), code: dedent(code, column(text, kept.getStart()) - column(text, start)) };
}

/**
 * The edit folding the test `node` (its value outside a WeChat build: `value`), or a problem: the test may be an if
 * statement's condition, a conditional's, or the left of `||` (`== 'weapp' || x`) or `&&` (`!= 'weapp' && x`).
 */
function foldEdit(text, node, value) {
  let at = node;
  while (ts.isParenthesizedExpression(at.parent)) at = at.parent;
  const parent = at.parent;
  if (ts.isIfStatement(parent) && parent.expression === at)
    return ifEdit(text, parent, value ? parent.thenStatement : parent.elseStatement);
  // The operand kept in the place of the whole expression (without its own parentheses where the whole has some).
  const keep = (whole, kept) => {
    const inParentheses = ts.isParenthesizedExpression(whole.parent);
    const bare = inParentheses && ts.isParenthesizedExpression(kept) ? kept.expression : kept;
    // `(test || f(x))` becomes `f(x)`: a call, a property or a name needs no parentheses (but after `new`).
    const tight = ts.isCallExpression(bare) || ts.isPropertyAccessExpression(bare) || ts.isIdentifier(bare);
    const replaced = inParentheses && tight && !ts.isNewExpression(whole.parent.parent) ? whole.parent : whole;
    return { start: replaced.getStart(), end: replaced.getEnd(), code: text.slice(bare.getStart(), bare.getEnd()) };
  };
  if (ts.isConditionalExpression(parent) && parent.condition === at)
    return keep(parent, value ? parent.whenTrue : parent.whenFalse);
  if (ts.isBinaryExpression(parent) && parent.left === at) {
    const op = parent.operatorToken.kind;
    if ((op === ts.SyntaxKind.BarBarToken && !value) || (op === ts.SyntaxKind.AmpersandAmpersandToken && value))
      return keep(parent, parent.right);
  }
  return undefined;
}

/**
 * `source` (a module's) as the build writes it for the native and H5 entries and the local copies: each test of a
 * Taro build for WeChat folded as false, its branch for other platforms kept as written, the other gone, and the
 * declaration of `process` gone with the last read. Returns `{ text, problems }`: a test where the fold cannot take
 * it, or another read of process.env.TARO_ENV, is a problem, named with its file and line (the text is then `source`).
 */
export function foldWeChatBuild(source, fileName = 'module.ts') {
  const problems = [];
  let text = source;
  let folded = false;
  for (;;) {
    const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
    let edit;
    let stray;
    const visit = (node) => {
      if (edit || stray) return;
      const value = testValue(node);
      if (value !== undefined) {
        edit = foldEdit(text, node, value);
        if (!edit) stray = node;
        return;
      }
      if (isTaroEnv(node)) {
        stray = node;
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    if (stray) {
      const { line } = sf.getLineAndCharacterOfPosition(stray.getStart());
      problems.push(
        `${fileName}:${line + 1}: the build cannot fold ${stray.getText(sf)} here: test \`process.env.TARO_ENV == 'weapp'\` or \`!= 'weapp'\` as an if's or a conditional's condition, or on the left of || (==) or && (!=)`,
      );
      return { text: source, problems };
    }
    if (!edit) break;
    text = text.slice(0, edit.start) + edit.code + text.slice(edit.end);
    folded = true;
  }
  if (!folded) return { text, problems };
  // The module's own declaration of `process` goes once nothing reads it.
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const reads = (node) =>
    (ts.isIdentifier(node) && node.text === 'process' && !ts.isVariableDeclaration(node.parent)) ||
    ts.forEachChild(node, reads);
  if (!reads(sf)) {
    const declaration = sf.statements.find(
      (s) =>
        ts.isVariableStatement(s) &&
        s.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword) &&
        s.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === 'process'),
    );
    if (declaration) {
      const edit = removal(text, declaration);
      text = text.slice(0, edit.start) + text.slice(edit.end);
    }
  }
  return { text, problems };
}
