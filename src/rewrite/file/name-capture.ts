/**
 * Where a name the rewrite writes may not resolve to what the rewrite means: inside a `with`
 * statement, whose object's properties come before every variable (the runtime's
 * `getWindowInfo` would be `o.getWindowInfo` in `with (o) { … }`), and where a direct `eval`
 * can declare a variable of that name (sloppy code) or read a binding the rewrite removes. No
 * reference is safe from a `with` object, so such a place is left for a person. `new Function`
 * and an indirect eval run their code in the global scope, which sees none of the file's names:
 * they capture nothing.
 */
import type { Declaration, Place, Reference, Scope } from './scope';
import { isCallee } from './api-object';

/** Why the names written at a place may resolve elsewhere: a `with` around it, or a direct eval that sees it. */
export type Capture = { by: 'with'; node: Place['node'] } | { by: 'eval'; node: Place['node'] };

/**
 * The direct `eval(…)` calls of a file: `eval` called by its own name, not declared in the file, and not optionally
 * (`eval?.(…)` is an indirect eval: Babel's OptionalCallExpression, an ESTree call marked `optional`).
 */
export function directEvalCalls(references: readonly Reference[]): Place[] {
  const calls: Place[] = [];
  for (const ref of references) {
    const { place } = ref;
    if (place.node.name !== 'eval' || ref.write || !isCallee(place) || place.parent?.type !== 'CallExpression')
      continue;
    if (!(place.parent as { optional?: boolean }).optional && !place.scope.lookup('eval')) calls.push(place.up!);
  }
  return calls;
}

/**
 * What may capture the names the rewrite writes at `place`: the `with` statement whose body holds it, or a direct eval
 * whose function holds it (a `var` the eval declares there shadows a name of the file) or that sees `declaration` (the
 * binding whose declaration the rewrite removes).
 */
export function captureAt(place: Place, evals: readonly Place[], declaration?: Declaration): Capture | undefined {
  for (let at: Place | undefined = place; at; at = at.up) {
    if (at.parent?.type === 'WithStatement' && at.key === 'body') return { by: 'with', node: at.parent };
  }
  for (const call of evals) {
    if (encloses(call.scope.functionScope(), place.scope)) return { by: 'eval', node: call.node };
    if (declaration && call.scope.lookup(declaration.name) === declaration) return { by: 'eval', node: call.node };
  }
  return undefined;
}

/** Is `inner` the scope `outer` or one inside it? */
function encloses(outer: Scope, inner: Scope): boolean {
  for (let scope: Scope | undefined = inner; scope; scope = scope.parent) if (scope === outer) return true;
  return false;
}

/**
 * Why a legacy API is left as it is where a name the rewrite would write is captured, for the report: at the API's own
 * place, or (`read`) where its result is read through a new local. `line`: where the with or eval is.
 */
export function captureReason(api: string, capture: Capture, line: number, at: 'site' | 'read' = 'site'): string {
  const subject = at === 'site' ? `this ${api}` : `this ${api}()'s result`;
  const verb = at === 'site' ? 'is' : 'is read';
  if (capture.by === 'with')
    return `${subject} ${verb} inside a with statement (line ${line}): a name the rewrite would write there (the runtime's function, a new local) could resolve to a property of the with object instead; left as it is, migrate it by hand`;
  return `a direct eval (line ${line}) can declare or read names where ${subject} ${verb}, and the rewrite would add or remove names there; left as it is, migrate it by hand`;
}
