/**
 * Where a context createCanvasContext made goes, as far as the rewrite follows it (SPEC §11 trap 2): kept under a name
 * or a path (`ctx`, `this.ctx`), copied into a local (`const ctx = this.ctx`), handed to a function of the file
 * (`roundRect(ctx, …)`, as poster code draws its shapes). Every use must end in a member of it by name: a library
 * that wraps the context, a computed name (`ctx['set' + name]`), a function the rewrite cannot see is an escape, and
 * the canvas stays legacy with the reason (canvas-calls.ts).
 */
import type * as t from '@babel/types';
import { accessPath, holderOf, unwrapped } from './holders';
import type { ElementCallContext } from './element-calls';
import { withoutWrappers, type Declaration, type Place } from './scope';

/** Why the context `callPlace` makes goes where the rewrite cannot follow it, or undefined where it can follow it all. */
export function contextEscape(callPlace: Place, context: ElementCallContext): string | undefined {
  const holder = holderOf(callPlace, context.memberName);
  if (holder === undefined) return 'the context is handed on where it is made, to code the rewrite cannot follow';
  if (holder === '.') return undefined;
  const declaration = !holder.includes('.') ? callPlace.scope.lookup(holder) : undefined;
  const uses = declaration ? readsOf(declaration) : context.places.filter((place) => isPathUse(place, holder, context));
  return usesEscape(holder, uses, context, new Set(declaration ? [declaration] : []));
}

/** The first use of `holder` (of those in `uses`) that escapes, following aliases and parameters once each (`seen`). */
function usesEscape(
  holder: string,
  uses: readonly Place[],
  context: ElementCallContext,
  seen: Set<Declaration>,
): string | undefined {
  for (const use of uses) {
    const at = unwrapped(use);
    const parent = at.parent;
    if (
      parent &&
      (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') &&
      at.key === 'object'
    ) {
      if (context.memberName(parent as t.MemberExpression) !== undefined) continue;
      return `the context ${holder} is read by a computed name at line ${context.lineOf(parent)}, which the rewrite cannot follow`;
    }
    const next = aliasOf(at) ?? parameterOf(at, context);
    if (!next)
      return `the context ${holder} is handed on at line ${context.lineOf(use.node)}, to code the rewrite cannot follow`;
    if (next === NEVER_READ || seen.has(next)) continue;
    seen.add(next);
    const escape = usesEscape(next.name, readsOf(next), context, seen);
    if (escape) return escape;
  }
  return undefined;
}

/** A parameter that nothing reads: nothing to follow. */
const NEVER_READ = Symbol('never read');

/** `const ctx = this.ctx`: the local the context is copied into. */
function aliasOf(at: Place): Declaration | undefined {
  const parent = at.parent;
  if (parent?.type !== 'VariableDeclarator' || at.key !== 'init' || parent.id.type !== 'Identifier') return undefined;
  return at.scope.lookup(parent.id.name);
}

/**
 * `roundRect(ctx, …)` of a function the file declares (`function roundRect(ctx, …)`, `const roundRect = (ctx, …) =>`):
 * the parameter the context becomes, when it is a plain name.
 */
function parameterOf(at: Place, context: ElementCallContext): Declaration | typeof NEVER_READ | undefined {
  const call = at.parent;
  if (call?.type !== 'CallExpression' || at.key !== 'arguments' || at.index === undefined) return undefined;
  if (call.arguments.slice(0, at.index).some((a) => a.type === 'SpreadElement')) return undefined;
  const callee = withoutWrappers(call.callee);
  const declared = callee.type === 'Identifier' ? at.scope.lookup(callee.name) : undefined;
  const fn = declared && functionOf(declared);
  const param = fn?.params[at.index];
  if (param?.type !== 'Identifier' || fn!.params.slice(0, at.index).some((p) => p.type === 'RestElement'))
    return undefined;
  const read = context.references.find((ref) => ref.place.scope.lookup(param.name)?.id.node === param);
  return read ? read.place.scope.lookup(param.name)! : NEVER_READ;
}

/** The function a declaration names: `function f() {}`, or `const f = () => …` / `const f = function () {}`. */
function functionOf(declaration: Declaration): t.Function | undefined {
  const parent = declaration.id.parent;
  if (declaration.kind === 'function' && parent?.type === 'FunctionDeclaration') return parent;
  if (parent?.type !== 'VariableDeclarator' || declaration.id.key !== 'id' || !parent.init || !declaration.constant)
    return undefined;
  const init = withoutWrappers(parent.init);
  return init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression' ? init : undefined;
}

/** The places that read a declaration (not its writes, nor types). */
function readsOf(declaration: Declaration): Place[] {
  return declaration.references.filter((ref) => !ref.write && !ref.inType).map((ref) => ref.place);
}

/** A read of `holder` (a path as `this.ctx`): not the assignment that stores it, nor a part of a longer path. */
function isPathUse(place: Place, holder: string, context: ElementCallContext): boolean {
  const node = place.node;
  if (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression') return false;
  if (accessPath(node, context.memberName) !== holder) return false;
  const parent = place.parent;
  return !(parent?.type === 'AssignmentExpression' && place.key === 'left');
}
