/**
 * How an expression reaches the mini-program API object (`wx`, `Taro`, `require('@tarojs/taro')`,
 * an alias of one, wepy's module) and what a place does with it (calls it, writes it, passes it on).
 */
import type * as t from '@babel/types';
import { isTransparentWrapper, withoutWrappers, type Place, type Scope } from './scope';
import { INTEROP_HELPERS, PLATFORM_GLOBALS, TARO_MODULE, WEPY_MODULE, isDeprecatedOn } from '../rules/legacy-apis';
import { staticString, stringValue } from '../rules/literals';

/** An object literal's or pattern's property with a key: Babel's ObjectProperty/ObjectMethod, ESTree's Property. */
export function isKeyedProperty(node: t.Node): node is t.ObjectProperty {
  return node.type === 'ObjectProperty' || node.type === 'ObjectMethod' || (node.type as string) === 'Property';
}

/** The name of a member expression's property when it is static (`a.b`, `a['b']`, a`b` template). */
export function staticPropertyName(node: t.MemberExpression | t.OptionalMemberExpression): string | undefined {
  const { property, computed } = node;
  if (!computed) return property.type === 'Identifier' ? property.name : undefined;
  return staticString(property);
}

/** Does a `via` label (legacyNamespaceOf) name Taro rather than a platform global or an alias of one? */
export function isTaroVia(via: string): boolean {
  return !PLATFORM_GLOBALS.some(
    (name) => via === name || via.endsWith(`(alias of ${name})`) || via.includes(`(alias of ${name})`),
  );
}

/** The platform global a `via` label reaches (`wx` of `api (alias of wx)`), or undefined for Taro. */
function platformGlobalOf(via: string): string | undefined {
  return PLATFORM_GLOBALS.find((name) => via === name || via.includes(`(alias of ${name})`));
}

/**
 * Is `api`, reached through `via`, the deprecated API there (not a platform's current API of the same name, as
 * `qq.getSystemInfo`)?
 */
export function deprecatedThrough(api: string, via: string): boolean {
  const global = platformGlobalOf(via);
  return global === undefined || isDeprecatedOn(api, global);
}

/** `require('@tarojs/taro')`, with `require` not shadowed. */
function isTaroRequire(node: t.Node, scope: Scope): boolean {
  return isRequireOf(node, scope, TARO_MODULE);
}

/** `require('<module>')`, the global require. */
export function isRequireOf(node: t.Node, scope: Scope, module: string): boolean {
  if (node.type !== 'CallExpression') return false;
  const { callee, arguments: args } = node;
  return (
    callee.type === 'Identifier' &&
    callee.name === 'require' &&
    !scope.lookup('require') &&
    args.length === 1 &&
    stringValue(args[0]) === module
  );
}

/**
 * `__importDefault(require('@tarojs/taro'))`, `tslib_1.__importStar(…)`: what the compiler's interop helper makes of
 * Taro's module, or undefined.
 */
export function taroInteropOf(node: t.Node, scope: Scope): 'default' | 'namespace' | undefined {
  if (
    node.type !== 'CallExpression' ||
    node.arguments.length !== 1 ||
    !isTaroRequire(withoutWrappers(node.arguments[0]), scope)
  )
    return undefined;
  const callee = withoutWrappers(node.callee);
  const name =
    callee.type === 'Identifier'
      ? callee.name
      : callee.type === 'MemberExpression'
        ? staticPropertyName(callee)
        : undefined;
  return name === undefined ? undefined : INTEROP_HELPERS.get(name);
}

/** `x.default` (also `x['default']`, `x?.default`). */
export function isDefaultMember(node: t.Node): node is t.MemberExpression {
  return (
    (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') &&
    staticPropertyName(node) === 'default'
  );
}

/** The expression under wrappers and `.default`s: `taro_1` of `(taro_1.default as any)`. */
export function underDefaults(node: t.Node): t.Node {
  node = withoutWrappers(node);
  while (isDefaultMember(node)) node = withoutWrappers(node.object);
  return node;
}

/**
 * How an expression reaches the API object: `via` labels it; `onlyDefault` when only its `.default` does (an interop
 * helper's wrapper object); `uncertain` when it may hand on the API object or something else.
 */
export interface ApiObject {
  via: string;
  onlyDefault: boolean;
  uncertain?: Uncertain;
}

/**
 * An expression that may hand on the API object, or another value the tool cannot rule out: `typeof wx !== 'undefined'
 * ? wx : my`, `wx || {}`, `{ ...wx }`, `function f(api = wx)`. What runs through it is decided at run time, so a
 * legacy call through it is left to a person.
 */
export interface Uncertain {
  /** The expression's kind, in words: `a conditional`, `a logical ||`, `a parameter's default value`. */
  what: string;
  /** The API objects it may hand on, by the names a person calls them on: `wx`, `qq`, `Taro`. */
  objects: string[];
  /** The local that holds the expression's value, when the use reads it (`api` of `const api = wx || {}`). */
  holder?: string;
}

/** The name a person calls an API object's methods on: the platform global of a `via` label, else Taro. */
function objectNameOf(via: string): string {
  return platformGlobalOf(via) ?? 'Taro';
}

/**
 * How `node` (an expression seen in `scope`) reaches the mini-program API object, or
 * undefined when it does not (a local `wx`, `window.wx`, a CameraContext…). The answer is
 * the label used in reports: `wx`, `Taro`, `require('@tarojs/taro')`, `api (alias of wx)`.
 */
export function legacyNamespaceOf(node: t.Node, scope: Scope): string | undefined {
  const found = apiObjectOf(node, scope, new Set());
  return found && !found.onlyDefault && !found.uncertain ? found.via : undefined;
}

/**
 * How `node` reaches the API object, certainly or not (Uncertain). `member`: the property read of it, when one is
 * (`startRecord` of `{ ...wx }.startRecord`): an object literal's own later key of that name answers the read instead.
 */
export function apiObjectOf(node: t.Node, scope: Scope, seen: Set<t.Node>, member?: string): ApiObject | undefined {
  node = withoutWrappers(node);
  if (seen.has(node)) return undefined; // `const a = b, b = a`: never loop
  seen.add(node);
  const handedOn = valuesHandedOn(node, member);
  if (handedOn) return throughExpression(handedOn, scope, seen, member);
  const taroModule = `require('${TARO_MODULE}')`;
  if (isTaroRequire(node, scope)) return { via: taroModule, onlyDefault: false };
  const interop = taroInteropOf(node, scope);
  if (interop) return { via: taroModule, onlyDefault: interop === 'default' };
  // `Taro.default`, `taro_1.default` (TypeScript's CommonJS output): @tarojs/taro's module is
  // its own default export (`module.exports.default = module.exports`), so `.default` of Taro
  // is Taro; `.default` of wx is no API object.
  if (isDefaultMember(node)) {
    const object = apiObjectOf(node.object, scope, seen);
    return object && isTaroVia(object.via) ? { via: object.via, onlyDefault: false } : undefined;
  }
  if (node.type !== 'Identifier') return undefined;
  const { name } = node;
  const declaration = scope.lookup(name);
  const isPlatformGlobal = PLATFORM_GLOBALS.includes(name);
  const api = (via: string): ApiObject => ({ via, onlyDefault: false });
  if (!declaration) return isPlatformGlobal ? api(name) : undefined;
  // `declare const wx: …`
  if (isPlatformGlobal && declaration.ambient && declaration.kind !== 'import') return api(name);
  const declarer = declaration.id.parent;
  if (declaration.kind === 'import') {
    const specifier = declarer;
    const importDeclaration = declaration.id.up?.parent;
    if (
      (specifier?.type === 'ImportDefaultSpecifier' || specifier?.type === 'ImportNamespaceSpecifier') &&
      importDeclaration?.type === 'ImportDeclaration' &&
      importDeclaration.source.value === TARO_MODULE
    )
      return api(name);
    return undefined;
  }
  // `const Taro = require('@tarojs/taro')`, `const api = wx`: followed only when never reassigned.
  if (declarer?.type === 'VariableDeclarator' && declaration.id.key === 'id' && declaration.constant && declarer.init) {
    const found = apiObjectOf(declarer.init, declaration.id.scope, seen, member);
    if (!found) return undefined;
    const { via } = found;
    return {
      via: via === name || via.startsWith('require(') ? via : `${name} (alias of ${via})`,
      onlyDefault: found.onlyDefault,
      ...(found.uncertain ? { uncertain: { ...found.uncertain, holder: name } } : {}),
    };
  }
  // `function f(api = wx)`, `const { api = wx } = options`: a caller, or the object destructured, may give another.
  if (declarer?.type === 'AssignmentPattern' && declaration.id.key === 'left' && declaration.constant) {
    const found = apiObjectOf(declarer.right, declaration.id.scope, seen, member);
    if (!found || found.onlyDefault) return undefined;
    const what = declaration.kind === 'param' ? "a parameter's default value" : "a destructuring's default value";
    return {
      via: `${name} (alias of ${found.via})`,
      onlyDefault: false,
      uncertain: { what, objects: found.uncertain?.objects ?? [objectNameOf(found.via)], holder: name },
    };
  }
  return undefined;
}

/** The values an expression may hand on, and its kind in words (Uncertain's `what`); undefined for any other kind. */
function valuesHandedOn(node: t.Node, member: string | undefined): { what: string; values: t.Node[] } | undefined {
  switch (node.type) {
    case 'ConditionalExpression':
      return { what: 'a conditional', values: [node.consequent, node.alternate] };
    case 'LogicalExpression':
      // `a && b` hands on `a` only when it is falsy, which an API object never is.
      return {
        what: `a logical ${node.operator}`,
        values: node.operator === '&&' ? [node.right] : [node.left, node.right],
      };
    case 'SequenceExpression':
      return { what: 'a sequence', values: node.expressions.slice(-1) };
    case 'AssignmentExpression':
      if (node.operator === '=' || node.operator === '&&=') return { what: 'an assignment', values: [node.right] };
      if (node.operator === '||=' || node.operator === '??=')
        return { what: 'an assignment', values: [node.left, node.right] };
      return undefined;
    case 'ObjectExpression':
      return { what: 'an object spread', values: spreadsAnswering(node, member) };
    default:
      return undefined;
  }
}

/**
 * The spread arguments of an object literal that may answer a read of `member` (all of them when the read is not
 * known): those after the last own property of that name, which answers it otherwise.
 */
function spreadsAnswering(node: t.ObjectExpression, member: string | undefined): t.Node[] {
  const spreads: t.Node[] = [];
  for (let i = node.properties.length - 1; i >= 0; i--) {
    const property = node.properties[i];
    if (property.type === 'SpreadElement') spreads.unshift(property.argument);
    else if (member !== undefined && isKeyedProperty(property) && propertyKeyName(property) === member) break;
  }
  return spreads;
}

/** The static name of an object literal's key (`a`, `'a'`, `['a']`), or undefined. */
function propertyKeyName(property: t.ObjectProperty): string | undefined {
  if (!property.computed && property.key.type === 'Identifier') return property.key.name;
  return staticString(property.key);
}

/** What an expression of the kinds valuesHandedOn lists reaches: uncertain, whatever its values are. */
function throughExpression(
  handedOn: { what: string; values: t.Node[] },
  scope: Scope,
  seen: Set<t.Node>,
  member: string | undefined,
): ApiObject | undefined {
  const objects: string[] = [];
  for (const value of handedOn.values) {
    const found = apiObjectOf(value, scope, seen, member);
    if (!found || found.onlyDefault) continue;
    for (const object of found.uncertain?.objects ?? [objectNameOf(found.via)])
      if (!objects.includes(object)) objects.push(object);
  }
  if (objects.length === 0) return undefined;
  return { via: objects[0], onlyDefault: false, uncertain: { what: handedOn.what, objects } };
}

/**
 * An identifier bound to wepy's module: `import wepy from 'wepy'`, `import * as wepy`, `const wepy = require('wepy')`
 * (never reassigned).
 */
export function isWepyModule(node: t.Identifier, scope: Scope): boolean {
  const declaration = scope.lookup(node.name);
  const declarer = declaration?.id.parent;
  if (!declaration || !declarer) return false;
  if (declaration.kind === 'import') {
    const importDeclaration = declaration.id.up?.parent;
    return (
      (declarer.type === 'ImportDefaultSpecifier' || declarer.type === 'ImportNamespaceSpecifier') &&
      importDeclaration?.type === 'ImportDeclaration' &&
      importDeclaration.source.value === WEPY_MODULE
    );
  }
  return (
    declarer.type === 'VariableDeclarator' &&
    declaration.id.key === 'id' &&
    declaration.constant &&
    !!declarer.init &&
    isRequireOf(withoutWrappers(declarer.init), declaration.id.scope, WEPY_MODULE)
  );
}

/** `x = …`, `x++`, `delete x`, `for (x of …)`: writes, never rewritten. */
export function isWriteTarget(place: Place): boolean {
  const { parent, key } = place;
  if (!parent) return false;
  if (parent.type === 'AssignmentExpression') return key === 'left';
  if (parent.type === 'UpdateExpression') return true;
  if (parent.type === 'UnaryExpression') return parent.operator === 'delete';
  if (parent.type === 'ForInStatement' || parent.type === 'ForOfStatement') return key === 'left';
  return false;
}

export function isCallee(place: Place): boolean {
  return (
    (place.parent?.type === 'CallExpression' || place.parent?.type === 'OptionalCallExpression') &&
    place.key === 'callee'
  );
}

/**
 * The value a reference hands on: `f(taro_1.default)` passes Taro as `f(Taro)` does, and so do
 * `f(Taro as any)`, `f(<any>Taro)`, `f(Taro!)`, `f(Taro satisfies X)` (a cast is the same value).
 */
export function passedValueOf(place: Place): Place {
  while (
    place.up &&
    ((place.key === 'object' && isDefaultMember(place.up.node)) ||
      (place.key === 'expression' && isTransparentWrapper(place.up.node)))
  )
    place = place.up;
  return place;
}

/**
 * Where the value at `place` is handed on to, through the expressions that may hand it on (valuesHandedOn): the
 * conditional of `c ? wx : my`, the object literal of `{ ...wx }`; and the kind of the first one, if any.
 */
export function handedOnPlace(place: Place): { place: Place; through: string | undefined } {
  let through: string | undefined;
  place = passedValueOf(place);
  for (let what = handingOnKind(place); what !== undefined && place.up; what = handingOnKind(place)) {
    through ??= what;
    // A spread hands its argument to the object literal around it.
    const up = place.parent?.type === 'SpreadElement' ? place.up.up : place.up;
    if (!up) break;
    place = passedValueOf(up);
  }
  return { place, through };
}

/** The kind of expression (valuesHandedOn's words) that hands on the value at `place`, if its parent is one. */
function handingOnKind(place: Place): string | undefined {
  const { parent, key } = place;
  switch (parent?.type) {
    case 'ConditionalExpression':
      return key === 'test' ? undefined : 'a conditional';
    case 'LogicalExpression':
      return key === 'right' || parent.operator !== '&&' ? `a logical ${parent.operator}` : undefined;
    case 'SequenceExpression':
      return place.index === parent.expressions.length - 1 ? 'a sequence' : undefined;
    case 'SpreadElement':
      return place.up?.parent?.type === 'ObjectExpression' ? 'an object spread' : undefined;
    default:
      return undefined;
  }
}

/** Is the API object at `place` stored or passed on (`this.api = wx`, `f(Taro)`, `{ rec: Taro }`)? */
export function storesValue(place: Place): boolean {
  const { parent, key } = place;
  if (!parent) return false;
  return (
    (parent.type === 'AssignmentExpression' && key === 'right') ||
    (isKeyedProperty(parent) && key === 'value') ||
    parent.type === 'ArrayExpression' ||
    ((parent.type === 'CallExpression' || parent.type === 'NewExpression') && key === 'arguments') ||
    // Exported (`export { Taro }`, `export default wx`): other modules call through it.
    parent.type === 'ExportSpecifier' ||
    parent.type === 'ExportDefaultDeclaration' ||
    // `const api = Taro` is followed in this file, unless it is exported (`export const api = Taro`).
    (parent.type === 'VariableDeclarator' &&
      key === 'init' &&
      parent.id.type === 'Identifier' &&
      (!apiObjectOf(parent.id, place.scope, new Set()) || place.up?.up?.parent?.type === 'ExportNamedDeclaration')) ||
    // A default value (`function f(api = wx)`) is followed through its local, unless it is reassigned or destructured.
    (parent.type === 'AssignmentPattern' &&
      key === 'right' &&
      !(parent.left.type === 'Identifier' && apiObjectOf(parent.left, place.scope, new Set())))
  );
}
