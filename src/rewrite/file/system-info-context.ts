/**
 * What a system-info plan reads beyond the call's own uses (system-info-reads.ts, FieldReadContext):
 * the template's uses of a top-level local of a Vue component with a `<script setup>`, and where the
 * file or its template reads a field of a given name. Each is read once, on the first question.
 */
import * as path from 'path';
import type * as t from '@babel/types';
import { staticPropertyName } from './api-object';
import { staticString } from '../rules/literals';
import { forEachChild, type Declaration, type ScopeInfo } from './scope';
import { blockTemplateNames, templateTexts, type TemplateNames } from './template';
import type { MatchContext } from './match-types';
import type { FieldReadContext } from './system-info-uses';

/**
 * The answers for one file. `lineOf` gives a node's line; `templateRead` hears of every template file the answers
 * read (the report lists them: a build watches them).
 */
export function fieldReadContext(
  program: t.Program,
  scopes: ScopeInfo,
  context: MatchContext,
  lineOf: (node: t.Node) => number,
  templateRead: (files: readonly string[]) => void,
): FieldReadContext {
  let names: TemplateNames | undefined | null = null;
  const found = new Map<string, string | undefined>();
  let declarations: Map<t.Node, Declaration> | undefined;
  return {
    lineOf,
    declarationAt(id) {
      declarations ??= declarationsRead(scopes);
      return declarations.get(id);
    },
    templateUses(declaration) {
      if (declaration.id.scope !== scopes.program) return undefined; // the template sees the top level only
      if (names === null)
        names =
          context.templateNames ?? blockTemplateNames(context.filename, context.sourceText, context.componentText);
      if (names === undefined) return undefined;
      return 'unread' in names ? 'unread' : names.fields.get(declaration.name);
    },
    fieldReadAnywhere(field) {
      if (!found.has(field))
        found.set(field, readInScript(program, context.sourceText, field, lineOf) ?? readInTemplate());
      return found.get(field);

      function readInTemplate(): string | undefined {
        const { texts, files } = templateTexts(context.filename, context.componentText);
        if (files.length > 0) templateRead(files);
        const word = new RegExp(`\\b${field}\\b`);
        const read = texts.find(({ text }) => word.test(text));
        return read && `the template (${path.basename(read.file)})`;
      }
    },
  };
}

/** Every declaration something reads, by the identifier that declares it. */
function declarationsRead(scopes: ScopeInfo): Map<t.Node, Declaration> {
  const found = new Map<t.Node, Declaration>();
  for (const ref of scopes.references) {
    const declaration = ref.place.scope.lookup(ref.place.node.name);
    if (declaration) found.set(declaration.id.node, declaration);
  }
  return found;
}

/** `line N` of the first read of a field named `field` in the script: `x.field`, `x['field']`, `{ field } = x`. */
function readInScript(
  program: t.Program,
  sourceText: string | undefined,
  field: string,
  lineOf: (node: t.Node) => number,
): string | undefined {
  if (sourceText !== undefined && !sourceText.includes(field)) return undefined;
  let line: number | undefined;
  const visit = (node: t.Node): void => {
    if (line !== undefined) return;
    if (readsField(node, field)) line = lineOf(node);
    else forEachChild(node, visit);
  };
  visit(program);
  return line === undefined ? undefined : `line ${line}`;
}

function readsField(node: t.Node, field: string): boolean {
  if (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression')
    return staticPropertyName(node) === field;
  if (node.type !== 'ObjectPattern') return false;
  return node.properties.some((property) => {
    if (property.type === 'RestElement') return false;
    const key = property.key;
    return (!property.computed && key.type === 'Identifier' ? key.name : staticString(key)) === field;
  });
}
