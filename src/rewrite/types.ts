/**
 * The contract of the rewrite, shared by every door (Babel plugin, jscodeshift
 * transform, CLI, audit, Taro plugin). Keep it small and stable.
 */

import type { LegacyApi, LegacyApiName } from './legacy-apis';

// Which deprecated APIs exist, and what replaces each: the table in legacy-apis.ts.
export { LEGACY_APIS, DEFAULT_IMPORT_SOURCE, NATIVE_IMPORT_SOURCE, type LegacyApi, type LegacyApiName, type RoutedAppApi } from './legacy-apis';

export interface RewriteOptions {
  /** Module the rewritten calls import the runtime's functions (`startRecord`, …) from. */
  importSource?: string;
  /** `import` or `require` the runtime; by default decided from the file (see README). A Vue SFC block always wants `import`. */
  moduleStyle?: 'import' | 'require';
  /** Names the runtime's local bindings must not take (e.g. those declared in a Vue SFC's other script block). */
  reservedNames?: readonly string[];
  /**
   * Also route the app's own `getRecorderManager()` (every form the legacy calls are matched
   * in) through the runtime, so that the app and the legacy calls share the platform's one
   * manager without stealing each other's events (docs/contract.md, Decision R12). Default false. Set it
   * only for a project that has at least one legacy record call: the CLI and the build
   * plugin decide that per project (src/rewrite/project.ts).
   */
  routeRecorderManager?: boolean;
}

/** One legacy reference that was rewritten into a call of the runtime. */
export interface RewrittenSite {
  line: number;
  /** 0-based, as Babel counts. */
  column: number;
  api: LegacyApi;
  /** How the legacy API was reached: `wx`, `Taro` (default/namespace import or require), `named import`, `destructuring`. */
  via: string;
  /** `call` for `x.startRecord(...)`, `reference` for `setTimeout(wx.stopRecord)` and the like. */
  form: 'call' | 'reference';
}

/** A place the rewrite saw but could not change safely: a person must look. */
export interface ManualReviewSite {
  line: number;
  column: number;
  reason: string;
  /** Set for a use of a deprecated API the rewrite does not take (the table's rows without a runtime export). */
  api?: LegacyApiName;
}

export interface RewriteReport {
  rewritten: RewrittenSite[];
  manual: ManualReviewSite[];
  /** Set when the whole file was left alone on purpose (e.g. WeChat web JS-SDK code). */
  skipped?: string;
}

export function emptyReport(): RewriteReport {
  return { rewritten: [], manual: [] };
}
