/**
 * Where a script keeps what a call returns, as the code names it: `ctx` (`const ctx = …`), `this.audioCtx` (an
 * assignment or a class field), `question.current`; `.` for a call chained on at once. Read by the element calls
 * (is `setSrc` called on this context?) and by the members of objects other APIs create (object-members.ts).
 */
import type * as t from '@babel/types';
import { staticString } from '../rules/literals';
import { isTransparentWrapper, withoutWrappers, type Place } from './scope';

/** A member's static property name (`a.b`, `a['b']`). */
export type MemberName = (node: t.MemberExpression) => string | undefined;

/** The place around `place`'s parentheses, casts and `?.` chain: what the value is handed to. */
export function unwrapped(place: Place): Place {
  let at = place;
  while (at.up && at.parent && isTransparentWrapper(at.parent)) at = at.up;
  return at;
}

/**
 * An access path as written: `ctx`, `this.audioCtx`, `question.current` (parentheses, casts and `?.` aside); undefined
 * for anything else.
 */
export function accessPath(node: t.Node, memberName: MemberName): string | undefined {
  node = withoutWrappers(node);
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'ThisExpression') return 'this';
  if (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression') return undefined;
  const object = accessPath(node.object, memberName);
  const name = memberName(node as t.MemberExpression);
  return object !== undefined && name !== undefined ? `${object}.${name}` : undefined;
}

/**
 * Where the call's context is kept: `ctx` (`const ctx = …`, `ctx = …`), `this.audioCtx` (an
 * assignment or a class field), `question.current`; `.` for a call chained on directly
 * (`createAudioContext('a').setSrc(…)`). Undefined where it is handed on (an argument, a return).
 */
export function holderOf(callPlace: Place, memberName: MemberName): string | undefined {
  const at = unwrapped(callPlace);
  const parent = at.parent;
  if (!parent) return undefined;
  if (parent.type === 'VariableDeclarator' && at.key === 'init')
    return parent.id.type === 'Identifier' ? parent.id.name : undefined;
  if (parent.type === 'AssignmentExpression' && at.key === 'right') return accessPath(parent.left, memberName);
  if ((parent.type === 'ClassProperty' || (parent.type as string) === 'PropertyDefinition') && at.key === 'value') {
    const key = (parent as t.ClassProperty).key;
    const name = key.type === 'Identifier' ? key.name : staticString(key);
    return name === undefined ? undefined : `this.${name}`;
  }
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && at.key === 'object')
    return '.';
  return undefined;
}
