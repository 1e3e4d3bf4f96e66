/** `taro-plugin-record-compat/babel`: the rewrite as a Babel 7 plugin. */
import type { PluginObj, PluginPass } from '@babel/core';
import { MESSAGE_PREFIX, PACKAGE_NAME, recordCompatBabelPlugin, type RewriteOptions } from './rewrite';

export type { RecordCompatMetadata, RewriteOptions, RewriteReport } from './rewrite';

/** What to do instead, where a Babel 6 toolchain (Taro 2's `babel` config) loads this plugin. */
export const BABEL6_MESSAGE =
  `${MESSAGE_PREFIX} ${PACKAGE_NAME}/babel is a Babel 7 plugin and this build runs Babel 6 (Taro 2's \`babel\` config): ` +
  `remove it from \`babel.plugins\` and list '${PACKAGE_NAME}' in \`plugins\` instead (Taro 2.2+), or migrate the source once with \`npx ${PACKAGE_NAME} src/\`.`;

function isBabel6(api: unknown): boolean {
  const version = (api as { version?: unknown } | undefined)?.version;
  return typeof version === 'string' && version.startsWith('6.');
}

export default function recordCompatBabel(api: unknown, options: RewriteOptions = {}): PluginObj<PluginPass> {
  if (isBabel6(api)) {
    const error = new Error(BABEL6_MESSAGE);
    // The message is the whole story: build tools that print the stack print this one line.
    error.stack = BABEL6_MESSAGE;
    throw error;
  }
  return recordCompatBabelPlugin(api, options);
}
