/**
 * The matcher's steps 2 to 4: which of the sites found stay as they are, named for a person (web
 * JS-SDK code, bindings another Vue block or the template reads, the API object stored or passed
 * on, APIs without a runtime export, element calls and field reads the runtime cannot answer).
 */
import type * as t from '@babel/types';
import type { Declaration, Place } from './scope';
import { captureAt, captureReason, directEvalCalls } from './name-capture';
import {
  JS_SDK,
  PLATFORM_GLOBALS,
  elementDrivenBy,
  isRewrittenApi,
  legacyApiRow,
  renamedTo,
  reviewReason,
  type LegacyApiName,
} from '../rules/legacy-apis';
import { systemInfoCallbackPlan, systemInfoPlan, type FieldReadContext } from './system-info-reads';
import { elementCallVerdict, type ElementCallContext } from './element-calls';
import { canvasCallVerdict, type TemplateInsertion } from './canvas-calls';
import { canvasIdArgument } from './canvas-template';
import { settleCanvasMoves } from './canvas-moves';
import { pixelUsesIn, type CanvasUse } from './canvas-uses';
import { scriptTemplate, type TemplateNames } from './template';
import type { ScriptTemplate } from './template-element';
import {
  apiObjectOf,
  type ApiObject,
  isCallee,
  handedOnPlace,
  isTaroVia,
  staticPropertyName,
  storesValue,
  taroInteropOf,
} from './api-object';
import { handlesIn, jsSdkCallOf } from './web-sdk';
import type { LegacyBinding, MatchContext, MatchedApi, MemberSite } from './match-types';
import type { ManualReviewSite } from '../rules/types';
import { SiteMatcher, byPosition, liveReferences } from './match-sites';

/** Steps 2 to 4 on the state of SiteMatcher. */
export class ReviewingMatcher extends SiteMatcher {
  /**
   * Step 2, what depends on the whole file: JS-SDK calls through bindings (such a binding
   * stays as it is), stray `localId`s. Returns the bindings kept for the rewrite.
   */
  settleJsSdk(program: t.Program): LegacyBinding[] {
    if (!this.mayHoldHandles) return this.bindings;
    const keptBindings = this.bindings.filter((binding) => {
      const sdkCalls = liveReferences(binding)
        .map((ref) => jsSdkCallOf(ref.place))
        .filter((call) => call !== undefined);
      for (const call of sdkCalls) this.jsSdkCalls.add(call);
      return sdkCalls.length === 0;
    });
    const handles = handlesIn(program, new Set());
    const inCalls = new Set<t.Node>();
    for (const call of this.jsSdkCalls) handlesIn(call, inCalls);
    if ([...handles].some((handle) => !inCalls.has(handle)))
      this.webSdk ??= `WeChat web JS-SDK code (${JS_SDK.handle})`;
    return keptBindings;
  }

  /**
   * Step 2a, in a `<script setup>` block: its uses of a legacy binding of the component's plain
   * `<script>` (a named import of an API, a destructuring), which Vue lets it see. The rewrite of
   * this block cannot change that declaration, and the plain block's own rewrite keeps it for
   * them (keepSetupBindings): each use is named for a person.
   */
  reportUsesOfComponentBindings(bindings: readonly LegacyBinding[]): void {
    const own = new Set(this.scopes.references);
    for (const binding of bindings) {
      const local = binding.declaration.name;
      const what = local === binding.api ? `${local} (${binding.via})` : `${local} (${binding.api}, ${binding.via})`;
      for (const ref of liveReferences(binding)) {
        if (!own.has(ref)) continue;
        this.reportManual(
          ref.place.node,
          `${what} is declared in the component's plain <script>, which this <script setup> sees but whose declaration its rewrite cannot change: move it into <script setup> and run again, or migrate it by hand`,
        );
      }
    }
  }

  /**
   * Step 2a, in a plain `<script>` block of a component with a `<script setup>`: a top-level
   * legacy binding the setup block reads (`names`) is kept as it is, with its uses here, and named
   * for a person: the rewrite would remove or rename it, and the other block's uses would name
   * nothing. Returns the bindings still rewritten.
   */
  keepSetupBindings(bindings: LegacyBinding[], names: ReadonlySet<string>): LegacyBinding[] {
    return bindings.filter((binding) => {
      if (binding.declaration.id.scope !== this.scopes.program || !names.has(binding.declaration.name)) return true;
      const local = binding.declaration.name;
      const what = local === binding.api ? `${local} (${binding.via})` : `${local} (${binding.api}, ${binding.via})`;
      this.reportManual(
        binding.declarer.node,
        `${what}: the component's <script setup> uses it too, and the rewrite of one block cannot change the other's uses; the binding stays, with its uses here: move it into <script setup> and run again, or migrate them by hand`,
      );
      return false;
    });
  }

  /**
   * Step 2b, in a script block of a component with a `<script setup>`: a top-level binding the component's template
   * reads (`@tap="sr({})"`) is kept as it is, with its uses here, and named for a person. The rewrite would remove or
   * rename it (an import from the runtime under the API's own name), and the template, which it leaves as it is, would
   * call a name that no longer exists. Returns the bindings still rewritten.
   */
  keepTemplateBindings(bindings: LegacyBinding[], names: TemplateNames | undefined): LegacyBinding[] {
    if (!names) return bindings;
    return bindings.filter((binding) => {
      if (binding.declaration.id.scope !== this.scopes.program) return true; // the template sees the top level only
      const local = binding.declaration.name;
      let where: string;
      if ('unread' in names) {
        where = `the template may use it (${names.unread} cannot be read)`;
      } else {
        const line = names.lines.get(local);
        if (line === undefined) return true;
        where = `the template uses it (line ${line})`;
      }
      const what = local === binding.api ? `${local} (${binding.via})` : `${local} (${binding.api}, ${binding.via})`;
      this.reportManual(
        binding.declarer.node,
        `${what}: ${where}, and the rewrite leaves the template as it is; the binding stays, with its uses here: migrate them and the template's by hand`,
      );
      return false;
    });
  }

  /** Step 3: `this.api = wx`, `promisifyAll(Taro)`, `{ rec: Taro }`: the API escapes where we cannot follow it. */
  reportEscapes(): void {
    const reported = new Set<t.Node>();
    for (const ref of this.scopes.references) {
      if (ref.write || ref.inType) continue;
      const { node } = ref.place;
      const bound = ref.place.scope.lookup(node.name);
      // `f(require('@tarojs/taro'))`, `module.exports = require('@tarojs/taro')`: the value is the call.
      const requireCall = node.name === 'require' && !bound && isCallee(ref.place) ? ref.place.up : undefined;
      if (!requireCall && !PLATFORM_GLOBALS.includes(node.name) && !bound) continue;
      const { place, through } = handedOnPlace(requireCall ?? ref.place);
      if (reported.has(place.node) || !storesValue(place)) continue;
      // Handed to the compiler's interop helper: its wrapper is what is followed (or reported) instead.
      if (requireCall && place.parent && taroInteropOf(place.parent, place.scope)) continue;
      const found = apiObjectOf(place.node, place.scope, new Set());
      if (!found) continue;
      reported.add(place.node);
      this.reportManual(place.node, escapeReason(place, found, through));
    }
  }

  /**
   * Step 4: APIs the table lists without a runtime export: each use is named for a person, with its replacement;
   * nothing changes.
   */
  reportReviewOnly(keptBindings: LegacyBinding[]): void {
    // A member with a current name is renamed where it is written (settleRenames); a binding of it is for a person.
    for (const site of this.members)
      if (!isRewrittenApi(site.api) && !renamedTo(site.api))
        this.reportManual(site.place.node, reviewReason(site.api), site.api as LegacyApiName);
    for (const binding of keptBindings) {
      if (isRewrittenApi(binding.api)) continue;
      for (const ref of liveReferences(binding))
        if (!ref.inType) this.reportManual(ref.place.node, reviewReason(binding.api), binding.api as LegacyApiName);
    }
    this.report.manual.sort(byPosition);
  }

  /**
   * Step 4a: a site where the names the rewrite writes could resolve elsewhere (name-capture.ts: inside a `with`, or
   * where a direct eval sees them) stays as it is, reported with the reason. Only a site the runtime replaces writes
   * such a name: a rename keeps its object, and a place for a person is reported already. Returns the references kept,
   * by their nodes.
   */
  settleCapturedNames(members: MemberSite[], bindings: LegacyBinding[]): Set<t.Node> {
    const held = new Set<t.Node>();
    const settle = (api: MatchedApi, place: Place, declaration?: Declaration) => {
      if (!isRewrittenApi(api)) return;
      const capture = captureAt(place, this.directEvals(), declaration);
      if (!capture) return;
      held.add(place.node);
      this.reportManual(place.node, captureReason(api, capture, this.positionOf(capture.node).line));
      this.capturedSites.set(place.node, this.report.manual[this.report.manual.length - 1]!);
    };
    for (const site of members) settle(site.api, site.place);
    for (const binding of bindings)
      for (const ref of liveReferences(binding)) if (!ref.inType) settle(binding.api, ref.place, binding.declaration);
    this.report.manual.sort(byPosition);
    return held;
  }

  /** The places settleCapturedNames named for a person, by node: a pixel call among them may be named again. */
  private readonly capturedSites = new Map<t.Node, ManualReviewSite>();

  /** The file's direct eval calls (name-capture.ts), found once. */
  directEvals(): Place[] {
    return (this.evalCalls ??= directEvalCalls(this.scopes.references));
  }

  private evalCalls: Place[] | undefined;

  /**
   * Step 4b: a call that names a template element (createAudioContext) is rewritten only where
   * its element can do without it (element-calls.ts); a createCanvasContext only where its canvas
   * moves to Canvas 2D, with every call that names it (settleCanvases). The others stay as they are,
   * reported with the reason, and join `held`.
   */
  settleElementCalls(
    members: MemberSite[],
    bindings: LegacyBinding[],
    held: Set<t.Node>,
    elementCalls: ElementCallContext,
  ): void {
    const canvasUses: CanvasUse[] = [];
    const moving = new Map<CanvasUse, CanvasMove>();
    const keep = (api: MatchedApi, place: Place, reason: string, awaitsTemplate?: boolean) => {
      held.add(place.node);
      if (awaitsTemplate) this.awaitingTemplate.add(place.node);
      this.reportManual(
        place.node,
        `${reason}; migrate this ${api} to ${legacyApiRow(api)?.replacement} by hand`,
        api as LegacyApiName,
        awaitsTemplate,
      );
    };
    const settle = (api: MatchedApi, place: Place) => {
      const callPlace = isCallee(place) ? place.up : undefined;
      if (elementDrivenBy(api) === 'canvas') {
        const use: CanvasUse = { place, api: 'createCanvasContext', id: undefined };
        canvasUses.push(use);
        // Left for a person already (a name the rewrite writes could be captured there): it keeps its canvas legacy.
        if (held.has(place.node)) return Object.assign(use, heldCanvasUse(callPlace));
        const verdict = canvasCallVerdict(callPlace, elementCalls);
        use.id = verdict.id;
        if ('rewrite' in verdict) return void moving.set(use, { insertion: verdict.insertion });
        // A door that writes no template decides the rest as the codemod would, so that the reasons agree.
        if (verdict.awaitsTemplate) return void moving.set(use, { awaits: verdict.reason });
        use.stays = verdict.reason;
        if (verdict.namesNone) use.namesNone = true;
        return keep(api, place, verdict.reason, verdict.awaitsTemplate);
      }
      if (held.has(place.node)) return;
      const verdict = elementCallVerdict(callPlace, elementCalls);
      if ('reason' in verdict) keep(api, place, verdict.reason);
      else if (verdict.attributes.src !== undefined || verdict.attributes.loop) {
        const call = place.parent as t.CallExpression;
        this.edits.elementArguments.push({ call, attributes: verdict.attributes });
      }
    };
    for (const site of members) if (elementDrivenBy(site.api)) settle(site.api, site.place);
    for (const binding of bindings) {
      if (!elementDrivenBy(binding.api)) continue;
      for (const ref of liveReferences(binding)) if (!ref.inType) settle(binding.api, ref.place);
    }
    if (moving.size > 0) this.settleCanvases(canvasUses, moving, elementCalls, keep, held);
    this.report.manual.sort(byPosition);
  }

  /**
   * Step 4b for the canvases (canvas-moves.ts): a createCanvasContext whose own verdict moves it keeps its canvas
   * legacy where another call that may name the canvas cannot move; else its template gains `type="2d"` and the id
   * (once per canvas), and the pixel calls of its canvas become the runtime's (routePixelCalls). In a door that writes
   * no template, a canvas that would move stays, said so (ManualReviewSite.awaitsTemplate), and nothing is routed. The
   * pixel calls routed here or named for a person join `held`: the routed rows of the same calls (`routeCanvasPixels`)
   * leave them, so that no call is edited twice.
   */
  private settleCanvases(
    createCalls: CanvasUse[],
    moving: Map<CanvasUse, CanvasMove>,
    context: ElementCallContext,
    keep: (api: MatchedApi, place: Place, reason: string, awaitsTemplate?: boolean) => void,
    held: Set<t.Node>,
  ): void {
    for (const { api, place } of this.platformCreators)
      if (api === 'createCanvasContext' && this.uncertainCreators.has(place.node))
        createCalls.push({
          place,
          api: 'createCanvasContext',
          ...heldCanvasUse(isCallee(place) ? place.up : undefined),
        });
    const moves = settleCanvasMoves(
      [...createCalls, ...pixelUsesIn(context, this.directEvals())],
      (place) => this.positionOf(place.node).line,
    );
    const insertions = this.edits.templateInsertions;
    for (const [use, move] of moving) {
      const kept = moves.kept.get(use);
      if (kept) keep('createCanvasContext', use.place, kept);
      else if ('awaits' in move) keep('createCanvasContext', use.place, move.awaits, true);
      else if (
        move.insertion &&
        !insertions.some((i) => i.file === move.insertion!.file && i.offset === move.insertion!.offset)
      )
        insertions.push(move.insertion);
    }
    for (const { place, reason } of moves.keeping) {
      // A routed pixel call held for a captured name is said once, with its canvas (as where it is not routed).
      const captured = this.capturedSites.get(place.node);
      if (captured) this.report.manual.splice(this.report.manual.indexOf(captured), 1);
      held.add(place.node);
      this.reportManual(place.node, reason);
    }
    if ([...moving.values()].some((move) => 'awaits' in move)) return;
    this.pixelRoutes.push(...moves.routed);
    for (const { place } of moves.routed) held.add(place.node);
  }

  /** The pixel calls that move with their canvas (settleCanvases): the edits make them the runtime's. */
  protected readonly pixelRoutes: CanvasUse[] = [];

  /**
   * Step 4c: a system-info call is planned from what the code reads of its result
   * (system-info-reads.ts): getSystemInfoSync's fields in groups, the callback forms whole; one whose
   * result may have a field without a new home read stays as it is, reported with the reason, and
   * joins `held`.
   */
  settleFieldReads(members: MemberSite[], bindings: LegacyBinding[], held: Set<t.Node>, reads: FieldReadContext): void {
    const settle = (api: MatchedApi, place: Place) => {
      const row = legacyApiRow(api);
      if (held.has(place.node) || row?.kind !== 'systemInfo') return;
      const plan = row.fieldGroups ? systemInfoPlan(place, reads) : systemInfoCallbackPlan(place, api, reads);
      this.fieldPlans.set(place.node, plan);
      // A field read through the call's local is written anew (`deviceInfo.model`): a `with` or eval there captures it.
      const captured =
        plan.kind === 'group'
          ? plan.added.flatMap((added) => added.reads).find((read) => captureAt(read, this.directEvals()))
          : undefined;
      if (captured) {
        held.add(place.node);
        const capture = captureAt(captured, this.directEvals())!;
        this.reportManual(place.node, captureReason(api, capture, this.positionOf(capture.node).line, 'read'));
        return;
      }
      if (plan.kind !== 'person') return;
      held.add(place.node);
      this.reportManual(place.node, plan.reason);
    };
    for (const site of members) settle(site.api, site.place);
    for (const binding of bindings)
      for (const ref of liveReferences(binding)) if (!ref.inType) settle(binding.api, ref.place);
    this.report.manual.sort(byPosition);
  }

  /** Template files read for this script's decisions: the report lists them, once each (a build watches them). */
  noteTemplateFiles(files: readonly string[]): void {
    if (files.length > 0) this.report.templateFiles = [...new Set([...(this.report.templateFiles ?? []), ...files])];
  }

  /**
   * What the element-call verdicts read of this script: its template (read once, on the first
   * call; the files it read go into the report) and its calls.
   */
  elementCallContext(program: t.Program, context: MatchContext): ElementCallContext {
    let template: ScriptTemplate | undefined;
    let componentScript: boolean | undefined;
    const { sourceText } = context;
    const readTemplate = (): ScriptTemplate => {
      const read = scriptTemplate(program, {
        filename: context.filename,
        componentText: context.componentText,
        lineOf: (node) => this.positionOf(node).line,
        sourceOf: (node) =>
          sourceText !== undefined && node.start != null && node.end != null
            ? sourceText.slice(node.start, node.end)
            : '…',
      });
      this.noteTemplateFiles(read.files);
      return read;
    };
    return {
      template: () => (template ??= readTemplate()),
      places: this.scopes.places,
      references: this.scopes.references,
      memberName: staticPropertyName,
      lineOf: (node) => this.positionOf(node).line,
      writesTemplates: context.writesTemplates,
      templateSeesImports: context.templateNames !== undefined,
      // Asked of each call: the script's statements are looked at once.
      isComponentScript: () => (componentScript ??= this.registersComponent(program)),
    };
  }

  /** Does the script register a native custom component (`Component({…})` at its top, the global not shadowed)? */
  private registersComponent(program: t.Program): boolean {
    return (
      !this.scopes.program.lookup('Component') &&
      program.body.some((statement) => {
        const expression = statement.type === 'ExpressionStatement' ? statement.expression : undefined;
        return (
          expression?.type === 'CallExpression' &&
          expression.callee.type === 'Identifier' &&
          expression.callee.name === 'Component'
        );
      })
    );
  }
}

/**
 * How a createCanvasContext whose own verdict lets it move goes: with the attributes its template gains, or (a door
 * that writes no template) left with that reason.
 */
type CanvasMove = { insertion: TemplateInsertion | undefined } | { awaits: string };

/**
 * A createCanvasContext left for a person before its verdict (its name could be captured, its object reached through an
 * expression): it stays, and names the canvas its call's id names (any, where the id cannot be read).
 */
function heldCanvasUse(callPlace: Place | undefined): Pick<CanvasUse, 'id' | 'stays'> {
  const call = callPlace?.node as t.CallExpression | undefined;
  return { id: call && canvasIdArgument(call.arguments[0]), stays: 'it is left for a person' };
}

/** Why the API object stored or passed on at `place` (storesValue) is for a person, with the way out. */
function escapeReason(place: Place, found: ApiObject, through: string | undefined): string {
  const { uncertain } = found;
  // `f(taro_1)` of `taro_1 = __importDefault(require(…))` hands on the wrapper; its `.default` is Taro.
  const what = found.onlyDefault
    ? `the interop wrapper of ${found.via} (its .default is Taro)`
    : uncertain
      ? `${uncertain.objects.join(' or ')}, through an expression (${through ?? uncertain.what}${uncertain.holder ? `, held by ${uncertain.holder}` : ''}),`
      : found.via;
  // The way out: the calls the rewrite can follow are those on the API object itself.
  const object = uncertain
    ? uncertain.objects[0]
    : place.node.type === 'Identifier' && !found.onlyDefault
      ? place.node.name
      : isTaroVia(found.via)
        ? 'Taro'
        : found.via;
  const handed =
    place.parent?.type === 'AssignmentPattern'
      ? 'is a default value here, of a parameter or destructuring the rewrite does not follow'
      : 'is stored or passed on here';
  return `${what} ${handed}; deprecated APIs (startRecord, playVoice, …) called through it cannot be rewritten safely: call them on ${object} itself (${object}.startRecord(…)) where they are used, which the rewrite migrates, or change them to the runtime's functions by hand`;
}
