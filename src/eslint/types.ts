/**
 * The little of ESLint's rule API the door uses, typed here so that the published types
 * need neither `eslint` (9 ships its own types, 8 does not) nor `@types/eslint`. Both
 * ESLint 8.57 and 9 hand a rule these; the accessor methods (`getSourceCode()`, …) are
 * ESLint 8's older spelling of the properties, gone in 9.
 */
import { jsonSchemaOf, PACKAGE_NAME } from '../rewrite/light';
import { packageVersion } from '../package-info';

export interface Fix {
  range: [number, number];
  text: string;
}

export interface Fixer {
  replaceTextRange(range: [number, number], text: string): Fix;
}

/** A comment as ESLint's parsers give it (lines from 1, columns from 0). */
export interface Comment {
  type: 'Line' | 'Block' | 'Shebang';
  value: string;
  loc: { start: { line: number; column: number }; end: { line: number; column: number } };
}

/** A token as ESLint's parsers give it: its text, and where it is in the text the parser read. */
export interface Token {
  value: string;
  range: [number, number];
}

/** The little of an ESTree node the rule reads (a top-level import or require of the runtime). */
export interface Node {
  type: string;
  loc?: { start: { line: number; column: number } };
  value?: unknown;
  name?: string;
  source?: Node;
  callee?: Node;
  object?: Node;
  arguments?: Node[];
  declarations?: { init?: Node | null }[];
}

export interface SourceCode {
  /** The file's text without its byte-order mark (ESLint 9: without a second one too, see handed-text.ts). */
  text: string;
  /** Whether the file started with a byte-order mark. */
  hasBOM: boolean;
  ast: { tokens?: Token[]; body?: Node[] };
  getAllComments(): Comment[];
  getIndexFromLoc(loc: { line: number; column: number }): number;
  getLocFromIndex(index: number): { line: number; column: number };
}

export interface RuleContext {
  /** The rule's name as the config spells it (`record-compat/no-deprecated-api`): what a disable comment names. */
  id: string;
  options: unknown[];
  filename?: string;
  physicalFilename?: string;
  sourceCode?: SourceCode;
  getFilename?(): string;
  getPhysicalFilename?(): string;
  getSourceCode?(): SourceCode;
  /** ESLint's working folder (ESLint 8.40+ and 9; getCwd before). */
  cwd?: string;
  getCwd?(): string;
  report(descriptor: {
    loc: { line: number; column: number };
    messageId: string;
    data?: Record<string, string>;
    fix?: ((fixer: Fixer) => Fix) | null;
  }): void;
}

/**
 * The rule's page, in the package as published (docs/rules/ ships with it), at this version: each message and what to
 * do about it.
 */
export const RULE_DOCS_PATH = 'docs/rules/no-deprecated-api.md';
const DOCS_URL = `https://unpkg.com/${PACKAGE_NAME}@${packageVersion()}/${RULE_DOCS_PATH}`;

/** The rule's `meta`: its messages, its fix, and its options' schema from the options table. */
export function ruleMeta() {
  return {
    type: 'problem' as const,
    docs: {
      description:
        'Deprecated mini-program APIs (startRecord, getSystemInfoSync, arrayBufferToBase64, createCanvasContext, …): each place the codemod rewrites or lists, fixed as the codemod fixes it',
      recommended: true,
      url: DOCS_URL,
    },
    fixable: 'code' as const,
    schema: [jsonSchemaOf('eslint')],
    messages: {
      deprecated:
        "{{name}} is deprecated (base library {{since}}): use {{runtimeExport}} from '{{source}}', built on {{replacement}}()",
      deprecatedPlain:
        "{{name}} is deprecated (base library {{since}}): use {{runtimeExport}} from '{{source}}', plain code the same on every platform",
      renamed: '{{name}} is the old name of {{renamedTo}}, the same API: use {{renamedTo}}',
      moved:
        '{{name}} at the top of the options is the old form (base library {{since}} reads it from {{movedUnder}}): move it under {{movedUnder}}',
      written:
        '{{name}} is deprecated (base library {{since}}): write {{runtimeExport}} on the same context, which the legacy context has too',
      fixWithheld:
        "{{name}} is deprecated (base library {{since}}): use {{runtimeExport}} from '{{source}}', built on {{replacement}}(); no fix is offered in this file: it would also rewrite the place an eslint-disable comment keeps at line {{kept}} (migrate the file with the codemod, or drop the comment)",
      notImportable: '{{name}} is deprecated (base library {{since}}), and cannot be fixed here: {{reason}}',
      routed:
        "{{name}}: this project has {{calls}}, so the app's own {{replacement}}() goes through {{runtimeExport}} from '{{source}}', which shares the one {{manager}} with them",
      routedNotImportable: '{{preamble}}{{reason}}',
      manual: '{{reason}}',
      undecided:
        "{{api}}: cannot tell whether this project has {{calls}}, which would route the app's own {{api}}() through the runtime ({{reason}}); it is left as it is: set the rule's option {{option}} to decide",
      failed: 'the migration cannot check this file: {{reason}}',
      // A reason said at an earlier place of the file is not said again: these name the line where it was.
      notImportableRepeated:
        '{{name}} is deprecated (base library {{since}}), and cannot be fixed here: same reason as line {{line}}',
      routedNotImportableRepeated: '{{name}}: cannot be fixed here, same reason as line {{line}}',
      fixWithheldRepeated:
        "{{name}} is deprecated (base library {{since}}): use {{runtimeExport}} from '{{source}}'; no fix is offered in this file, same reason as line {{line}}",
      manualRepeated: '{{subject}}: left for a person, same reason as line {{line}}',
      undecidedRepeated: '{{api}}: left as it is, same reason as line {{line}}',
      copiesUnknown: '{{warning}}',
      runtimeUnlisted: '{{words}}',
    },
  };
}
