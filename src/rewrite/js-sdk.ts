/**
 * WeChat's *web* JS-SDK (Official Account pages) also has `wx.startRecord`, but it
 * is a different API (`localId`, `onVoiceRecordEnd`, `jsApiList`): files that use
 * it must never be rewritten. We look for its unmistakable signals.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { JS_SDK, WECHAT_GLOBAL, isLegacyApiName } from './legacy-apis';
import { staticPropertyName } from './legacy-namespace';

const JS_SDK_ONLY_METHODS = new Set<string>(JS_SDK.onlyMethods);

function objectHasKey(node: t.Node | undefined, key: string): boolean {
  return (
    t.isObjectExpression(node) &&
    node.properties.some(
      (p) =>
        (t.isObjectProperty(p) || t.isObjectMethod(p)) &&
        !p.computed &&
        (t.isIdentifier(p.key, { name: key }) || t.isStringLiteral(p.key, { value: key })),
    )
  );
}

/** The JS-SDK's handle to a recording (`res.localId`): no mini-program API has it. */
export const JS_SDK_HANDLE = JS_SDK.handle;

/** Returns why this call marks the file as web JS-SDK code, or undefined. */
export function webSdkSignal(path: NodePath<t.CallExpression>): string | undefined {
  const callee = path.node.callee;
  if (!t.isMemberExpression(callee) || !t.isIdentifier(callee.object, { name: WECHAT_GLOBAL })) return undefined;
  if (path.scope.hasBinding(WECHAT_GLOBAL)) return undefined; // a local `wx` is not the SDK either way
  const method = staticPropertyName(callee);
  const firstArgument = path.node.arguments[0] as t.Node | undefined;
  if (method === JS_SDK.configMethod) {
    return objectHasKey(firstArgument, JS_SDK.configKey) ? `WeChat web JS-SDK code (wx.${JS_SDK.configMethod} with ${JS_SDK.configKey})` : undefined;
  }
  if (method && JS_SDK_ONLY_METHODS.has(method)) return `WeChat web JS-SDK code (wx.${method})`;
  if (isLegacyApiName(method) && objectHasKey(firstArgument, JS_SDK.cancelKey)) return `WeChat web JS-SDK code (wx.${method} with a ${JS_SDK.cancelKey} callback)`;
  return undefined;
}

function mentionsHandle(node: t.Node): boolean {
  let found = false;
  t.traverseFast(node, (n) => {
    if (t.isIdentifier(n, { name: JS_SDK_HANDLE }) || t.isStringLiteral(n, { value: JS_SDK_HANDLE })) found = true;
  });
  return found;
}

/**
 * The call `path` is the callee of, when its arguments name the JS-SDK's `localId`
 * (`wx.playVoice({ localId })`, `wx.stopRecord({ success(res) { res.localId } })`): a web
 * JS-SDK call, left alone even in a file that also holds mini-program calls.
 */
export function jsSdkCallOf(path: NodePath): t.CallExpression | t.OptionalCallExpression | undefined {
  const call = path.parentPath;
  if (!call || !(call.isCallExpression() || call.isOptionalCallExpression()) || call.node.callee !== path.node) return undefined;
  return call.node.arguments.some(mentionsHandle) ? call.node : undefined;
}
