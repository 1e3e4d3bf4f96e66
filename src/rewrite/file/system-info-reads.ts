/**
 * What a system-info call becomes, from what the code reads of its result (docs/contract.md,
 * Decision S1). A `getSystemInfoSync()` whose fields are read by name (straight, by destructuring,
 * through a local, in the template too) becomes the runtime function of the one group of fields
 * read (`getWindowInfo().windowWidth`), one call per group where several are read; an `*Authorized`
 * field is read from getAppAuthorizeSetting through `authorized()` (Decision S4). Wherever the object
 * itself is kept or passed on, it becomes the runtime's whole object (`getSystemInfoSync()`); the
 * callback and Promise forms keep theirs. A call whose result may have a field nothing answers any
 * more read (`environment`, `errMsg`) is left to a person: a read seen through any of those uses,
 * or, where the object goes where it cannot be followed, a read of a field of that name anywhere in
 * the file or its template. How the result is used: system-info-uses.ts. Decided on the matcher's
 * tree; the appliers carry it out (AddedDeclarator, the wrapped reads).
 */
import type * as t from '@babel/types';
import {
  SYSTEM_INFO_AUTHORIZED_FIELDS,
  SYSTEM_INFO_ENVIRONMENT_FIELD,
  SYSTEM_INFO_FIELDS_WITHOUT_HOME,
  SYSTEM_INFO_FIELD_GROUPS,
  type SystemInfoGroupExport,
} from '../rules/legacy-apis';
import type { Place } from './scope';
import { deliveredUse, resultUse, type FieldRead, type FieldReadContext, type ResultUse } from './system-info-uses';
import { splitOrder } from './system-info-order';

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

/**
 * What one call becomes: its group's function (further declarators; the reads of an `*Authorized` field that go through
 * `authorized()`), the whole object, or a place for a person.
 */
export type SystemInfoPlan =
  | { kind: 'group'; api: SystemInfoGroupExport; added: AddedDeclarator[]; authorizedReads: Place[] }
  | { kind: 'whole' }
  | { kind: 'person'; reason: string };

export type { FieldReadContext } from './system-info-uses';

const WHOLE: SystemInfoPlan = { kind: 'whole' };
const GUIDE = 'the call is left as it is, migrate it by hand (docs/legacy-apis.md#system-info)';

/** Step by step: the call, how its result is used, a field without a home, the groups of the fields read, the plan. */
export function systemInfoPlan(callee: Place, context: FieldReadContext): SystemInfoPlan {
  const call = callee.up;
  if (!call || !isCall(call.node) || callee.key !== 'callee') return keptWhole('getSystemInfoSync()', 'kept', context);
  const use = resultUse(call, context);
  const homeless = use.reads.find((read) => SYSTEM_INFO_FIELDS_WITHOUT_HOME.has(read.field));
  if (homeless) return homelessRead('getSystemInfoSync()', homeless, call.node, context);
  if (use.kept || use.kind === 'other') return keptWhole('getSystemInfoSync()', 'kept', context);
  const groups = groupsRead(use);
  if (!groups) return WHOLE;
  const [first, ...others] = [...groups.keys()];
  const authorizedReads = use.reads.filter((read) => SYSTEM_INFO_AUTHORIZED_FIELDS.includes(read.field));
  const plan = { kind: 'group' as const, api: first, authorizedReads: authorizedReads.map((read) => read.member!) };
  if (use.kind === 'member') return { ...plan, added: [] };
  return { ...plan, added: others.map((api) => addedDeclarator(use, api, groups.get(api)!)) };
}

/** A field without a new home read of the call's result: where (on the call's line, here), and why it is for a person. */
function homelessRead(api: string, read: FieldRead, call: t.Node, context: FieldReadContext): SystemInfoPlan {
  const line = read.at === undefined ? undefined : context.lineOf('node' in read.at ? read.at.node : read.at);
  const where = line === undefined ? 'in the template' : line === context.lineOf(call) ? 'here' : `at line ${line}`;
  return {
    kind: 'person',
    reason: `${api}'s ${read.field} is read ${where}: ${SYSTEM_INFO_FIELDS_WITHOUT_HOME.get(read.field)}; ${GUIDE}`,
  };
}

/**
 * The callback and Promise forms (`getSystemInfo`, `getSystemInfoAsync`): their result is the whole object, with
 * `errMsg`. A person where a callback or the Promise's result reads its `environment`, or where one cannot be followed
 * and the file reads a field of that name.
 */
export function systemInfoCallbackPlan(callee: Place, api: string, context: FieldReadContext): SystemInfoPlan {
  const call = callee.up;
  if (!call || !isCall(call.node) || callee.key !== 'callee') return keptWhole(api, 'callback', context);
  const use = deliveredUse(call, context);
  const homeless = use.reads.find((read) => read.field === SYSTEM_INFO_ENVIRONMENT_FIELD);
  if (homeless) return homelessRead(api, homeless, call.node, context);
  return use.kept ? keptWhole(api, 'callback', context) : WHOLE;
}

/**
 * The whole object, where nothing in the file or its template reads a field named `environment`: the object may reach
 * that read, which the runtime's whole object cannot answer. Else a person.
 */
function keptWhole(api: string, how: 'kept' | 'callback', context: FieldReadContext): SystemInfoPlan {
  const field = SYSTEM_INFO_ENVIRONMENT_FIELD;
  const where = context.fieldReadAnywhere(field);
  if (where === undefined) return WHOLE;
  return {
    kind: 'person',
    reason: `${api}'s result ${how === 'kept' ? 'is kept or passed on' : 'goes to a callback or a Promise that cannot be followed'} here, and ${where} reads a field named ${field}, which it may reach: ${SYSTEM_INFO_FIELDS_WITHOUT_HOME.get(field)}; ${GUIDE}`,
  };
}

const isCall = (node: t.Node) => node.type === 'CallExpression' || node.type === 'OptionalCallExpression';

/**
 * The groups of the fields read, in the order their declarators come; undefined where the whole object is needed: a
 * field of no group, an `*Authorized` field read where `authorized()` cannot go around it (a pattern, the template),
 * template reads of more than the local's own group, or a destructuring no order of groups can keep (splitOrder).
 */
function groupsRead(use: ResultUse): Map<SystemInfoGroupExport, FieldRead[]> | undefined {
  const groups = new Map<SystemInfoGroupExport, FieldRead[]>();
  const groupOfRead = new Map<FieldRead, SystemInfoGroupExport>();
  for (const read of use.reads) {
    const authorized = SYSTEM_INFO_AUTHORIZED_FIELDS.includes(read.field);
    if (authorized && !read.member) return undefined; // a boolean only in the whole object there (Decision S4)
    const group = authorized ? 'getAppAuthorizeSetting' : groupOf(read.field);
    if (!group) return undefined; // a field of no group: the whole object keeps whatever the platform gives
    groups.set(group, [...(groups.get(group) ?? []), read]);
    groupOfRead.set(read, group);
  }
  const order = groupOrder(use, [...groups.keys()], groupOfRead);
  return order && new Map(order.map((group) => [group, groups.get(group)!]));
}

/**
 * The groups' order: first read first; the template's one group first (its reads keep the local's name); a
 * destructuring's as splitOrder keeps its defaults.
 */
function groupOrder(
  use: ResultUse,
  seen: SystemInfoGroupExport[],
  groupOfRead: Map<FieldRead, SystemInfoGroupExport>,
): SystemInfoGroupExport[] | undefined {
  if (use.kind === 'destructuring') {
    const byProperty = new Map(use.reads.map((read) => [read.at as t.Node, groupOfRead.get(read)!]));
    return splitOrder(
      use.reads.map((read) => read.at as t.Node),
      (property) => byProperty.get(property)!,
    );
  }
  const inTemplate = new Set(use.reads.filter((read) => !read.at).map((read) => groupOfRead.get(read)!));
  if (inTemplate.size > 1) return undefined;
  const [first] = inTemplate;
  return first ? [first, ...seen.filter((group) => group !== first)] : seen;
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
