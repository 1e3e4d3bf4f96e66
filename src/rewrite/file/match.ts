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
import {
  analyzeScopes,
  forEachChild,
  isTransparentWrapper,
  withoutWrappers,
  type ChildKeys,
  type Declaration,
  type Place,
  type Reference,
  type Scope,
  type ScopeInfo,
} from './scope';
import {
  INTEROP_HELPERS,
  JS_SDK,
  PLATFORM_GLOBALS,
  RUNTIME_EXPORTS,
  TARO_MODULE,
  WECHAT_GLOBAL,
  WEPY_MODULE,
  apiMatcher,
  elementDrivenBy,
  handMigration,
  isChosenFamily,
  isDeprecatedOn,
  isLegacyApiName,
  isRoutedAppApi,
  isRewrittenApi,
  legacyApiRow,
  reviewReason,
  runtimeExportFor,
  sameRuntimeEntry,
  type LegacyApiName,
  type RoutedAppApi,
  type RuntimeExport,
} from '../rules/legacy-apis';
import { systemInfoPlan, type AddedDeclarator, type SystemInfoPlan } from './system-info-reads';
import { elementCallVerdict, type ElementArguments, type ElementCallContext } from './element-calls';
import { scriptTemplate, type ScriptTemplate, type TemplateMember, type TemplateNames } from './template';
import { staticString, stringValue } from '../rules/literals';
import { mightContainLegacyCall } from '../rules/prefilter';
import type { LegacyApi } from '../rules/legacy-apis';
import { importSourceOf } from '../rules/options-schema';
import type { ManualReviewSite, RewriteOptions, RewriteReport } from '../rules/types';

type MatchedApi = LegacyApiName | RoutedAppApi;

/** A reference that becomes the runtime's function: a member (`wx.startRecord`) or an identifier bound to the API. */
export interface Replacement {
  place: Place;
  /** The runtime function it becomes (the API's own, or its Taro-wrapped one). */
  api: RuntimeExport;
}

/** What the appliers do to a file; computed once, from the original tree. */
export interface RewriteEdits {
  replacements: Replacement[];
  /** Declarations of legacy bindings that go: import specifiers and destructuring properties. */
  removals: Place[];
  /** The runtime's local name for each API the file now calls. */
  localNames: Map<RuntimeExport, string>;
  /** The imports to add, in table order (APIs a runtime import of the file already brings are not here). */
  imports: { api: RuntimeExport; local: string }[];
  /**
   * Calls that name a template element and pass on its attributes with its id (`createAudioContext({ id: 'a', src })`).
   */
  elementArguments: ElementArguments[];
  /**
   * Further declarators for the other groups of fields a `getSystemInfoSync()` result is read for
   * (system-info-reads.ts).
   */
  addedDeclarators: AddedDeclarator[];
  /** An import of the runtime the file already has, where new named imports go. */
  existingImport: t.ImportDeclaration | undefined;
  /** A `const { … } = require('<runtime>')` the file already has, where new names go. */
  existingRequire: t.ObjectPattern | undefined;
  moduleStyle: 'import' | 'require';
  /**
   * The keyword of a new `require` line: `const` in a file that declares with `const` or `let`, `var` in one that never
   * does: the file's own keyword.
   */
  requireKeyword: 'const' | 'var';
  importSource: string;
  /** The scope changes the edits make, for a tree whose scope others read after us (the Babel door). */
  scopeChanges: {
    /** Legacy bindings whose declarations go. */
    removedBindings: Declaration[];
    /** References that disappear with the edits (`Taro` of `Taro.startRecord`, the init of a removed destructuring). */
    droppedReferences: { declaration: Declaration; identifier: t.Identifier }[];
  };
}

/** The matcher's answer for a file: what it reports, and the edits that rewrite it (none when nothing is rewritten). */
export interface LegacyMatch {
  report: RewriteReport;
  edits: RewriteEdits;
}

interface LegacyBinding {
  api: MatchedApi;
  via: string;
  /** Reached through `@tarojs/taro` (not `wx`/`qq`): Taro's wrapper applied to it (docs/contract.md, Decision R9). */
  taro: boolean;
  declaration: Declaration;
  /** The import specifier or destructuring property that declares it. */
  declarer: Place;
}

interface MemberSite {
  api: MatchedApi;
  via: string;
  /** As LegacyBinding's. */
  taro: boolean;
  place: Place;
}

const JS_SDK_ONLY_METHODS = new Set<string>(JS_SDK.onlyMethods);

/** An object literal's or pattern's property with a key: Babel's ObjectProperty/ObjectMethod, ESTree's Property. */
function isKeyedProperty(node: t.Node): node is t.ObjectProperty {
  return node.type === 'ObjectProperty' || node.type === 'ObjectMethod' || (node.type as string) === 'Property';
}

/** The name of a member expression's property when it is static (`a.b`, `a['b']`, a`b` template). */
export function staticPropertyName(node: t.MemberExpression | t.OptionalMemberExpression): string | undefined {
  const { property, computed } = node;
  if (!computed) return property.type === 'Identifier' ? property.name : undefined;
  return staticString(property);
}

/** Does a `via` label (legacyNamespaceOf) name Taro rather than a platform global or an alias of one? */
function isTaroVia(via: string): boolean {
  return !PLATFORM_GLOBALS.some(
    (name) => via === name || via.endsWith(`(alias of ${name})`) || via.includes(`(alias of ${name})`),
  );
}

/** The platform global a `via` label reaches (`wx` of `api (alias of wx)`), or undefined for Taro. */
function platformGlobalOf(via: string): string | undefined {
  return PLATFORM_GLOBALS.find((name) => via === name || via.includes(`(alias of ${name})`));
}

/**
 * Is `api`, reached through `via`, the deprecated API there (not a platform's current API of the same name, as
 * `qq.getSystemInfo`)?
 */
function deprecatedThrough(api: string, via: string): boolean {
  const global = platformGlobalOf(via);
  return global === undefined || isDeprecatedOn(api, global);
}

/** `require('@tarojs/taro')`, with `require` not shadowed. */
function isTaroRequire(node: t.Node, scope: Scope): boolean {
  return isRequireOf(node, scope, TARO_MODULE);
}

/** `require('<module>')`, the global require. */
function isRequireOf(node: t.Node, scope: Scope, module: string): boolean {
  if (node.type !== 'CallExpression') return false;
  const { callee, arguments: args } = node;
  return (
    callee.type === 'Identifier' &&
    callee.name === 'require' &&
    !scope.lookup('require') &&
    args.length === 1 &&
    stringValue(args[0]) === module
  );
}

/**
 * `__importDefault(require('@tarojs/taro'))`, `tslib_1.__importStar(…)`: what the compiler's interop helper makes of
 * Taro's module, or undefined.
 */
function taroInteropOf(node: t.Node, scope: Scope): 'default' | 'namespace' | undefined {
  if (
    node.type !== 'CallExpression' ||
    node.arguments.length !== 1 ||
    !isTaroRequire(withoutWrappers(node.arguments[0]), scope)
  )
    return undefined;
  const callee = withoutWrappers(node.callee);
  const name =
    callee.type === 'Identifier'
      ? callee.name
      : callee.type === 'MemberExpression'
        ? staticPropertyName(callee)
        : undefined;
  return name === undefined ? undefined : INTEROP_HELPERS.get(name);
}

/** `x.default` (also `x['default']`, `x?.default`). */
function isDefaultMember(node: t.Node): node is t.MemberExpression {
  return (
    (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') &&
    staticPropertyName(node) === 'default'
  );
}

/** The expression under wrappers and `.default`s: `taro_1` of `(taro_1.default as any)`. */
function underDefaults(node: t.Node): t.Node {
  node = withoutWrappers(node);
  while (isDefaultMember(node)) node = withoutWrappers(node.object);
  return node;
}

/**
 * How an expression reaches the API object: `via` labels it; `onlyDefault` when only its `.default` does (an interop
 * helper's wrapper object).
 */
interface ApiObject {
  via: string;
  onlyDefault: boolean;
}

/**
 * How `node` (an expression seen in `scope`) reaches the mini-program API object, or
 * undefined when it does not (a local `wx`, `window.wx`, a CameraContext…). The answer is
 * the label used in reports: `wx`, `Taro`, `require('@tarojs/taro')`, `api (alias of wx)`.
 */
export function legacyNamespaceOf(node: t.Node, scope: Scope): string | undefined {
  const found = apiObjectOf(node, scope, new Set());
  return found && !found.onlyDefault ? found.via : undefined;
}

function apiObjectOf(node: t.Node, scope: Scope, seen: Set<t.Node>): ApiObject | undefined {
  node = withoutWrappers(node);
  if (seen.has(node)) return undefined; // `const a = b, b = a`: never loop
  seen.add(node);
  const taroModule = `require('${TARO_MODULE}')`;
  if (isTaroRequire(node, scope)) return { via: taroModule, onlyDefault: false };
  const interop = taroInteropOf(node, scope);
  if (interop) return { via: taroModule, onlyDefault: interop === 'default' };
  // `Taro.default`, `taro_1.default` (TypeScript's CommonJS output): @tarojs/taro's module is
  // its own default export (`module.exports.default = module.exports`), so `.default` of Taro
  // is Taro; `.default` of wx is no API object.
  if (isDefaultMember(node)) {
    const object = apiObjectOf(node.object, scope, seen);
    return object && isTaroVia(object.via) ? { via: object.via, onlyDefault: false } : undefined;
  }
  if (node.type !== 'Identifier') return undefined;
  const { name } = node;
  const declaration = scope.lookup(name);
  const isPlatformGlobal = PLATFORM_GLOBALS.includes(name);
  const api = (via: string): ApiObject => ({ via, onlyDefault: false });
  if (!declaration) return isPlatformGlobal ? api(name) : undefined;
  // `declare const wx: …`
  if (isPlatformGlobal && declaration.ambient && declaration.kind !== 'import') return api(name);
  const declarer = declaration.id.parent;
  if (declaration.kind === 'import') {
    const specifier = declarer;
    const importDeclaration = declaration.id.up?.parent;
    if (
      (specifier?.type === 'ImportDefaultSpecifier' || specifier?.type === 'ImportNamespaceSpecifier') &&
      importDeclaration?.type === 'ImportDeclaration' &&
      importDeclaration.source.value === TARO_MODULE
    )
      return api(name);
    return undefined;
  }
  // `const Taro = require('@tarojs/taro')`, `const api = wx`: followed only when never reassigned.
  if (declarer?.type === 'VariableDeclarator' && declaration.id.key === 'id' && declaration.constant && declarer.init) {
    const found = apiObjectOf(declarer.init, declaration.id.scope, seen);
    if (!found) return undefined;
    const { via } = found;
    return {
      via: via === name || via.startsWith('require(') ? via : `${name} (alias of ${via})`,
      onlyDefault: found.onlyDefault,
    };
  }
  return undefined;
}

/**
 * An identifier bound to wepy's module: `import wepy from 'wepy'`, `import * as wepy`, `const wepy = require('wepy')`
 * (never reassigned).
 */
function isWepyModule(node: t.Identifier, scope: Scope): boolean {
  const declaration = scope.lookup(node.name);
  const declarer = declaration?.id.parent;
  if (!declaration || !declarer) return false;
  if (declaration.kind === 'import') {
    const importDeclaration = declaration.id.up?.parent;
    return (
      (declarer.type === 'ImportDefaultSpecifier' || declarer.type === 'ImportNamespaceSpecifier') &&
      importDeclaration?.type === 'ImportDeclaration' &&
      importDeclaration.source.value === WEPY_MODULE
    );
  }
  return (
    declarer.type === 'VariableDeclarator' &&
    declaration.id.key === 'id' &&
    declaration.constant &&
    !!declarer.init &&
    isRequireOf(withoutWrappers(declarer.init), declaration.id.scope, WEPY_MODULE)
  );
}

/** `x = …`, `x++`, `delete x`, `for (x of …)`: writes, never rewritten. */
function isWriteTarget(place: Place): boolean {
  const { parent, key } = place;
  if (!parent) return false;
  if (parent.type === 'AssignmentExpression') return key === 'left';
  if (parent.type === 'UpdateExpression') return true;
  if (parent.type === 'UnaryExpression') return parent.operator === 'delete';
  if (parent.type === 'ForInStatement' || parent.type === 'ForOfStatement') return key === 'left';
  return false;
}

function isCallee(place: Place): boolean {
  return (
    (place.parent?.type === 'CallExpression' || place.parent?.type === 'OptionalCallExpression') &&
    place.key === 'callee'
  );
}

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
function handlesIn(node: t.Node, found: Set<t.Node>, strings = false): Set<t.Node> {
  if (node.type === 'Identifier' && node.name === JS_SDK.handle) found.add(node);
  if (strings && stringValue(node) === JS_SDK.handle) found.add(node);
  forEachChild(node, (child) => handlesIn(child, found, strings));
  return found;
}

/** The call `place` is the callee of, when its arguments name `localId`: a web JS-SDK call, left alone. */
function jsSdkCallOf(place: Place): t.Node | undefined {
  if (!isCallee(place)) return undefined;
  const call = place.parent as t.CallExpression;
  return call.arguments.some((argument) => handlesIn(argument, new Set(), true).size > 0) ? call : undefined;
}

/** Why this call marks the file as WeChat web JS-SDK code (Official Account pages), or undefined. */
function webSdkSignal(call: t.CallExpression, scope: Scope): string | undefined {
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

/** ES module or CommonJS? Decides between `import` and `require` for the runtime. */
function moduleStyleOf(
  program: t.Program,
  usesCommonJs: boolean,
  filename: string | undefined,
  options: RewriteOptions,
): 'import' | 'require' {
  if (options.moduleStyle) return options.moduleStyle;
  if (
    program.body.some(
      (s) => s.type === 'ImportDeclaration' || s.type.startsWith('Export') || s.type === 'TSExportAssignment',
    )
  )
    return 'import';
  if (usesCommonJs) return 'require';
  // Neither: TypeScript and JSX expect `import`; plain .js/.cjs scripts (native
  // mini-program pages) get `require`, which every mini-program runtime understands.
  return !filename || /\.(c?js)$/.test(filename) ? 'require' : 'import';
}

/** `startRecord`, else `_startRecord`, `_startRecord2`, …: the first name nothing in the file uses. */
function freeName(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? `_${base}` : `_${base}${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}

function byPosition(a: { line: number; column: number }, b: { line: number; column: number }): number {
  return a.line - b.line || a.column - b.column;
}

export interface MatchContext {
  filename?: string;
  /** Line and column of an offset, for trees without `loc` (oxc's). */
  position?: (offset: number) => { line: number; column: number };
  /** The file's text; lets reports of dynamic access stay quiet in files that never name an API. */
  sourceText?: string;
  /** The .vue component's text, for a script block of it (its template is read from there, not from disk). */
  componentText?: string;
  /**
   * For a script block of a component with a `<script setup>`: the names the component's template reads (template.ts,
   * vueTemplateNames).
   */
  templateNames?: TemplateNames;
  /**
   * The child keys of each node kind, from the parser that made the tree (scope.ts, ChildKeys): a quicker scope walk.
   */
  childKeys?: ChildKeys;
  /**
   * For a `<script setup>` block: its component's plain `<script>`, parsed (the option componentScript), whose
   * top-level names the block sees.
   */
  componentScript?: OtherBlock;
  /**
   * For a plain `<script>` block: its component's `<script setup>`, parsed (the option setupScript), which sees this
   * block's top-level names.
   */
  setupScript?: OtherBlock;
}

/**
 * The other script block of a Vue component, parsed with the block's own parser (Vue requires both in one language).
 */
export interface OtherBlock {
  program: t.Program;
  childKeys?: ChildKeys;
}

function noEdits(importSource: string): RewriteEdits {
  return {
    replacements: [],
    removals: [],
    localNames: new Map(),
    imports: [],
    elementArguments: [],
    addedDeclarators: [],
    existingImport: undefined,
    existingRequire: undefined,
    moduleStyle: 'import',
    requireKeyword: 'var',
    importSource,
    scopeChanges: { removedBindings: [], droppedReferences: [] },
  };
}

/** A binding's references that read it (a write is never rewritten). */
function liveReferences(binding: LegacyBinding): Reference[] {
  return binding.declaration.references.filter((ref) => !ref.write);
}

/**
 * The value a reference hands on: `f(taro_1.default)` passes Taro as `f(Taro)` does, and so do
 * `f(Taro as any)`, `f(<any>Taro)`, `f(Taro!)`, `f(Taro satisfies X)` (a cast is the same value).
 */
function passedValueOf(place: Place): Place {
  while (
    place.up &&
    ((place.key === 'object' && isDefaultMember(place.up.node)) ||
      (place.key === 'expression' && isTransparentWrapper(place.up.node)))
  )
    place = place.up;
  return place;
}

/** Is the API object at `place` stored or passed on (`this.api = wx`, `f(Taro)`, `{ rec: Taro }`)? */
function storesValue(place: Place): boolean {
  const { parent, key } = place;
  if (!parent) return false;
  return (
    (parent.type === 'AssignmentExpression' && key === 'right') ||
    (isKeyedProperty(parent) && key === 'value') ||
    parent.type === 'ArrayExpression' ||
    ((parent.type === 'CallExpression' || parent.type === 'NewExpression') && key === 'arguments') ||
    // Exported (`export { Taro }`, `export default wx`): other modules call through it.
    parent.type === 'ExportSpecifier' ||
    parent.type === 'ExportDefaultDeclaration' ||
    // `const api = Taro` is followed in this file, unless it is exported (`export const api = Taro`).
    (parent.type === 'VariableDeclarator' &&
      key === 'init' &&
      parent.id.type === 'Identifier' &&
      (!apiObjectOf(parent.id, place.scope, new Set()) || place.up?.up?.parent?.type === 'ExportNamedDeclaration'))
  );
}

/** Does the file call `require(…)` or touch `module.…` (both unshadowed)? */
function usesCommonJs(references: Reference[]): boolean {
  return references.some(
    (ref) =>
      !ref.place.scope.lookup(ref.place.node.name) &&
      ((ref.place.node.name === 'require' && isCallee(ref.place)) ||
        (ref.place.node.name === 'module' &&
          ref.place.parent?.type === 'MemberExpression' &&
          ref.place.key === 'object')),
  );
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

/**
 * One file's matching: the scope walk's answers, the sites found so far and the report being
 * written. Each step below reads and adds to this state; matchLegacyCalls runs them in order.
 */
class FileMatcher {
  readonly report: RewriteReport = { rewritten: [], manual: [] };
  readonly edits: RewriteEdits;
  /** Member sites (`wx.startRecord`, `Taro['stopRecord']`) of a matched API. */
  readonly members: MemberSite[] = [];
  /** Bindings (named imports, destructurings) of a matched API. */
  readonly bindings: LegacyBinding[] = [];
  /** Calls whose arguments name the JS-SDK's `localId`: left alone. */
  readonly jsSdkCalls = new Set<t.Node>();
  /** Bindings of an API whose family the options did not choose: their uses are left as chosen. */
  readonly unchosenBindings: LegacyBinding[] = [];
  /** Why the file is WeChat web JS-SDK code, once something says so. */
  webSdk: string | undefined;
  private readonly matches: (name: unknown) => name is MatchedApi;
  private readonly families: readonly string[] | undefined;
  private readonly taroWrapper: boolean | undefined;
  /** What each call of an API with field groups becomes, by its callee (settleFieldReads). */
  private readonly fieldPlans = new Map<t.Node, SystemInfoPlan>();

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
    private readonly mayHoldHandles: boolean,
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

  reportManual(node: t.Node, reason: string, api?: LegacyApiName): void {
    this.report.manual.push({ ...this.positionOf(node), reason, ...(api ? { api } : {}) });
  }

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
    const via = legacyNamespaceOf(node.object, place.scope);
    if (!via) {
      if (!this.matchWepyMember(node, place)) this.matchImportEqualsMember(node, place);
      return;
    }
    const name = staticPropertyName(node);
    if (name === undefined) {
      if (this.mentionsLegacyApi && !isWriteTarget(place)) {
        this.reportManual(
          node,
          `dynamic access on ${via}: a computed ${via}[…] may be a deprecated API (startRecord, playVoice, …); rewrite it by hand`,
        );
      }
      return;
    }
    if (!this.matches(name) || isWriteTarget(place) || !deprecatedThrough(name, via)) return;
    const sdkCall = this.mayHoldHandles ? jsSdkCallOf(place) : undefined;
    if (sdkCall) this.jsSdkCalls.add(sdkCall);
    else if (!this.chosen(name)) this.leaveAsChosen(node, name);
    else this.members.push({ api: name, via, taro: isTaroVia(via), place });
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
    const via = legacyNamespaceOf(node.init, place.scope);
    if (!via) return;
    const pattern = node.id;
    pattern.properties.forEach((property, index) => {
      if (!isKeyedProperty(property) || property.computed) return;
      const api = property.key.type === 'Identifier' ? property.key.name : stringValue(property.key);
      if (!this.matches(api) || !deprecatedThrough(api, via)) return;
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
    for (const ref of this.scopes.references) {
      if (ref.write || ref.inType) continue;
      const { node } = ref.place;
      const bound = ref.place.scope.lookup(node.name);
      // `f(require('@tarojs/taro'))`, `module.exports = require('@tarojs/taro')`: the value is the call.
      const requireCall = node.name === 'require' && !bound && isCallee(ref.place) ? ref.place.up : undefined;
      if (!requireCall && !PLATFORM_GLOBALS.includes(node.name) && !bound) continue;
      const place = passedValueOf(requireCall ?? ref.place);
      if (!storesValue(place)) continue;
      // Handed to the compiler's interop helper: its wrapper is what is followed (or reported) instead.
      if (requireCall && place.parent && taroInteropOf(place.parent, place.scope)) continue;
      const found = apiObjectOf(place.node, place.scope, new Set());
      if (!found) continue;
      // `f(taro_1)` of `taro_1 = __importDefault(require(…))` hands on the wrapper; its `.default` is Taro.
      const what = found.onlyDefault ? `the interop wrapper of ${found.via} (its .default is Taro)` : found.via;
      // The way out: the calls the rewrite can follow are those on the API object itself.
      const object =
        place.node.type === 'Identifier' && !found.onlyDefault
          ? place.node.name
          : isTaroVia(found.via)
            ? 'Taro'
            : found.via;
      this.reportManual(
        place.node,
        `${what} is stored or passed on here; deprecated APIs (startRecord, playVoice, …) called through it cannot be rewritten safely: call them on ${object} itself (${object}.startRecord(…)) where they are used, which the rewrite migrates, or change them to the runtime's functions by hand`,
      );
    }
  }

  /**
   * Step 4: APIs the table lists without a runtime export: each use is named for a person, with its replacement;
   * nothing changes.
   */
  reportReviewOnly(keptBindings: LegacyBinding[]): void {
    for (const site of this.members)
      if (!isRewrittenApi(site.api))
        this.reportManual(site.place.node, reviewReason(site.api), site.api as LegacyApiName);
    for (const binding of keptBindings) {
      if (isRewrittenApi(binding.api)) continue;
      for (const ref of liveReferences(binding))
        if (!ref.inType) this.reportManual(ref.place.node, reviewReason(binding.api), binding.api as LegacyApiName);
    }
    this.report.manual.sort(byPosition);
  }

  /**
   * Step 4b: a call that names a template element (createAudioContext) is rewritten only where
   * its element can do without it (element-calls.ts); the others stay as they are, reported with
   * the reason. Returns the references kept, by their nodes.
   */
  settleElementCalls(members: MemberSite[], bindings: LegacyBinding[], elementCalls: ElementCallContext): Set<t.Node> {
    const held = new Set<t.Node>();
    const settle = (api: MatchedApi, place: Place) => {
      const verdict = elementCallVerdict(isCallee(place) ? place.up : undefined, elementCalls);
      if ('reason' in verdict) {
        held.add(place.node);
        this.reportManual(
          place.node,
          `${verdict.reason}; migrate this ${api} to ${legacyApiRow(api)?.replacement} by hand`,
          api as LegacyApiName,
        );
      } else if (verdict.attributes.src !== undefined || verdict.attributes.loop) {
        const call = place.parent as t.CallExpression;
        this.edits.elementArguments.push({ call, attributes: verdict.attributes });
      }
    };
    for (const site of members) if (elementDrivenBy(site.api)) settle(site.api, site.place);
    for (const binding of bindings) {
      if (!elementDrivenBy(binding.api)) continue;
      for (const ref of liveReferences(binding)) if (!ref.inType) settle(binding.api, ref.place);
    }
    this.report.manual.sort(byPosition);
    return held;
  }

  /**
   * Step 4c: a call whose result's fields the replacements answer in groups (getSystemInfoSync) is
   * planned from what the code reads of it (system-info-reads.ts); one that reads a field with no
   * new home stays as it is, reported with the reason, and joins `held`.
   */
  settleFieldReads(members: MemberSite[], bindings: LegacyBinding[], held: Set<t.Node>): void {
    const settle = (api: MatchedApi, place: Place) => {
      if (!legacyApiRow(api)?.fieldGroups || !isCallee(place)) return;
      const plan = systemInfoPlan(place);
      this.fieldPlans.set(place.node, plan);
      if (plan.kind !== 'person') return;
      held.add(place.node);
      this.reportManual(place.node, plan.reason);
    };
    for (const site of members) settle(site.api, site.place);
    for (const binding of bindings)
      for (const ref of liveReferences(binding)) if (!ref.inType) settle(binding.api, ref.place);
    this.report.manual.sort(byPosition);
  }

  /**
   * What the element-call verdicts read of this script: its template (read once, on the first
   * call; the files it read go into the report) and its calls.
   */
  elementCallContext(program: t.Program, context: MatchContext): ElementCallContext {
    let template: ScriptTemplate | undefined;
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
      if (read.files.length > 0) this.report.templateFiles = [...read.files];
      return read;
    };
    return {
      template: () => (template ??= readTemplate()),
      places: this.scopes.places,
      memberName: staticPropertyName,
      isComponentScript: () =>
        !this.scopes.program.lookup('Component') &&
        program.body.some((statement) => {
          const expression = statement.type === 'ExpressionStatement' ? statement.expression : undefined;
          return (
            expression?.type === 'CallExpression' &&
            expression.callee.type === 'Identifier' &&
            expression.callee.name === 'Component'
          );
        }),
    };
  }

  /** Step 5: each rewritten member becomes the runtime's function; `Taro` of `Taro.startRecord` is read no more. */
  replaceMembers(members: (MemberSite & { api: LegacyApi })[]): void {
    for (const site of members) {
      this.rewriteAt(site.place, site.api, site.via, site.taro);
      this.dropReference((site.place.node as t.MemberExpression).object, site.place.scope);
    }
  }

  /**
   * A reference that becomes the runtime's function: the edit, and the report's site (naming the wrapped export where
   * it is one).
   */
  private rewriteAt(place: MemberSite['place'], api: LegacyApi, via: string, throughTaro: boolean): void {
    const plan = this.fieldPlans.get(place.node);
    const becomes = plan?.kind === 'group' ? plan.api : runtimeExportFor(api, throughTaro, this.taroWrapper);
    if (plan?.kind === 'group') this.edits.addedDeclarators.push(...plan.added);
    this.report.rewritten.push({
      ...this.positionOf(place.node),
      api,
      via,
      form: isCallee(place) ? 'call' : 'reference',
      ...(becomes !== api ? { becomes } : {}),
    });
    this.edits.replacements.push({ place, api: becomes });
    this.noteTaroWrapped(api, throughTaro);
  }

  /**
   * A use reached through Taro of an API Taro < 3.3.1 wrapped: its export follows `taroWrapper`, which the report says.
   */
  private noteTaroWrapped(api: LegacyApi, throughTaro: boolean): void {
    if (runtimeExportFor(api, throughTaro, true) !== runtimeExportFor(api, throughTaro, false))
      this.report.taroWrapped = true;
  }

  /**
   * Step 6: each read of a rewritten binding becomes the runtime's function (not the `held` ones); the declaration
   * goes. Returns the bindings removed.
   */
  replaceBindings(bindings: (LegacyBinding & { api: LegacyApi })[], held: ReadonlySet<t.Node>): LegacyBinding[] {
    const removed: LegacyBinding[] = [];
    for (const binding of bindings) {
      let typeReferences = 0;
      for (const ref of liveReferences(binding)) {
        // a type, or a call left for a person, still reads the binding: it stays
        if (ref.inType || held.has(ref.place.node)) {
          typeReferences++;
          continue;
        }
        this.rewriteAt(ref.place, binding.api, binding.via, binding.taro);
      }
      // Keep a named import still used as a type (`startRecord.Option`); TypeScript elides it.
      if (typeReferences === 0) {
        this.edits.removals.push(binding.declarer);
        removed.push(binding);
        this.edits.scopeChanges.removedBindings.push(binding.declaration);
      }
    }
    return removed;
  }

  /**
   * Step 7: a destructuring left empty goes with its declarator, and the declarator's read of the API object with it.
   */
  dropEmptiedDestructurings(): void {
    const { removals, scopeChanges } = this.edits;
    for (const declarer of removals) {
      const pattern = declarer.parent;
      if (pattern?.type !== 'ObjectPattern' || !pattern.properties.every((p) => removals.some((r) => r.node === p)))
        continue;
      const declarator = declarer.up?.parent;
      if (
        declarator?.type === 'VariableDeclarator' &&
        declarator.init &&
        !scopeChanges.droppedReferences.some((d) => d.identifier === declarator.init)
      ) {
        this.dropReference(declarator.init, declarer.scope);
      }
    }
  }

  /**
   * Step 7b, in a TypeScript file: a default or namespace import of `@tarojs/taro` that the edits
   * leave unread (no value and no type reference outside the replaced sites) goes, as TypeScript
   * and Babel's TypeScript preset drop it anyway (so nothing changes at run time), and under the
   * `noUnusedLocals` of Taro's template it would fail the project's tsc (TS6133). A JavaScript
   * file keeps it: Babel keeps the import there, and its loading may matter. A Vue block keeps
   * it too: the component's template may read it.
   */
  dropUnreadTaroImports(program: t.Program, context: MatchContext): void {
    if (
      !context.filename ||
      !TS_SCRIPT.test(context.filename) ||
      context.componentText !== undefined ||
      VUE_BLOCK.test(context.filename)
    )
      return;
    const dropped = new Set<t.Node>(this.edits.scopeChanges.droppedReferences.map((d) => d.identifier));
    for (const statement of program.body) {
      if (
        statement.type !== 'ImportDeclaration' ||
        statement.importKind === 'type' ||
        statement.importKind === 'typeof' ||
        statement.source.value !== TARO_MODULE
      )
        continue;
      for (const specifier of statement.specifiers) {
        if (specifier.type === 'ImportSpecifier') continue;
        const declaration = this.scopes.program.declarations.get(specifier.local.name);
        if (!declaration || declaration.id.node !== specifier.local || declaration.references.length === 0) continue;
        if (
          !declaration.references.every((ref) => dropped.has(ref.place.node)) ||
          namedInJsx(program, declaration.name)
        )
          continue;
        this.edits.removals.push(declaration.id.up!);
        this.edits.scopeChanges.removedBindings.push(declaration);
      }
    }
  }

  /** Step 8: the rewritten sites in source order, in the report and in the edits. */
  sortRewrittenSites(): void {
    this.report.rewritten.sort(byPosition);
    this.edits.replacements.sort((a, b) => (a.place.node.start ?? 0) - (b.place.node.start ?? 0));
  }

  /**
   * The identifier under `Taro!`, `(Taro as any)`, `(Taro)`, `taro_1.default`, and the declaration it reads, if any: a
   * reference the edits remove.
   */
  private dropReference(expression: t.Node, scope: Scope): void {
    const node = underDefaults(expression);
    const declaration = node.type === 'Identifier' ? scope.lookup(node.name) : undefined;
    if (declaration) this.edits.scopeChanges.droppedReferences.push({ declaration, identifier: node as t.Identifier });
  }

  /**
   * Step 9, the runtime's local names: an import of it the file already has, else the plain
   * name when free (names of removed bindings are free again); the imports to add.
   */
  chooseLocalNames(
    program: t.Program,
    removed: LegacyBinding[],
    filename: string | undefined,
    options: RewriteOptions,
  ): void {
    const edits = this.edits;
    edits.moduleStyle = moduleStyleOf(program, usesCommonJs(this.scopes.references), filename, options);
    const counts = new Map(this.scopes.nameCounts);
    for (const { declaration } of removed) {
      const left = (counts.get(declaration.name) ?? 0) - 1 - declaration.references.length;
      if (left > 0) counts.set(declaration.name, left);
      else counts.delete(declaration.name);
    }
    const taken = new Set([...counts.keys(), ...(options.reservedNames ?? [])]);
    const needed = RUNTIME_EXPORTS.filter(
      (api) => edits.replacements.some((r) => r.api === api) || edits.addedDeclarators.some((d) => d.api === api),
    );
    if (edits.moduleStyle === 'import') edits.existingImport = existingRuntimeImport(program, edits.importSource);
    else {
      edits.existingRequire = existingRuntimeRequire(program, edits.importSource, this.scopes.program);
      edits.requireKeyword = declaresBlockScoped(this.scopes.places) ? 'const' : 'var';
    }
    for (const api of needed) {
      const reused =
        (edits.existingImport && reusableLocal(edits.existingImport, api, this.scopes.program)) ??
        (edits.existingRequire && reusableProperty(edits.existingRequire, api, this.scopes.program));
      if (reused) {
        edits.localNames.set(api, reused);
        continue;
      }
      const local = freeName(api, taken);
      taken.add(local);
      edits.localNames.set(api, local);
      edits.imports.push({ api, local });
    }
    for (const added of edits.addedDeclarators) {
      if (added.reads.length === 0) continue;
      added.local = freeName(added.nameBase, taken);
      taken.add(added.local);
    }
  }
}

/** A TypeScript module (not a declaration file: none is rewritten), whose unread imports the compiler drops. */
const TS_SCRIPT = /\.[cm]?tsx?$/i;

/** A Vue component's script block, as the Babel door names it (`page.vue.ts`, blockFileName). */
const VUE_BLOCK = /\.vue\.[^./\\]+$/i;

/**
 * Whether a JSX tag names `name` (`<Taro.Foo />`): the scope walk records no JSX names as
 * references, so an import read only there would look unread. Any such tag counts, shadowed or not.
 */
function namedInJsx(program: t.Program, name: string): boolean {
  let found = false;
  const visit = (node: t.Node): void => {
    if (found) return;
    if (node.type === 'JSXIdentifier' && node.name === name) found = true;
    else forEachChild(node, visit);
  };
  visit(program);
  return found;
}

/** Finds every legacy site of the program and the edits that rewrite them; changes nothing. */
export function matchLegacyCalls(
  program: t.Program,
  options: RewriteOptions = {},
  context: MatchContext = {},
): LegacyMatch {
  const { sourceText } = context;
  const mentionsLegacyApi = sourceText === undefined || mightContainLegacyCall(sourceText);
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
  const held = matcher.settleElementCalls(matcher.members, keptBindings, matcher.elementCallContext(program, context));
  matcher.settleFieldReads(matcher.members, keptBindings, held);

  const rewrittenMembers = matcher.members.filter(
    (site): site is MemberSite & { api: LegacyApi } => isRewrittenApi(site.api) && !held.has(site.place.node),
  );
  const rewrittenBindings = keptBindings.filter((binding): binding is LegacyBinding & { api: LegacyApi } =>
    isRewrittenApi(binding.api),
  );
  if (rewrittenMembers.length > 0 || rewrittenBindings.length > 0) {
    matcher.replaceMembers(rewrittenMembers);
    const removed = matcher.replaceBindings(rewrittenBindings, held);
    matcher.dropEmptiedDestructurings();
    matcher.dropUnreadTaroImports(program, context);
    matcher.sortRewrittenSites();
    matcher.chooseLocalNames(program, removed, context.filename, options);
  }
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

/** The file's own `import { … } from '<runtime>'` (a half-migrated file), where new names join. */
function existingRuntimeImport(program: t.Program, source: string): t.ImportDeclaration | undefined {
  const namedImports = program.body.filter(
    (s): s is t.ImportDeclaration =>
      s.type === 'ImportDeclaration' &&
      s.importKind !== 'type' &&
      s.importKind !== 'typeof' &&
      s.specifiers.length > 0 &&
      s.specifiers.every((x) => x.type === 'ImportSpecifier'),
  );
  // Code an earlier version migrated imports the runtime from this package (taro-plugin-record-compat/runtime): the
  // same modules, so its import takes the new names too.
  return (
    namedImports.find((s) => s.source.value === source) ??
    namedImports.find((s) => sameRuntimeEntry(s.source.value, source))
  );
}

/**
 * The file's own top-level `const { … } = require('<runtime>')` (a half-migrated file, or one a
 * run has migrated before), where new names join: a pattern of plain properties only, and
 * `require` the global one.
 */
function existingRuntimeRequire(program: t.Program, source: string, scope: Scope): t.ObjectPattern | undefined {
  for (const statement of program.body) {
    if (statement.type !== 'VariableDeclaration') continue;
    for (const declarator of statement.declarations) {
      const { id, init } = declarator;
      if (id.type !== 'ObjectPattern' || !init || !isRequireOf(init, scope, source)) continue;
      if (
        id.properties.length > 0 &&
        id.properties.every(
          (p) => isKeyedProperty(p) && !p.computed && p.key.type === 'Identifier' && p.value.type === 'Identifier',
        )
      )
        return id;
    }
  }
  return undefined;
}

/** The local name a `require` pattern of the runtime already gives `api`, when it is never reassigned. */
function reusableProperty(pattern: t.ObjectPattern, api: RuntimeExport, program: Scope): string | undefined {
  for (const property of pattern.properties as t.ObjectProperty[]) {
    const local = (property.value as t.Identifier).name;
    if ((property.key as t.Identifier).name === api && program.lookup(local)?.constant) return local;
  }
  return undefined;
}

/** Whether the file declares anything with `const` or `let` (then a new `require` line may too). */
function declaresBlockScoped(places: readonly Place[]): boolean {
  return places.some(
    (place) =>
      place.node.type === 'VariableDeclarator' &&
      ['const', 'let'].includes((place.parent as t.VariableDeclaration | undefined)?.kind ?? ''),
  );
}

function reusableLocal(declaration: t.ImportDeclaration, api: RuntimeExport, program: Scope): string | undefined {
  for (const specifier of declaration.specifiers) {
    if (specifier.type !== 'ImportSpecifier' || specifier.importKind === 'type') continue;
    const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
    if (imported === api && program.lookup(specifier.local.name)?.constant) return specifier.local.name;
  }
  return undefined;
}
