/**
 * What a `getSystemInfoSync()` call becomes, from what the code reads of its result
 * (docs/contract.md, Decision S1): the runtime function of the one group of fields read
 * (`getWindowInfo().windowWidth`), one call per group where a destructuring or a local reads
 * several, and the runtime's whole object (`getSystemInfoSync()`) wherever the object itself is
 * kept, passed on, or read where no group answers as the legacy call did (`*Authorized`, Decision
 * S4). A read of a field nothing answers any more (`environment`, `errMsg`) leaves the call to a
 * person. Decided on the matcher's tree; the appliers carry it out (AddedDeclarator).
 */
import type * as t from '@babel/types';
import {
  SYSTEM_INFO_FIELDS_WITHOUT_HOME,
  SYSTEM_INFO_FIELD_GROUPS,
  SYSTEM_INFO_WHOLE_OBJECT_FIELD,
  type SystemInfoGroupExport,
} from '../rules/legacy-apis';
import { staticString } from '../rules/literals';
import type { Place } from './scope';

/**
 * A further declarator after the one a call initializes, for one more group of the fields read:
 * `{ platform } = getDeviceInfo()` after `{ windowWidth } = getWindowInfo()`, or
 * `deviceInfo = getDeviceInfo()` after `info = getWindowInfo()`.
 */
export interface AddedDeclarator {
  /** The declarator it follows, and the declaration both are in. */
  after: t.VariableDeclarator;
  declaration: t.VariableDeclaration;
  api: SystemInfoGroupExport;
  /** Destructuring: the properties that move to it from the first declarator's pattern. */
  properties: t.Node[];
  /** A local: the reads (`info` of `info.platform`) that now read the new local. */
  reads: Place[];
  /** A local: the name it would like (`deviceInfo`); the matcher makes it free (`local`). */
  nameBase: string;
  local?: string;
}

/** What one call becomes: its group's function (and further declarators), the whole object, or a place for a person. */
export type SystemInfoPlan =
  | { kind: 'group'; api: SystemInfoGroupExport; added: AddedDeclarator[] }
  | { kind: 'whole' }
  | { kind: 'person'; reason: string };

/** One field read, and where: the property of a pattern, or the reference a member reads it through. */
interface FieldRead {
  field: string;
  /** The pattern's property (destructuring) or the local's reference (`info` of `info.x`). */
  at: Place | t.Node;
}

/** How the call's result is used: fields read straight, by destructuring, through a local; or kept whole. */
type ResultUse =
  | { kind: 'member'; reads: FieldRead[] }
  | { kind: 'destructuring'; reads: FieldRead[]; declarator: t.VariableDeclarator; declaration: t.VariableDeclaration }
  | { kind: 'local'; reads: FieldRead[]; declarator: t.VariableDeclarator; declaration: t.VariableDeclaration }
  | { kind: 'whole' };

const WHOLE: SystemInfoPlan = { kind: 'whole' };

/** Step by step: the call, how its result is used, the groups of the fields read, the plan. */
export function systemInfoPlan(callee: Place): SystemInfoPlan {
  const call = callee.up;
  if (
    !call ||
    (call.node.type !== 'CallExpression' && call.node.type !== 'OptionalCallExpression') ||
    callee.key !== 'callee'
  )
    return WHOLE;
  const use = resultUse(call);
  if (use.kind === 'whole') return WHOLE;
  const fields = use.reads.map((read) => read.field);
  const homeless = fields.find((field) => SYSTEM_INFO_FIELDS_WITHOUT_HOME.has(field));
  if (homeless !== undefined) {
    return {
      kind: 'person',
      reason: `getSystemInfoSync()'s ${homeless} is read here: ${SYSTEM_INFO_FIELDS_WITHOUT_HOME.get(homeless)}; the call is left as it is, migrate it by hand (docs/legacy-apis.md#system-info)`,
    };
  }
  const groups = groupsRead(use.reads);
  if (!groups) return WHOLE;
  const [first, ...others] = [...groups.keys()];
  if (others.length === 0) return { kind: 'group', api: first, added: [] };
  if (use.kind === 'member') return WHOLE; // one member reads one field: never here
  return { kind: 'group', api: first, added: others.map((api) => addedDeclarator(use, api, groups.get(api)!)) };
}

/** How the result of the call at `call` is used (resultUse's kinds). */
function resultUse(call: Place): ResultUse {
  const { parent, key } = call;
  if ((parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') && key === 'object') {
    const field = fieldName(parent);
    return field === undefined || isWritten(call.up!)
      ? { kind: 'whole' }
      : { kind: 'member', reads: [{ field, at: parent }] };
  }
  if (parent?.type !== 'VariableDeclarator' || key !== 'init' || hasTypeAnnotation(parent.id)) return { kind: 'whole' };
  const declaration = call.up?.parent;
  if (declaration?.type !== 'VariableDeclaration') return { kind: 'whole' };
  if (parent.id.type === 'ObjectPattern') {
    const reads = patternReads(parent.id);
    return reads ? { kind: 'destructuring', reads, declarator: parent, declaration } : { kind: 'whole' };
  }
  if (parent.id.type !== 'Identifier' || call.up?.up?.parent?.type === 'ExportNamedDeclaration')
    return { kind: 'whole' };
  const reads = localReads(call.up!, parent.id.name);
  return reads ? { kind: 'local', reads, declarator: parent, declaration } : { kind: 'whole' };
}

/**
 * The fields a pattern takes, each by a plain key; undefined beside a rest element or a computed key (the object is
 * kept).
 */
function patternReads(pattern: t.ObjectPattern): FieldRead[] | undefined {
  const reads: FieldRead[] = [];
  for (const property of pattern.properties) {
    if (property.type === 'RestElement') return undefined;
    const field = property.computed
      ? staticString(property.key)
      : property.key.type === 'Identifier'
        ? property.key.name
        : staticString(property.key);
    if (field === undefined) return undefined;
    reads.push({ field, at: property });
  }
  return reads;
}

/**
 * The fields read of the local `name` declared at `declarator`; undefined when one use does more than read a field (the
 * object is kept).
 */
function localReads(declarator: Place, name: string): FieldRead[] | undefined {
  const declaration = declarator.scope.lookup(name);
  if (!declaration || declaration.id.node !== (declarator.node as t.VariableDeclarator).id || !declaration.constant)
    return undefined;
  const reads: FieldRead[] = [];
  for (const ref of declaration.references) {
    const member = ref.place.up;
    if (ref.write || ref.inType || !member || ref.place.key !== 'object') return undefined;
    if (member.node.type !== 'MemberExpression' && member.node.type !== 'OptionalMemberExpression') return undefined;
    const field = fieldName(member.node);
    if (field === undefined || isWritten(member)) return undefined;
    reads.push({ field, at: ref.place });
  }
  return reads.length > 0 ? reads : undefined;
}

/**
 * The groups of the fields read, in the order the code first reads each; undefined when one field needs the whole
 * object.
 */
function groupsRead(reads: FieldRead[]): Map<SystemInfoGroupExport, FieldRead[]> | undefined {
  const groups = new Map<SystemInfoGroupExport, FieldRead[]>();
  for (const read of reads) {
    if (SYSTEM_INFO_WHOLE_OBJECT_FIELD.test(read.field)) return undefined; // a boolean only there (Decision S4)
    const group = groupOf(read.field);
    if (!group) return undefined; // a field of no group: the whole object keeps whatever the platform gives
    groups.set(group, [...(groups.get(group) ?? []), read]);
  }
  return groups;
}

function groupOf(field: string): SystemInfoGroupExport | undefined {
  const groups = Object.entries(SYSTEM_INFO_FIELD_GROUPS) as [SystemInfoGroupExport, readonly string[]][];
  return groups.find(([, fields]) => fields.includes(field))?.[0];
}

/** The declarator a further group of a destructuring or a local gets. */
function addedDeclarator(
  use: Extract<ResultUse, { kind: 'destructuring' | 'local' }>,
  api: SystemInfoGroupExport,
  reads: FieldRead[],
): AddedDeclarator {
  const common = {
    after: use.declarator,
    declaration: use.declaration,
    api,
    nameBase: api.charAt(3).toLowerCase() + api.slice(4),
  };
  if (use.kind === 'destructuring') return { ...common, properties: reads.map((read) => read.at as t.Node), reads: [] };
  return { ...common, properties: [], reads: reads.map((read) => read.at as Place) };
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
