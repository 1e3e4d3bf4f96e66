/**
 * WeChat's *web* JS-SDK (Official Account pages) also has `wx.startRecord`, but it
 * is a different API (`localId`, `onVoiceRecordEnd`, `jsApiList`): files that use
 * it must never be rewritten. We look for its unmistakable signals.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { WECHAT_GLOBAL, isLegacyApiName, staticPropertyName } from './legacy-namespace';

/** Calls that exist only in the web JS-SDK, never in the mini-program API (which has its own `playVoice`). */
const JS_SDK_ONLY_METHODS = new Set(['ready', 'onVoiceRecordEnd', 'uploadVoice', 'downloadVoice', 'translateVoice']);

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
export const JS_SDK_HANDLE = 'localId';

/** Returns why this call marks the file as web JS-SDK code, or undefined. */
export function webSdkSignal(path: NodePath<t.CallExpression>): string | undefined {
  const callee = path.node.callee;
  if (!t.isMemberExpression(callee) || !t.isIdentifier(callee.object, { name: WECHAT_GLOBAL })) return undefined;
  if (path.scope.hasBinding(WECHAT_GLOBAL)) return undefined; // a local `wx` is not the SDK either way
  const method = staticPropertyName(callee);
  const firstArgument = path.node.arguments[0] as t.Node | undefined;
  if (method === 'config') return objectHasKey(firstArgument, 'jsApiList') ? 'WeChat web JS-SDK code (wx.config with jsApiList)' : undefined;
  if (method && JS_SDK_ONLY_METHODS.has(method)) return `WeChat web JS-SDK code (wx.${method})`;
  if (isLegacyApiName(method) && objectHasKey(firstArgument, 'cancel')) return `WeChat web JS-SDK code (wx.${method} with a cancel callback)`;
  return undefined;
}
