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
 * helper's wrapper object).
 */
interface ApiObject {
  via: string;
  onlyDefault: boolean;
}

/**
 * How `node` (an expression seen in `scope`) reaches the mini-program API object, or
 * undefined when it does not (a local `wx`, `window.wx`, a CameraContext…). The answer is
 * the label used in reports: `wx`, `Taro`, `require('@tarojs/taro')`, `api (alias of wx)`.
 */
export function legacyNamespaceOf(node: t.Node, scope: Scope): string | undefined {
  const found = apiObjectOf(node, scope, new Set());
  return found && !found.onlyDefault ? found.via : undefined;
}

export function apiObjectOf(node: t.Node, scope: Scope, seen: Set<t.Node>): ApiObject | undefined {
  node = withoutWrappers(node);
  if (seen.has(node)) return undefined; // `const a = b, b = a`: never loop
  seen.add(node);
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
    const found = apiObjectOf(declarer.init, declaration.id.scope, seen);
    if (!found) return undefined;
    const { via } = found;
    return {
      via: via === name || via.startsWith('require(') ? via : `${name} (alias of ${via})`,
      onlyDefault: found.onlyDefault,
    };
  }
  return undefined;
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
      (!apiObjectOf(parent.id, place.scope, new Set()) || place.up?.up?.parent?.type === 'ExportNamedDeclaration'))
  );
}
