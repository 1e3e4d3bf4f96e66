/**
 * The one matcher: what counts as a legacy call, for every door. Given a parsed program
 * (the codemod's own parse, oxc's ESTree or Babel's, or the build's Babel tree), it finds
 * every reference to an API
 * of the table in legacy-apis.ts (and, with `routeRecorderManager`, the app's own
 * `getRecorderManager`) and returns the report and the edits that carry the rewrite out:
 * which references become which runtime function, which declarations go, which imports
 * come. It changes nothing; apply-text.ts makes the edits in the text (codemod),
 * apply-tree.ts in Babel's tree (build).
 */
import type * as t from '@babel/types';
import { analyzeScopes, type ChildKeys, type Scope } from './scope';
import { JS_SDK, isRewrittenApi, type LegacyApi } from '../rules/legacy-apis';
import type { TemplateMember } from './template';
import { mightContainLegacyCall, mightNameLegacyApi } from '../rules/prefilter';
import { importSourceOf } from '../rules/options-schema';
import type { ManualReviewSite, RewriteOptions } from '../rules/types';
import { legacyNamespaceOf } from './api-object';
import {
  noEdits,
  type LegacyBinding,
  type LegacyMatch,
  type MatchContext,
  type MemberSite,
  type OtherBlock,
} from './match-types';
import { FileMatcher } from './match-edits';
import { fieldReadContext } from './system-info-context';

/** Finds every legacy site of the program and the edits that rewrite them; changes nothing. */
export function matchLegacyCalls(
  program: t.Program,
  options: RewriteOptions = {},
  context: MatchContext = {},
): LegacyMatch {
  const { sourceText } = context;
  const mentionsLegacyApi = sourceText === undefined || mightNameLegacyApi(sourceText);
  // A file that names no deprecated API (nor, when routed, getRecorderManager) is done without a walk.
  if (!mentionsLegacyApi && !mightContainLegacyCall(sourceText!, options)) {
    return { report: { rewritten: [], manual: [] }, edits: noEdits(importSourceOf(options)) };
  }
  const beside = context.componentScript && componentScriptSeen(context.componentScript, options);
  const matcher = new FileMatcher(
    analyzeScopes(program, context.childKeys, beside?.scope),
    options,
    mentionsLegacyApi,
    context.position,
    sourceText === undefined || sourceText.includes(JS_SDK.handle),
  );
  matcher.collectSites();
  if (beside) matcher.reportUsesOfComponentBindings(beside.bindings);
  let keptBindings = matcher.keepTemplateBindings(matcher.settleJsSdk(program), context.templateNames);
  if (context.setupScript)
    keptBindings = matcher.keepSetupBindings(
      keptBindings,
      namesReadBySetup(context.setupScript, program, context.childKeys),
    );
  if (matcher.webSdk) return { report: { rewritten: [], manual: [], skipped: matcher.webSdk }, edits: matcher.edits };
  matcher.countUnchosenBindings();
  if (mentionsLegacyApi) matcher.reportEscapes();
  matcher.reportReviewOnly(keptBindings);
  const held = matcher.settleCapturedNames(matcher.members, keptBindings);
  matcher.settleElementCalls(matcher.members, keptBindings, held, matcher.elementCallContext(program, context));
  matcher.settleFieldReads(
    matcher.members,
    keptBindings,
    held,
    fieldReadContext(
      program,
      matcher.scopes,
      context,
      (node) => matcher.positionOf(node).line,
      (files) => matcher.noteTemplateFiles(files),
    ),
  );
  matcher.settleOwnedMembers(keptBindings, held, options.families);
  matcher.settleRenames();
  matcher.settleLifetimes(options.families);

  const rewrittenMembers = matcher.members.filter(
    (site): site is MemberSite & { api: LegacyApi } => isRewrittenApi(site.api) && !held.has(site.place.node),
  );
  const rewrittenBindings = keptBindings.filter((binding): binding is LegacyBinding & { api: LegacyApi } =>
    isRewrittenApi(binding.api),
  );
  const unjoinable =
    rewrittenMembers.length > 0 || rewrittenBindings.length > 0
      ? matcher.chooseRuntimeEntry(program, context.filename, options)
      : undefined;
  if (unjoinable) matcher.leaveForEntry(rewrittenMembers, rewrittenBindings, held, unjoinable);
  else if (rewrittenMembers.length > 0 || rewrittenBindings.length > 0) {
    matcher.replaceMembers(rewrittenMembers);
    matcher.routePixelCalls();
    const removed = matcher.replaceBindings(rewrittenBindings, held);
    matcher.dropEmptiedDestructurings();
    matcher.dropUnreadTaroImports(program, context);
    matcher.chooseLocalNames(removed, options);
  }
  matcher.sortRewrittenSites();
  return { report: matcher.report, edits: matcher.edits };
}

/**
 * What a `<script setup>` block sees of its component's plain `<script>`: the scope of its top
 * level (a scope around the block's own, as Vue compiles the setup's code inside the module the
 * plain script's code is at the top of), and the legacy bindings declared there.
 */
function componentScriptSeen(script: OtherBlock, options: RewriteOptions): { scope: Scope; bindings: LegacyBinding[] } {
  const scopes = analyzeScopes(script.program, script.childKeys);
  const matcher = new FileMatcher(scopes, options, true, undefined, false);
  matcher.collectSites();
  return { scope: scopes.program, bindings: matcher.bindings };
}

/** The top-level names of a plain `<script>` block (`program`) that its component's `<script setup>` reads. */
function namesReadBySetup(setup: OtherBlock, program: t.Program, childKeys: ChildKeys | undefined): Set<string> {
  const plain = analyzeScopes(program, childKeys).program;
  const read = new Set<string>();
  for (const ref of analyzeScopes(setup.program, setup.childKeys, plain).references) {
    if (ref.place.scope.lookup(ref.place.node.name)?.id.scope === plain) read.add(ref.place.node.name);
  }
  return read;
}

/**
 * A template's own uses of the API through a top-level name of its `<script setup>` (`program`):
 * `@tap="Taro.startRecord({})"` with `import Taro from '@tarojs/taro'`. Left as they are, as the
 * whole template is, and so named for a person, in the component's lines.
 */
export function templateApiUses(
  members: readonly TemplateMember[],
  program: t.Program,
  childKeys?: ChildKeys,
): ManualReviewSite[] {
  if (members.length === 0) return [];
  const scope = analyzeScopes(program, childKeys).program;
  const sites: ManualReviewSite[] = [];
  for (const { object, api, line, column } of members) {
    const via = legacyNamespaceOf({ type: 'Identifier', name: object } as t.Identifier, scope);
    if (via)
      sites.push({
        line,
        column,
        reason: `${object}.${api} in the template: the rewrite leaves the template as it is; call it from the script, which the rewrite migrates, or rewrite it by hand`,
      });
  }
  return sites;
}
