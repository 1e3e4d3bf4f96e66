/**
 * A parser for ESLint that reads a file as the rule does: its text. The rule hands the text to
 * the engine and never reads ESLint's tree, so this parser gives ESLint an empty program, with
 * the file's comments, read by the engine's own parser, for the `eslint-disable` directives
 * ESLint and the rule honour (suppressed.ts). Any syntax the codemod reads goes through it
 * (JSX, TypeScript, decorators, class properties: what Taro 1 and 2 projects are written in),
 * where espree fails on a decorator, and a project whose own ESLint cannot load the rule (Taro
 * 1/2 carry ESLint 5) needs no parser installed beside a separate ESLint 9 (index.ts,
 * `configs.standalone`). Only this rule may run on what it gives: other rules see no code, and
 * ESLint sees only the directives that name this rule (or every rule), written as naming it
 * alone: the project's own directives name the rules of its own ESLint (`react/prop-types`),
 * which ESLint 9 would report as rules it does not know.
 */
import { loadEngine, mightContainLegacyCall, positionsOf, PACKAGE_NAME, type ScriptComment } from '../rewrite/light';
import { packageVersion } from '../package-info';
import { directiveOf } from './suppressed';

/** The names the rule reacts to, whatever its routing options say (the parser does not see them). */
const ANY_ROUTING = { routeRecorderManager: true, routeBackgroundAudioManager: true };

interface Position {
  line: number;
  column: number;
}

interface Located {
  range: [number, number];
  loc: { start: Position; end: Position };
}

/**
 * The directives among the comments that switch `ruleId` off or on again, each as naming that rule alone (or every
 * rule, as written).
 */
function directivesFor(comments: readonly ScriptComment[], ruleId: string): ScriptComment[] {
  return comments.flatMap((comment) => {
    const directive = directiveOf(comment);
    if (!directive || (directive.rules.length > 0 && !directive.rules.includes(ruleId))) return [];
    if (directive.rules.length === 0) return [comment];
    return [
      {
        ...comment,
        value: comment.type === 'Line' ? ` ${directive.label} ${ruleId}` : ` ${directive.label} ${ruleId} `,
      },
    ];
  });
}

/** ESLint's program: no statements, the whole text, and the directives for the rule. */
function emptyProgram(
  code: string,
  filePath: string,
  ruleId: string,
): Located & {
  type: 'Program';
  body: [];
  sourceType: 'module';
  tokens: [];
  comments: (Located & { type: 'Line' | 'Block'; value: string })[];
} {
  const position = positionsOf(code);
  const located = (start: number, end: number): Located => ({
    range: [start, end],
    loc: { start: position(start), end: position(end) },
  });
  // A file the rule leaves alone needs no parse: its directives cannot switch off a report it never makes.
  const comments = mightContainLegacyCall(code, ANY_ROUTING)
    ? directivesFor(loadEngine().scriptComments(code, filePath) ?? [], ruleId)
    : [];
  return {
    type: 'Program',
    body: [],
    sourceType: 'module',
    tokens: [],
    comments: comments.map(({ type, value, start, end }) => ({ type, value, ...located(start, end) })),
    ...located(0, code.length),
  };
}

/** The parser of the config that runs the rule alone, under the id `ruleId` (`record-compat/no-deprecated-api`). */
export function textParserFor(ruleId: string) {
  return {
    meta: { name: `${PACKAGE_NAME}/eslint/text-parser`, version: packageVersion() },
    parseForESLint(code: string, options: { filePath?: string } = {}) {
      // A name the engine takes as a script when ESLint gives none (its parser is chosen from the extension).
      return { ast: emptyProgram(code, options.filePath ?? 'input.tsx', ruleId) };
    },
  };
}
