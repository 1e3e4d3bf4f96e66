/**
 * WeChat's *web* JS-SDK (Official Account pages) also has `wx.startRecord`, but it
 * is a different API (`localId`, `onVoiceRecordEnd`, `jsApiList`): files that use
 * it must never be rewritten. We look for its unmistakable signals.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { GLOBAL_NAMESPACE, isLegacyApiName, staticPropertyName } from './legacy-namespace';

/** Calls that exist only in the web JS-SDK, never in the mini-program API (which has its own `playVoice`). */
const JS_SDK_ONLY_METHODS = new Set(['config', 'ready', 'onVoiceRecordEnd', 'uploadVoice', 'downloadVoice', 'translateVoice']);

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

/** Returns the reason the file is web JS-SDK code, or undefined. */
export function detectWebJsSdk(program: NodePath<t.Program>): string | undefined {
  let reason: string | undefined;
  program.traverse({
    CallExpression(path) {
      const callee = path.node.callee;
      if (!t.isMemberExpression(callee) || !t.isIdentifier(callee.object, { name: GLOBAL_NAMESPACE })) return;
      if (path.scope.hasBinding(GLOBAL_NAMESPACE)) return; // a local `wx` is not the SDK either way
      const method = staticPropertyName(callee);
      const firstArgument = path.node.arguments[0];
      if (method === 'config' && objectHasKey(firstArgument as t.Node, 'jsApiList')) {
        reason = 'WeChat web JS-SDK code (wx.config with jsApiList)';
      } else if (method && JS_SDK_ONLY_METHODS.has(method) && method !== 'config') {
        reason = `WeChat web JS-SDK code (wx.${method})`;
      } else if (isLegacyApiName(method) && objectHasKey(firstArgument as t.Node, 'cancel')) {
        reason = `WeChat web JS-SDK code (wx.${method} with a cancel callback)`;
      }
      if (reason) path.stop();
    },
    Identifier(path) {
      // `res.localId` / `{ localId }`: the JS-SDK's handle to a recording.
      if (path.node.name === 'localId') {
        reason = 'WeChat web JS-SDK code (localId)';
        path.stop();
      }
    },
  });
  return reason;
}
