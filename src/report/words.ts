/**
 * The words both commands' reports are written in, so that the codemod's summary and the
 * audit's say the same thing the same way: what a count of files means, the two verdicts on a
 * place (a call or reference of a legacy API), a reason said once with its places under it, and
 * why a file was skipped.
 */
import { counted, MIGRATION_FAMILIES, printable } from '../rewrite/light';
import type { FileResult } from './file-result';

/** Every file a run read or was named (the codemod's `summary.scanned`, the audit's `stats.filesLookedAt`). */
export const LOOKED_AT = 'looked at';

/**
 * Of those, the files whose text names a legacy API: the ones the rewrite parses (`summary.parsed`,
 * `stats.filesNamingLegacyApi`).
 */
export function namingLegacyApi(n: number): string {
  return `${n} ${n === 1 ? 'names' : 'name'} a legacy API`;
}

/** A place the rewrite (codemod or build plugin) takes. */
export const HANDLED = 'handled by the rewrite';

/** A place a person must change. */
export const FOR_A_PERSON = 'left for a person';

/**
 * A use of a deprecated API whose family the options did not choose (option `families`): left as it is, and counted.
 */
export const LEFT_AS_CHOSEN = 'left as chosen';

/** `3 calls of voice`: what a family not chosen left, said once per family. */
export function callsOfFamily(n: number, family: string): string {
  return `${counted(n, 'call')} of ${family}`;
}

/**
 * One `left as chosen: 3 calls of voice` per family with calls left (counts by family, as countByFamily gives them), in
 * the table's order.
 */
export function leftAsChosenLines(counts: ReadonlyMap<string, number> | Readonly<Record<string, number>>): string[] {
  const countOf = (family: string) =>
    (counts instanceof Map ? counts.get(family) : (counts as Record<string, number>)[family]) ?? 0;
  return MIGRATION_FAMILIES.filter((family) => countOf(family) > 0).map(
    (family) => `${LEFT_AS_CHOSEN}: ${callsOfFamily(countOf(family), family)}`,
  );
}

/** `a`, `a and b`, `a, b and c`. */
export function andJoined(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** `1 place`, `3 places`. */
export function places(n: number): string {
  return counted(n, 'place');
}

/** Items that share a reason, in the order their first one came. */
export interface ReasonGroup<T> {
  reason: string;
  items: T[];
}

/** `items` grouped by their reason, each group where its first item is, items in their order. */
export function groupByReason<T>(items: readonly T[], reasonOf: (item: T) => string): ReasonGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const reason = reasonOf(item);
    const group = groups.get(reason);
    if (group) group.push(item);
    else groups.set(reason, [item]);
  }
  return [...groups].map(([reason, grouped]) => ({ reason, items: grouped }));
}

/**
 * The lines of a list of places whose reasons repeat (eight calls of a page refused for one reason of 400 characters):
 * each reason once, printable and in `reasonColour`, at `indent`, and the places under it, two spaces further in, as
 * `placeLine` writes them (its colour is the caller's).
 */
export function placesByReason<T extends { reason: string }>(
  items: readonly T[],
  placeLine: (item: T) => string,
  indent: string,
  reasonColour: (text: string) => string = (text) => text,
): string[] {
  return groupByReason(items, (item) => item.reason).flatMap(({ reason, items: grouped }) => [
    `${indent}${reasonColour(printable(reason))}`,
    ...grouped.map((item) => `${indent}  ${placeLine(item)}`),
  ]);
}

/** Why a file was skipped, in the words of its line: `web JS-SDK code: …`, `too large (…)`, or the walk's own words. */
export function skipWords(skip: FileResult['skip'], shown: (text: string) => string = (text) => text): string {
  switch (skip?.reason) {
    case 'jsSdk':
      return `web JS-SDK code: ${shown(skip.detail)}`;
    case 'tooLarge':
      return `too large (${shown(skip.detail)})`;
    case 'link':
    case 'brokenLink':
    case 'notScript':
    case 'notRegular':
      return shown(skip.detail);
    default:
      return `minified (${shown(String(skip?.detail))})`;
  }
}
