/**
 * How code uses a system-info call's result (system-info-reads.ts decides from it): the fields it
 * reads by name, and whether it also keeps the object (stores it, passes it on, spreads it, reads it
 * by a key known only when it runs, destructures it beside a rest element). Read straight off the
 * call, through a local or a destructuring, in a Vue component's template, and, for the callback and
 * Promise forms, in the callbacks and after `await` or `.then`.
 */
import type * as t from '@babel/types';
import { staticString } from '../rules/literals';
import type { Declaration, Place } from './scope';

/** What the plan reads beyond the call's own uses: the template, the rest of the file, the declarations. */
export interface FieldReadContext {
  /**
   * The template's uses of a top-level name of this script (a Vue component's with a `<script setup>`): the field each
   * reads by name, else undefined; `unread` where the template cannot be read; undefined where it does not see the name.
   */
  templateUses(declaration: Declaration): readonly (string | undefined)[] | 'unread' | undefined;
  /** Where the file or its template reads a field of that name (`line 12`, `the template (index.wxml)`), if anywhere. */
  fieldReadAnywhere(field: string): string | undefined;
  /** The declaration a binding identifier (a callback's parameter) makes, where something reads it. */
  declarationAt(id: t.Node): Declaration | undefined;
  lineOf(node: t.Node): number;
}

/** One field read, and where: the property of a pattern, the reference a member reads it through, the template. */
export interface FieldRead {
  field: string;
  /** The pattern's property (destructuring), the local's reference (`info` of `info.x`), the member; none in the template. */
  at?: Place | t.Node;
  /** The member expression that reads it, where the code reads it so (`info.cameraAuthorized`). */
  member?: Place;
}

/**
 * How the call's result is used: the fields read by name, and whether it is also kept. A destructuring or a local
 * names its declarator, where the plan adds declarators.
 */
export type ResultUse = { reads: FieldRead[]; kept: boolean } & (
  | { kind: 'member' }
  | { kind: 'destructuring' | 'local'; declarator: t.VariableDeclarator; declaration: t.VariableDeclaration }
  | { kind: 'other' }
);

type Reads = { reads: FieldRead[]; kept: boolean };
const KEPT: Reads = { reads: [], kept: true };

/** How the value at `value` (a call, an `await` of one) is used (ResultUse). */
export function resultUse(value: Place, context: FieldReadContext): ResultUse {
  const { parent, key } = value;
  if (parent && isMember(parent) && key === 'object') {
    const field = fieldName(parent);
    const kept = field === undefined || isWritten(value.up!);
    return { kind: 'member', reads: kept ? [] : [{ field, at: parent, member: value.up! }], kept };
  }
  const other: ResultUse = { kind: 'other', ...KEPT };
  if (parent?.type !== 'VariableDeclarator' || key !== 'init' || hasTypeAnnotation(parent.id)) return other;
  const declaration = value.up?.parent;
  if (declaration?.type !== 'VariableDeclaration') return other;
  const declared = { declarator: parent, declaration };
  if (parent.id.type === 'ObjectPattern') return { kind: 'destructuring', ...patternReads(parent.id), ...declared };
  if (parent.id.type !== 'Identifier' || value.up?.up?.parent?.type === 'ExportNamedDeclaration') return other;
  const local = value.scope.lookup(parent.id.name);
  if (!local || local.id.node !== parent.id) return other;
  return { kind: 'local', ...declarationReads(local, context, true), ...declared };
}

/**
 * The fields read of what a callback form's call (`getSystemInfo({ success(res) {…} })`) or its Promise (`await`,
 * `.then`) delivers: the whole object each time, so kept wherever one of them cannot be followed.
 */
export function deliveredUse(call: Place, context: FieldReadContext): Reads {
  const node = call.node as t.CallExpression;
  const [option] = node.arguments;
  if (option === undefined) return promiseUse(call, context);
  if (option.type !== 'ObjectExpression') return KEPT;
  const uses: Reads[] = [];
  for (const property of option.properties) {
    if (property.type === 'SpreadElement') return KEPT;
    const name = property.computed ? staticString(property.key) : identifierName(property.key);
    if (name === 'success' || name === 'complete') {
      const callback = property.type === 'ObjectMethod' ? property : property.value;
      uses.push(isFunction(callback) ? parameterUse(callback, context) : KEPT);
    } else if (name === undefined) return KEPT;
  }
  // Taro's wrapper returns a Promise even with callbacks: a result that is used is followed too.
  if (call.parent?.type !== 'ExpressionStatement') uses.push(promiseUse(call, context));
  return { reads: uses.flatMap((use) => use.reads), kept: uses.some((use) => use.kept) };
}

/** `await call` used as a value is; `call.then((res) => …)` as the callback's parameter is. */
function promiseUse(call: Place, context: FieldReadContext): Reads {
  const { parent, key } = call;
  if (parent?.type === 'AwaitExpression') return resultUse(call.up!, context);
  if (!parent || !isMember(parent) || key !== 'object' || fieldName(parent) !== 'then') return KEPT;
  const then = call.up!.parent;
  if (then?.type !== 'CallExpression' || call.up!.key !== 'callee') return KEPT;
  const [callback] = then.arguments;
  return callback && isFunction(callback) ? parameterUse(callback, context) : KEPT;
}

/** The fields a callback reads of its first parameter (none without one). */
function parameterUse(callback: t.Function, context: FieldReadContext): Reads {
  const [param] = callback.params;
  if (param === undefined) return { reads: [], kept: false };
  if (param.type === 'ObjectPattern') return patternReads(param);
  if (param.type !== 'Identifier') return KEPT;
  const declaration = context.declarationAt(param);
  return declaration ? declarationReads(declaration, context, false) : { reads: [], kept: false };
}

/** The fields a pattern takes, each by a key known before it runs; kept beside a rest element or another key. */
export function patternReads(pattern: t.ObjectPattern): Reads {
  const reads: FieldRead[] = [];
  let kept = false;
  for (const property of pattern.properties) {
    if (property.type === 'RestElement') {
      kept = true;
      continue;
    }
    const field = property.computed ? staticString(property.key) : identifierName(property.key);
    if (field === undefined) kept = true;
    else reads.push({ field, at: property });
  }
  return { reads, kept };
}

/**
 * The fields read of a local (`ofCall`: one the call initializes, read in the template too, kept when nothing reads it;
 * else a callback's parameter); kept when it is reassigned or one use does more than read a field by name.
 */
function declarationReads(declaration: Declaration, context: FieldReadContext, ofCall: boolean): Reads {
  if (!declaration.constant) return KEPT;
  const reads: FieldRead[] = [];
  let kept = false;
  for (const ref of declaration.references) {
    const member = ref.place.up;
    const field =
      ref.write || ref.inType || !member || ref.place.key !== 'object' || !isMember(member.node)
        ? undefined
        : fieldName(member.node);
    if (field === undefined || isWritten(member!)) kept = true;
    else reads.push({ field, at: ref.place, member });
  }
  const template = ofCall ? templateReads(declaration, context) : [];
  if (template === 'kept') kept = true;
  else reads.push(...template);
  return { reads, kept: kept || (ofCall && reads.length === 0) };
}

/** The template's reads of a top-level local: fields by name, or 'kept' where one use reads none so. */
function templateReads(declaration: Declaration, context: FieldReadContext): FieldRead[] | 'kept' {
  const uses = context.templateUses(declaration);
  if (uses === undefined) return [];
  if (uses === 'unread' || uses.some((field) => field === undefined)) return 'kept';
  return uses.map((field) => ({ field: field! }));
}

const isMember = (node: t.Node): node is t.MemberExpression | t.OptionalMemberExpression =>
  node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression';

const isFunction = (node: t.Node): node is t.Function =>
  node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression' || node.type === 'ObjectMethod';

function identifierName(node: t.Node): string | undefined {
  return node.type === 'Identifier' ? node.name : staticString(node);
}

/** A member's field when it is static (`info.windowWidth`, `info['windowWidth']`). */
function fieldName(member: t.MemberExpression | t.OptionalMemberExpression): string | undefined {
  if (!member.computed) return member.property.type === 'Identifier' ? member.property.name : undefined;
  return staticString(member.property);
}

/** `x.f = …`, `x.f++`, `delete x.f`: a write of the field, which only the whole object can take. */
function isWritten(member: Place): boolean {
  const { parent, key } = member;
  if (parent?.type === 'AssignmentExpression') return key === 'left';
  if (parent?.type === 'UpdateExpression') return true;
  if (parent?.type === 'UnaryExpression') return parent.operator === 'delete';
  if (parent?.type === 'ForInStatement' || parent?.type === 'ForOfStatement') return key === 'left';
  // `[info.x] = …`, `({ a: info.x } = …)`: a write through a pattern
  return (
    parent?.type === 'ArrayPattern' ||
    (parent?.type === 'ObjectProperty' && member.up?.parent?.type === 'ObjectPattern')
  );
}

/** `const info: SystemInfo = …`: a type the narrower call would not satisfy. */
function hasTypeAnnotation(id: t.Node): boolean {
  return 'typeAnnotation' in id && id.typeAnnotation != null;
}
