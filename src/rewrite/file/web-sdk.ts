/**
 * WeChat's web JS-SDK (Official Account pages) told apart from the mini-program API that shares
 * its `wx`: the signals that mark a file as SDK code, and the calls that pass a recording's `localId`.
 */
import type * as t from '@babel/types';
import { forEachChild, type Place, type Scope } from './scope';
import { JS_SDK, WECHAT_GLOBAL, isLegacyApiName } from '../rules/legacy-apis';
import { stringValue } from '../rules/literals';
import { isCallee, isKeyedProperty, staticPropertyName } from './api-object';

const JS_SDK_ONLY_METHODS = new Set<string>(JS_SDK.onlyMethods);

function objectHasKey(node: t.Node | undefined, key: string): boolean {
  return (
    node?.type === 'ObjectExpression' &&
    node.properties.some(
      (p) =>
        isKeyedProperty(p) &&
        !p.computed &&
        ((p.key.type === 'Identifier' && p.key.name === key) || stringValue(p.key) === key),
    )
  );
}

/** Every `localId` identifier under `node` (the JS-SDK's handle to a recording; no mini-program API has it). */
export function handlesIn(node: t.Node, found: Set<t.Node>, strings = false): Set<t.Node> {
  if (node.type === 'Identifier' && node.name === JS_SDK.handle) found.add(node);
  if (strings && stringValue(node) === JS_SDK.handle) found.add(node);
  forEachChild(node, (child) => handlesIn(child, found, strings));
  return found;
}

/** The call `place` is the callee of, when its arguments name `localId`: a web JS-SDK call, left alone. */
export function jsSdkCallOf(place: Place): t.Node | undefined {
  if (!isCallee(place)) return undefined;
  const call = place.parent as t.CallExpression;
  return call.arguments.some((argument) => handlesIn(argument, new Set(), true).size > 0) ? call : undefined;
}

/** Why this call marks the file as WeChat web JS-SDK code (Official Account pages), or undefined. */
export function webSdkSignal(call: t.CallExpression, scope: Scope): string | undefined {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier' || callee.object.name !== WECHAT_GLOBAL)
    return undefined;
  if (scope.lookup(WECHAT_GLOBAL)) return undefined; // a local `wx` is not the SDK either way
  const method = staticPropertyName(callee);
  const firstArgument = call.arguments[0] as t.Node | undefined;
  if (method === JS_SDK.configMethod) {
    return objectHasKey(firstArgument, JS_SDK.configKey)
      ? `WeChat web JS-SDK code (wx.${JS_SDK.configMethod} with ${JS_SDK.configKey})`
      : undefined;
  }
  if (method && JS_SDK_ONLY_METHODS.has(method)) return `WeChat web JS-SDK code (wx.${method})`;
  if (isLegacyApiName(method) && objectHasKey(firstArgument, JS_SDK.cancelKey))
    return `WeChat web JS-SDK code (wx.${method} with a ${JS_SDK.cancelKey} callback)`;
  return undefined;
}
