import type { RewriteOptions } from './types';

const KNOWN_OPTIONS = ['importSource', 'moduleStyle', 'reservedNames', 'routeRecorderManager'];

/** Fails early, naming the bad option and what is allowed. */
export function validateRewriteOptions(options: unknown): asserts options is RewriteOptions {
  if (options === undefined || options === null) return;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`taro-plugin-record-compat: options must be an object like { importSource: 'taro-plugin-record-compat/runtime' }, got ${JSON.stringify(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.includes(key)) {
      throw new TypeError(`taro-plugin-record-compat: unknown option "${key}"; the rewrite accepts: ${KNOWN_OPTIONS.join(', ')}`);
    }
  }
  const { importSource, moduleStyle, reservedNames, routeRecorderManager } = options as RewriteOptions;
  if (routeRecorderManager !== undefined && typeof routeRecorderManager !== 'boolean') {
    throw new TypeError(`taro-plugin-record-compat: option "routeRecorderManager" must be true or false, got ${JSON.stringify(routeRecorderManager)}`);
  }
  if (moduleStyle !== undefined && moduleStyle !== 'import' && moduleStyle !== 'require') {
    throw new TypeError(`taro-plugin-record-compat: option "moduleStyle" must be 'import' or 'require', got ${JSON.stringify(moduleStyle)}`);
  }
  if (reservedNames !== undefined && (!Array.isArray(reservedNames) || reservedNames.some((n) => typeof n !== 'string'))) {
    throw new TypeError(`taro-plugin-record-compat: option "reservedNames" must be an array of identifier strings, got ${JSON.stringify(reservedNames)}`);
  }
  if (importSource !== undefined && (typeof importSource !== 'string' || importSource.trim() === '')) {
    throw new TypeError(`taro-plugin-record-compat: option "importSource" must be a non-empty module specifier string, got ${JSON.stringify(importSource)}`);
  }
}
