/**
 * Where the file's `eslint-disable` comments turn this rule off. ESLint drops the reports
 * there itself; but the rule's fix is the whole file's migration (rule.ts), so applied for
 * the other places it would rewrite these too. The rule asks here, and offers no fix in a file
 * where one of its places is switched off. Read as ESLint 8 and 9 read the directives: a
 * block comment `eslint-disable` / `eslint-enable` (all rules, or a list naming this one), a
 * line or block comment `eslint-disable-line` / `eslint-disable-next-line`; a justification
 * after ` -- ` is not part of the list.
 */
import type { Comment } from './types';

interface Position {
  line: number;
  column: number;
}

const DIRECTIVE = /^(eslint-disable|eslint-enable|eslint-disable-line|eslint-disable-next-line)(?:\s+([\s\S]*))?$/;

const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.column < b.column);

/** A directive comment: its label, and the rules it names (none: every rule). */
export interface Directive {
  label: 'eslint-disable' | 'eslint-enable' | 'eslint-disable-line' | 'eslint-disable-next-line';
  rules: string[];
}

/** The directive a comment is, as ESLint reads it, or null (a line comment takes only the `-line` forms). */
export function directiveOf(comment: Pick<Comment, 'type' | 'value'>): Directive | null {
  const match = DIRECTIVE.exec(comment.value.trim());
  if (!match) return null;
  const [, label, rest = ''] = match;
  if (comment.type === 'Line' && !label.endsWith('line')) return null;
  const rules = rest
    .split(/\s-{2,}\s/)[0]
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return { label: label as Directive['label'], rules };
}

/** Whether a place of the file is one where `ruleId` is switched off. */
export function suppressionsOf(comments: readonly Comment[], ruleId: string): (place: Position) => boolean {
  const lines = new Set<number>();
  const regions: { from: Position; to?: Position }[] = [];
  for (const comment of comments) {
    const directive = directiveOf(comment);
    if (!directive) continue;
    const { label, rules } = directive;
    if (rules.length > 0 && !rules.includes(ruleId)) continue;
    if (label === 'eslint-disable-line') lines.add(comment.loc.start.line);
    else if (label === 'eslint-disable-next-line') lines.add(comment.loc.end.line + 1);
    else if (label === 'eslint-disable') regions.push({ from: comment.loc.start });
    else for (const region of regions) region.to ??= comment.loc.start;
  }
  return (place) =>
    lines.has(place.line) ||
    regions.some(({ from, to }) => !before(place, from) && (to === undefined || before(place, to)));
}
