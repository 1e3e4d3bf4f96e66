/**
 * What counts as "the mini-program API object" (the namespace the legacy APIs
 * of legacy-apis.ts hang from). This is the one definition shared by
 * every door: the Babel plugin, the jscodeshift transform, the CLI and the audit.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { PLATFORM_GLOBALS, TARO_MODULE } from './legacy-apis';

// The table (legacy-apis.ts) says which globals and module; this file says how code reaches them.
export { isLegacyApiName, PLATFORM_GLOBALS, TARO_MODULE, WECHAT_GLOBAL } from './legacy-apis';

/** `require('@tarojs/taro')`, with `require` not shadowed by a local binding. */
function isTaroRequire(path: NodePath): boolean {
  if (!path.isCallExpression()) return false;
  const { callee, arguments: args } = path.node;
  return (
    t.isIdentifier(callee, { name: 'require' }) &&
    !path.scope.hasBinding('require') &&
    args.length === 1 &&
    t.isStringLiteral(args[0], { value: TARO_MODULE })
  );
}

/** The name of a member expression's property when it is static (`a.b`, `a['b']`, a`b` template). */
export function staticPropertyName(node: t.MemberExpression | t.OptionalMemberExpression): string | undefined {
  const { property, computed } = node;
  if (!computed) return t.isIdentifier(property) ? property.name : undefined;
  if (t.isStringLiteral(property)) return property.value;
  if (t.isTemplateLiteral(property) && property.expressions.length === 0) {
    return property.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** True for `declare const wx: …` / `declare var qq` (TypeScript): a type-only stand-in for the global. */
function isAmbientDeclaration(path: NodePath): boolean {
  const declaration = path.isVariableDeclarator() ? path.parentPath : null;
  return !!declaration && declaration.isVariableDeclaration() && declaration.node.declare === true;
}

/**
 * Describes how `path` reaches the mini-program API object, or returns undefined
 * when it does not (a local `wx`, `window.wx`, a CameraContext, …).
 * The answer is a label used in reports: `wx`, `Taro`, `require('@tarojs/taro')`, or `alias of …`.
 */
export function legacyNamespaceOf(path: NodePath, seen: Set<t.Node> = new Set()): string | undefined {
  if (seen.has(path.node)) return undefined; // `const a = b, b = a`: never loop
  seen.add(path.node);

  if (isTaroRequire(path)) return `require('${TARO_MODULE}')`;
  if (path.isMemberExpression() && staticPropertyName(path.node) === 'default') {
    const object = path.get('object');
    return isTaroRequire(object) ? `require('${TARO_MODULE}')` : undefined;
  }
  if (path.isTSNonNullExpression() || path.isTSAsExpression() || path.isParenthesizedExpression()) {
    return legacyNamespaceOf(path.get('expression') as NodePath, seen);
  }
  if (!path.isIdentifier()) return undefined;

  const { name } = path.node;
  const binding = path.scope.getBinding(name);
  const isPlatformGlobal = PLATFORM_GLOBALS.includes(name);
  if (!binding) return isPlatformGlobal ? name : undefined;
  if (isPlatformGlobal && isAmbientDeclaration(binding.path)) return name;

  const declaration = binding.path;
  if (declaration.isImportDefaultSpecifier() || declaration.isImportNamespaceSpecifier()) {
    const importDeclaration = declaration.parentPath;
    if (
      importDeclaration.isImportDeclaration() &&
      importDeclaration.node.source.value === TARO_MODULE &&
      importDeclaration.node.importKind !== 'type'
    ) {
      return name;
    }
    return undefined;
  }
  // `const Taro = require('@tarojs/taro')`, `const api = wx`: followed only when never reassigned.
  if (declaration.isVariableDeclarator() && binding.constant && t.isIdentifier(declaration.node.id)) {
    const init = declaration.get('init');
    if (!init.node) return undefined;
    const via = legacyNamespaceOf(init as NodePath, seen);
    if (!via) return undefined;
    return via === name || via.startsWith('require(') ? via : `${name} (alias of ${via})`;
  }
  return undefined;
}
