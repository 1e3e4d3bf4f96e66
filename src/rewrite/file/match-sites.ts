/**
 * The matcher's first step: one file's matching state (the scope walk's answers, the sites found,
 * the report being written) and the sites themselves, found in one pass over the walk's places:
 * members (`wx.startRecord`), named imports and destructurings of an API, re-exports.
 */
import type * as t from '@babel/types';
import type { Place, Reference, ScopeInfo } from './scope';
import {
  OWNER_CREATORS,
  TARO_MODULE,
  apiMatcher,
  handMigration,
  isChosenFamily,
  isRewrittenApi,
  isRoutedAppApi,
  legacyApiRow,
  renamedTo,
  reviewReason,
  type LegacyApiName,
} from '../rules/legacy-apis';
import type { SystemInfoPlan } from './system-info-reads';
import { stringValue } from '../rules/literals';
import { importSourceOf } from '../rules/options-schema';
import type { RewriteOptions, RewriteReport } from '../rules/types';
import {
  apiObjectOf,
  deprecatedThrough,
  isKeyedProperty,
  isTaroVia,
  isWepyModule,
  isWriteTarget,
  staticPropertyName,
  type Uncertain,
} from './api-object';
import { jsSdkCallOf, webSdkSignal } from './web-sdk';
import {
  noEdits,
  type LegacyBinding,
  type MatchContext,
  type MatchedApi,
  type MemberSite,
  type RewriteEdits,
} from './match-types';

export function byPosition(a: { line: number; column: number }, b: { line: number; column: number }): number {
  return a.line - b.line || a.column - b.column;
}

/** A binding's references that read it (a write is never rewritten). */
export function liveReferences(binding: LegacyBinding): Reference[] {
  return binding.declaration.references.filter((ref) => !ref.write);
}

/** Why a destructured API is left to a person (nested, exported, beside a rest element), or undefined. */
function destructuringReason(
  api: MatchedApi,
  via: string,
  value: t.Node,
  pattern: t.ObjectPattern,
  declarator: Place,
): string | undefined {
  if (value.type !== 'Identifier') return `nested destructuring of ${api} from ${via}; rewrite it by hand`;
  if (declarator.up?.parent?.type === 'ExportNamedDeclaration')
    return `${api} is destructured from ${via} in an export; other modules may import it, rewrite it by hand`;
  if (pattern.properties.some((p) => p.type === 'RestElement'))
    return `${api} is destructured from ${via} beside a rest element; removing it would change the rest object`;
  return undefined;
}

/** `wx`, `wx or Taro`, with the expression's kind and the local holding it: `wx (through a conditional, held by api)`. */
function reachedThrough(uncertain: Uncertain): string {
  const held = uncertain.holder ? `, held by ${uncertain.holder}` : '';
  return `${uncertain.objects.join(' or ')} (through ${uncertain.what}${held})`;
}

/** Why a legacy API reached through an expression (Uncertain) is left for a person, with the way out. */
function uncertainReason(api: string, uncertain: Uncertain, form: 'call' | 'destructuring'): string {
  const [first] = uncertain.objects;
  const reaches = uncertain.objects.length === 1 ? 'reaches' : 'reach';
  const held = uncertain.holder ? `, held by ${uncertain.holder}` : '';
  const what = form === 'call' ? `this ${api}` : `the ${api} destructured here`;
  return `${uncertain.objects.join(' or ')} ${reaches} ${what} through an expression (${uncertain.what}${held}): the tool cannot tell which platform's API runs; ${wayOut(api, first)}`;
}

/** What a person does with a legacy API of `object` reached through an expression: as the rewrite does on the object. */
function wayOut(api: string, object: string): string {
  const to = renamedTo(api);
  if (to)
    return `call ${api} on ${object} itself (${object}.${api}(…)), which the rewrite renames to ${to}, or rename it by hand`;
  if (isRewrittenApi(api))
    return `call ${api} on ${object} itself (${object}.${api}(…)), which the rewrite migrates, or migrate it by hand`;
  return reviewReason(api);
}

/**
 * One file's matching: the scope walk's answers, the sites found so far and the report being
 * written. Each step (step 1 here, the others in match-review.ts and match-edits.ts) reads and
 * adds to this state; matchLegacyCalls runs them in order.
 */
export class SiteMatcher {
  readonly report: RewriteReport = { rewritten: [], manual: [] };
  readonly edits: RewriteEdits;
  /** Member sites (`wx.startRecord`, `Taro['stopRecord']`) of a matched API. */
  readonly members: MemberSite[] = [];
  /** Bindings (named imports, destructurings) of a matched API. */
  readonly bindings: LegacyBinding[] = [];
  /** Calls whose arguments name the JS-SDK's `localId`: left alone. */
  readonly jsSdkCalls = new Set<t.Node>();
  /**
   * Members of the platform object that are no deprecated API but make an object that has one (`createMapContext`, whose
   * context's translateMarker is): followed by the owned members' step.
   */
  readonly platformCreators: MemberSite[] = [];
  /**
   * Callees of a creator reached through an expression (`(wx || {}).createMapContext`): its object's methods go with a
   * call left for a person.
   */
  readonly uncertainCreators = new Set<t.Node>();
  /** Bindings of an API whose family the options did not choose: their uses are left as chosen. */
  readonly unchosenBindings: LegacyBinding[] = [];
  /** Why the file is WeChat web JS-SDK code, once something says so. */
  webSdk: string | undefined;
  private readonly matches: (name: unknown) => name is MatchedApi;
  private readonly families: readonly string[] | undefined;
  protected readonly taroWrapper: boolean | undefined;
  /** What each call of an API with field groups becomes, by its callee (settleFieldReads). */
  protected readonly fieldPlans = new Map<t.Node, SystemInfoPlan>();

  constructor(
    readonly scopes: ScopeInfo,
    options: RewriteOptions,
    /** Does the text name a deprecated API (else only routed APIs, or nothing of the table)? */
    readonly mentionsLegacyApi: boolean,
    private readonly position: MatchContext['position'],
    /**
     * Can the text hold the JS-SDK's `localId` at all? A text that never spells it has no
     * handle in any call's arguments, which then need no walk (the same reading as the
     * program-wide check in settleJsSdk).
     */
    protected readonly mayHoldHandles: boolean,
  ) {
    this.matches = apiMatcher(options);
    this.families = options.families;
    this.taroWrapper = options.taroWrapper;
    this.edits = noEdits(importSourceOf(options));
  }

  positionOf(node: t.Node): { line: number; column: number } {
    if (node.loc) return { line: node.loc.start.line, column: node.loc.start.column };
    return this.position && node.start != null ? this.position(node.start) : { line: 0, column: 0 };
  }

  reportManual(node: t.Node, reason: string, api?: LegacyApiName, awaitsTemplate?: boolean): void {
    this.report.manual.push({
      ...this.positionOf(node),
      reason,
      ...(api ? { api } : {}),
      ...(awaitsTemplate ? { awaitsTemplate: true as const } : {}),
    });
  }

  /** The createCanvasContext references left only because the door writes no template (ManualReviewSite.awaitsTemplate). */
  protected readonly awaitingTemplate = new Set<t.Node>();

  /** Is the API's family among those the options chose (option `families`; all by default)? */
  private chosen(api: string): boolean {
    return isChosenFamily(api, this.families);
  }

  /**
   * A use of an API whose family was not chosen: left as it is, and in the report's count of such
   * uses. The app's own manager a family routes is no legacy use: its family not chosen, it is
   * simply not routed.
   */
  private leaveAsChosen(node: t.Node, api: MatchedApi): void {
    if (isRoutedAppApi(api)) return;
    (this.report.leftAsChosen ??= []).push({ ...this.positionOf(node), api: api as LegacyApiName });
  }

  /** Step 2c: each read of a binding whose family was not chosen, counted as left as chosen. */
  countUnchosenBindings(): void {
    for (const binding of this.unchosenBindings) {
      for (const ref of liveReferences(binding)) if (!ref.inType) this.leaveAsChosen(ref.place.node, binding.api);
    }
    this.report.leftAsChosen?.sort(byPosition);
  }

  /** Step 1: every place the walk kept, looked at once: members, bindings, re-exports, web JS-SDK signals. */
  collectSites(): void {
    for (const place of this.scopes.places) {
      const node = place.node;
      switch (node.type) {
        case 'CallExpression':
          this.webSdk ??= webSdkSignal(node, place.scope);
          break;
        case 'MemberExpression':
        case 'OptionalMemberExpression':
          this.matchMember(node, place);
          break;
        case 'ImportSpecifier':
          this.matchNamedImport(node, place);
          break;
        case 'VariableDeclarator':
          this.matchDestructuring(node, place);
          break;
        case 'ExportNamedDeclaration':
          this.reportReExports(node);
          break;
      }
    }
  }

  /** `wx.startRecord`, `Taro['stopRecord']`; a computed `wx[name]` is for a person. */
  private matchMember(node: t.MemberExpression | t.OptionalMemberExpression, place: Place): void {
    const name = staticPropertyName(node);
    const found = apiObjectOf(node.object, place.scope, new Set(), name);
    if (found?.uncertain) return this.matchUncertainMember(node, place, name, found.uncertain);
    const via = found && !found.onlyDefault ? found.via : undefined;
    if (!via) {
      if (!this.matchWepyMember(node, place)) this.matchImportEqualsMember(node, place);
      return;
    }
    if (name === undefined) {
      if (this.mentionsLegacyApi && !isWriteTarget(place)) {
        this.reportManual(
          node,
          `dynamic access on ${via}: a computed ${via}[…] may be a deprecated API (startRecord, playVoice, …); rewrite it by hand`,
        );
      }
      return;
    }
    if (!this.matches(name)) {
      if (OWNER_CREATORS.has(name) && !isWriteTarget(place))
        this.platformCreators.push({ api: name as MatchedApi, via, taro: isTaroVia(via), place });
      return;
    }
    if (isWriteTarget(place) || !deprecatedThrough(name, via)) return;
    const sdkCall = this.mayHoldHandles ? jsSdkCallOf(place) : undefined;
    if (sdkCall) this.jsSdkCalls.add(sdkCall);
    else if (!this.chosen(name)) this.leaveAsChosen(node, name);
    else this.members.push({ api: name, via, taro: isTaroVia(via), place });
  }

  /**
   * `(typeof wx !== 'undefined' ? wx : my).startRecord`, `api.getSystemInfoSync()` of `const api = wx || {}`: an API
   * object reached through an expression (Uncertain) is for a person, where the code calls or reads a legacy API of it.
   */
  private matchUncertainMember(
    node: t.MemberExpression | t.OptionalMemberExpression,
    place: Place,
    name: string | undefined,
    uncertain: Uncertain,
  ): void {
    if (isWriteTarget(place)) return;
    if (name === undefined) {
      if (this.mentionsLegacyApi)
        this.reportManual(
          node,
          `dynamic access on ${reachedThrough(uncertain)}: a computed […] may be a deprecated API (startRecord, playVoice, …); rewrite it by hand`,
        );
      return;
    }
    if (OWNER_CREATORS.has(name)) {
      const via = uncertain.objects[0];
      this.platformCreators.push({ api: name as MatchedApi, via, taro: isTaroVia(via), place });
      this.uncertainCreators.add(node);
    }
    if (!this.matches(name) || !uncertain.objects.some((object) => deprecatedThrough(name, object))) return;
    const sdkCall = this.mayHoldHandles ? jsSdkCallOf(place) : undefined;
    if (sdkCall) this.jsSdkCalls.add(sdkCall);
    else if (!this.chosen(name)) this.leaveAsChosen(node, name);
    else this.reportManual(node, uncertainReason(name, uncertain, 'call'));
  }

  /**
   * `wepy.startRecord` of `import wepy from 'wepy'` (or its `require`): wepy's own wrapper, for a person. True when it
   * was one.
   */
  private matchWepyMember(node: t.MemberExpression | t.OptionalMemberExpression, place: Place): boolean {
    if (node.object.type !== 'Identifier' || !isWepyModule(node.object, place.scope)) return false;
    const name = staticPropertyName(node);
    if (name === undefined || !this.matches(name) || isWriteTarget(place)) return true;
    if (!this.chosen(name)) {
      this.leaveAsChosen(node, name);
      return true;
    }
    const local = node.object.name;
    this.reportManual(node, `${local}.${name}, wepy's wrapper of wx.${name}, ${handMigration(name)}`);
    return true;
  }

  /**
   * `Taro.startRecord` of `import Taro = require('@tarojs/taro')` (TypeScript's CommonJS import):
   * for a person. The runtime's import this file would take is a module-style decision the
   * rewrite cannot make for it (`import … from` is refused in a `.cts` under
   * verbatimModuleSyntax, a bare `require` loses the types).
   */
  private matchImportEqualsMember(node: t.MemberExpression | t.OptionalMemberExpression, place: Place): void {
    if (node.object.type !== 'Identifier') return;
    const declarer = place.scope.lookup(node.object.name)?.id.parent;
    if (declarer?.type !== 'TSImportEqualsDeclaration' || declarer.importKind === 'type') return;
    const reference = declarer.moduleReference;
    if (reference.type !== 'TSExternalModuleReference' || stringValue(reference.expression) !== TARO_MODULE) return;
    const name = staticPropertyName(node);
    if (name === undefined || !this.matches(name) || isWriteTarget(place)) return;
    if (!this.chosen(name)) return this.leaveAsChosen(node, name);
    const local = node.object.name;
    this.reportManual(
      node,
      `${name} through ${local}, taken with import ${local} = require('${TARO_MODULE}'), a form the rewrite does not take: write import ${local} from '${TARO_MODULE}' and run again, or migrate it to ${legacyApiRow(name)?.replacement} by hand`,
    );
  }

  /** `import { startRecord } from '@tarojs/taro'` (not a type-only import). */
  private matchNamedImport(node: t.ImportSpecifier, place: Place): void {
    const declaration = place.parent as t.ImportDeclaration;
    if (declaration.source.value !== TARO_MODULE || declaration.importKind === 'type' || node.importKind === 'type')
      return;
    const api = node.imported.type === 'Identifier' ? node.imported.name : node.imported.value;
    const binding = place.scope.lookup(node.local.name);
    if (!this.matches(api) || !binding) return;
    const found: LegacyBinding = { api, via: 'named import', taro: true, declaration: binding, declarer: place };
    (this.chosen(api) ? this.bindings : this.unchosenBindings).push(found);
  }

  /** `const { stopRecord } = Taro`, `const { startRecord: sr } = require('@tarojs/taro')`. */
  private matchDestructuring(node: t.VariableDeclarator, place: Place): void {
    if (node.id.type !== 'ObjectPattern' || !node.init) return;
    const found = apiObjectOf(node.init, place.scope, new Set());
    if (!found || found.onlyDefault) return;
    const { via, uncertain } = found;
    const pattern = node.id;
    pattern.properties.forEach((property, index) => {
      if (!isKeyedProperty(property) || property.computed) return;
      const api = property.key.type === 'Identifier' ? property.key.name : stringValue(property.key);
      if (!this.matches(api)) return;
      if (uncertain) {
        if (!uncertain.objects.some((object) => deprecatedThrough(api, object))) return;
        if (!this.chosen(api)) return this.leaveAsChosen(property, api);
        return this.reportManual(property, uncertainReason(api, uncertain, 'destructuring'));
      }
      if (!deprecatedThrough(api, via)) return;
      const value = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
      const reason = destructuringReason(api, via, value, pattern, place);
      if (reason) return this.chosen(api) ? this.reportManual(property, reason) : this.leaveAsChosen(property, api);
      const local = (value as t.Identifier).name; // an identifier: destructuringReason says so
      const binding = place.scope.lookup(local);
      if (!binding) return;
      if (!this.chosen(api))
        return this.unchosenBindings.push({
          api,
          via: 'destructuring',
          taro: isTaroVia(via),
          declaration: binding,
          declarer: place,
        });
      if (!binding.constant)
        return this.reportManual(property, `${local} (${api} from ${via}) is reassigned later; rewrite it by hand`);
      const patternPlace: Place = {
        node: pattern,
        parent: node,
        key: 'id',
        index: undefined,
        up: place,
        scope: place.scope,
      };
      this.bindings.push({
        api,
        via: 'destructuring',
        taro: isTaroVia(via),
        declaration: binding,
        declarer: { node: property, parent: pattern, key: 'properties', index, up: patternPlace, scope: place.scope },
      });
    });
  }

  /** `export { startRecord } from '@tarojs/taro'`: for a person. */
  private reportReExports(node: t.ExportNamedDeclaration): void {
    if (node.source?.value !== TARO_MODULE) return;
    for (const specifier of node.specifiers) {
      if (specifier.type !== 'ExportSpecifier' || specifier.local.type !== 'Identifier') continue;
      const local = specifier.local.name;
      if (!this.matches(local)) continue;
      if (!this.chosen(local)) this.leaveAsChosen(specifier, local);
      else if (isRewrittenApi(local))
        this.reportManual(specifier, `re-export of ${local} from ${TARO_MODULE}; export it from the runtime instead`);
      else this.reportManual(specifier, reviewReason(local), local as LegacyApiName);
    }
  }
}
