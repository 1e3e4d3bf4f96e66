/**
 * The one matcher: what counts as a legacy call, for every door. Given a parsed program
 * (the codemod's own parse, oxc's ESTree or Babel's, or the build's Babel tree), it finds
 * every reference to an API
 * of the table in legacy-apis.ts (and, with `routeRecorderManager`, the app's own
 * `getRecorderManager`) and returns a plan: which references become which runtime
 * function, which declarations go, which imports come, and the report. It changes
 * nothing; apply-text.ts carries the plan out as text edits (codemod), apply-tree.ts on
 * Babel's tree (build).
 */
import type * as t from '@babel/types';
import { analyzeScopes, forEachChild, type Declaration, type Place, type Reference, type Scope } from './scope';
import { JS_SDK, PLATFORM_GLOBALS, TARO_MODULE, WECHAT_GLOBAL, apiMatcher, isLegacyApiName, isRewrittenApi, reviewReason, type LegacyApiName, type RoutedAppApi } from './legacy-apis';
import { mightContainLegacyCall } from './prefilter';
import { DEFAULT_IMPORT_SOURCE, LEGACY_APIS, type LegacyApi, type ManualReviewSite, type RewriteOptions, type RewriteReport, type RewrittenSite } from './types';

type MatchedApi = LegacyApiName | RoutedAppApi;

/** A reference that becomes the runtime's function: a member (`wx.startRecord`) or an identifier bound to the API. */
export interface Replacement {
  place: Place;
  api: LegacyApi;
}

/** What the appliers do to a file; computed once, from the original tree. */
export interface RewritePlan {
  report: RewriteReport;
  replacements: Replacement[];
  /** Declarations of legacy bindings that go: import specifiers and destructuring properties. */
  removals: Place[];
  /** The runtime's local name for each API the file now calls. */
  localNames: Map<LegacyApi, string>;
  /** The imports to add, in table order (APIs a runtime import of the file already brings are not here). */
  imports: { api: LegacyApi; local: string }[];
  /** An import of the runtime the file already has, where new named imports go. */
  existingImport: t.ImportDeclaration | undefined;
  moduleStyle: 'import' | 'require';
  importSource: string;
  /** The scope changes the edits make, for a tree whose scope others read after us (the Babel door). */
  scopeChanges: {
    /** Legacy bindings whose declarations go. */
    removedBindings: Declaration[];
    /** References that disappear with the edits (`Taro` of `Taro.startRecord`, the init of a removed destructuring). */
    droppedReferences: { declaration: Declaration; identifier: t.Identifier }[];
  };
}

interface LegacyBinding {
  api: MatchedApi;
  via: string;
  declaration: Declaration;
  /** The import specifier or destructuring property that declares it. */
  declarer: Place;
}

interface MemberSite {
  api: MatchedApi;
  via: string;
  place: Place;
}

const JS_SDK_ONLY_METHODS = new Set<string>(JS_SDK.onlyMethods);

/** A string literal's value: Babel's StringLiteral, ESTree's (oxc) Literal holding a string. */
function stringValue(node: t.Node | null | undefined): string | undefined {
  if (node?.type === 'StringLiteral') return node.value;
  const literal = node as { type?: string; value?: unknown } | null | undefined;
  return literal?.type === 'Literal' && typeof literal.value === 'string' ? literal.value : undefined;
}

/** An object literal's or pattern's property with a key: Babel's ObjectProperty/ObjectMethod, ESTree's Property. */
function isKeyedProperty(node: t.Node): node is t.ObjectProperty {
  return node.type === 'ObjectProperty' || node.type === 'ObjectMethod' || (node.type as string) === 'Property';
}

/** The name of a member expression's property when it is static (`a.b`, `a['b']`, a`b` template). */
export function staticPropertyName(node: t.MemberExpression | t.OptionalMemberExpression): string | undefined {
  const { property, computed } = node;
  if (!computed) return property.type === 'Identifier' ? property.name : undefined;
  const literal = stringValue(property);
  if (literal !== undefined) return literal;
  if (property.type === 'TemplateLiteral' && property.expressions.length === 0) return property.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The expression under `Taro!`, `(Taro as any)`, `(Taro)`: what a cast or parentheses leave of it. */
function withoutWrappers(node: t.Node): t.Node {
  while (node.type === 'TSNonNullExpression' || node.type === 'TSAsExpression' || node.type === 'ParenthesizedExpression') node = node.expression;
  return node;
}

/** `require('@tarojs/taro')`, with `require` not shadowed. */
function isTaroRequire(node: t.Node, scope: Scope): boolean {
  if (node.type !== 'CallExpression') return false;
  const { callee, arguments: args } = node;
  return callee.type === 'Identifier' && callee.name === 'require' && !scope.lookup('require') && args.length === 1 && stringValue(args[0]) === TARO_MODULE;
}

/**
 * How `node` (an expression seen in `scope`) reaches the mini-program API object, or
 * undefined when it does not (a local `wx`, `window.wx`, a CameraContext…). The answer is
 * the label used in reports: `wx`, `Taro`, `require('@tarojs/taro')`, `api (alias of wx)`.
 */
export function legacyNamespaceOf(node: t.Node, scope: Scope, seen: Set<t.Node> = new Set()): string | undefined {
  node = withoutWrappers(node);
  if (seen.has(node)) return undefined; // `const a = b, b = a`: never loop
  seen.add(node);
  if (isTaroRequire(node, scope)) return `require('${TARO_MODULE}')`;
  if (node.type === 'MemberExpression' && staticPropertyName(node) === 'default') {
    return isTaroRequire(node.object, scope) ? `require('${TARO_MODULE}')` : undefined;
  }
  if (node.type !== 'Identifier') return undefined;
  const { name } = node;
  const declaration = scope.lookup(name);
  const isPlatformGlobal = PLATFORM_GLOBALS.includes(name);
  if (!declaration) return isPlatformGlobal ? name : undefined;
  if (isPlatformGlobal && declaration.ambient && declaration.kind !== 'import') return name; // `declare const wx: …`
  const declarer = declaration.id.parent;
  if (declaration.kind === 'import') {
    const specifier = declarer;
    const importDeclaration = declaration.id.up?.parent;
    if ((specifier?.type === 'ImportDefaultSpecifier' || specifier?.type === 'ImportNamespaceSpecifier') && importDeclaration?.type === 'ImportDeclaration' && importDeclaration.source.value === TARO_MODULE) return name;
    return undefined;
  }
  // `const Taro = require('@tarojs/taro')`, `const api = wx`: followed only when never reassigned.
  if (declarer?.type === 'VariableDeclarator' && declaration.id.key === 'id' && declaration.constant && declarer.init) {
    const via = legacyNamespaceOf(declarer.init, declaration.id.scope, seen);
    if (!via) return undefined;
    return via === name || via.startsWith('require(') ? via : `${name} (alias of ${via})`;
  }
  return undefined;
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
  return (place.parent?.type === 'CallExpression' || place.parent?.type === 'OptionalCallExpression') && place.key === 'callee';
}

function objectHasKey(node: t.Node | undefined, key: string): boolean {
  return (
    node?.type === 'ObjectExpression' &&
    node.properties.some(
      (p) =>
        isKeyedProperty(p) && !p.computed && ((p.key.type === 'Identifier' && p.key.name === key) || stringValue(p.key) === key),
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
  if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier' || callee.object.name !== WECHAT_GLOBAL) return undefined;
  if (scope.lookup(WECHAT_GLOBAL)) return undefined; // a local `wx` is not the SDK either way
  const method = staticPropertyName(callee);
  const firstArgument = call.arguments[0] as t.Node | undefined;
  if (method === JS_SDK.configMethod) {
    return objectHasKey(firstArgument, JS_SDK.configKey) ? `WeChat web JS-SDK code (wx.${JS_SDK.configMethod} with ${JS_SDK.configKey})` : undefined;
  }
  if (method && JS_SDK_ONLY_METHODS.has(method)) return `WeChat web JS-SDK code (wx.${method})`;
  if (isLegacyApiName(method) && objectHasKey(firstArgument, JS_SDK.cancelKey)) return `WeChat web JS-SDK code (wx.${method} with a ${JS_SDK.cancelKey} callback)`;
  return undefined;
}

/** ES module or CommonJS? Decides between `import` and `require` for the runtime. */
function moduleStyleOf(program: t.Program, usesCommonJs: boolean, filename: string | undefined, options: RewriteOptions): 'import' | 'require' {
  if (options.moduleStyle) return options.moduleStyle;
  if (program.body.some((s) => s.type === 'ImportDeclaration' || s.type.startsWith('Export') || s.type === 'TSExportAssignment')) return 'import';
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
}

/** Finds every legacy site of the program and plans the rewrite; changes nothing. */
export function planRewrite(program: t.Program, options: RewriteOptions = {}, context: MatchContext = {}): RewritePlan {
  const importSource = options.importSource ?? DEFAULT_IMPORT_SOURCE;
  const plan: RewritePlan = {
    report: { rewritten: [], manual: [] },
    replacements: [],
    removals: [],
    localNames: new Map(),
    imports: [],
    existingImport: undefined,
    moduleStyle: 'import',
    importSource,
    scopeChanges: { removedBindings: [], droppedReferences: [] },
  };
  /** The identifier under `Taro!`, `(Taro as any)`, `(Taro)`, and the declaration it reads, if any. */
  const dropReference = (expression: t.Node, scope: Scope) => {
    const node = withoutWrappers(expression);
    const declaration = node.type === 'Identifier' ? scope.lookup(node.name) : undefined;
    if (declaration) plan.scopeChanges.droppedReferences.push({ declaration, identifier: node as t.Identifier });
  };
  const mentionsLegacyApi = context.sourceText === undefined || mightContainLegacyCall(context.sourceText);
  // A file that names no deprecated API (nor, when routed, getRecorderManager) is done without a walk.
  if (!mentionsLegacyApi && !(options.routeRecorderManager && mightContainLegacyCall(context.sourceText!, options))) return plan;
  const matches = apiMatcher(options.routeRecorderManager);
  const scopes = analyzeScopes(program);
  const manual: ManualReviewSite[] = plan.report.manual;
  const position = context.position;
  const line = (node: t.Node): { line: number; column: number } =>
    node.loc ? { line: node.loc.start.line, column: node.loc.start.column } : position && node.start != null ? position(node.start) : { line: 0, column: 0 };
  const reportManual = (node: t.Node, reason: string, api?: LegacyApiName) => manual.push({ ...line(node), reason, ...(api ? { api } : {}) });

  const members: MemberSite[] = [];
  const bindings: LegacyBinding[] = [];
  const jsSdkCalls = new Set<t.Node>();
  let webSdk: string | undefined;

  for (const place of scopes.places) {
    const node = place.node;
    switch (node.type) {
      case 'CallExpression':
        webSdk ??= webSdkSignal(node, place.scope);
        break;
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const via = legacyNamespaceOf(node.object, place.scope);
        if (!via) break;
        const name = staticPropertyName(node);
        if (name === undefined) {
          if (mentionsLegacyApi && !isWriteTarget(place)) {
            reportManual(node, `dynamic access on ${via}: a computed ${via}[…] may be a deprecated API (startRecord, playVoice, …); rewrite it by hand`);
          }
          break;
        }
        if (!matches(name) || isWriteTarget(place)) break;
        const sdkCall = jsSdkCallOf(place);
        if (sdkCall) jsSdkCalls.add(sdkCall);
        else members.push({ api: name, via, place });
        break;
      }
      case 'ImportSpecifier': {
        const declaration = place.parent as t.ImportDeclaration;
        if (declaration.source.value !== TARO_MODULE || declaration.importKind === 'type' || node.importKind === 'type') break;
        const api = node.imported.type === 'Identifier' ? node.imported.name : node.imported.value;
        const binding = place.scope.lookup(node.local.name);
        if (matches(api) && binding) bindings.push({ api, via: 'named import', declaration: binding, declarer: place });
        break;
      }
      case 'VariableDeclarator':
        planDestructuring(node, place);
        break;
      case 'ExportNamedDeclaration':
        if (node.source?.value !== TARO_MODULE) break;
        for (const specifier of node.specifiers) {
          if (specifier.type !== 'ExportSpecifier' || specifier.local.type !== 'Identifier') continue;
          const local = specifier.local.name;
          if (!matches(local)) continue;
          if (isRewrittenApi(local)) reportManual(specifier, `re-export of ${local} from ${TARO_MODULE}; export it from the runtime instead`);
          else reportManual(specifier, reviewReason(local), local as LegacyApiName);
        }
        break;
    }
  }

  /** `const { stopRecord } = Taro`, `const { startRecord: sr } = require('@tarojs/taro')`. */
  function planDestructuring(node: t.VariableDeclarator, place: Place): void {
    if (node.id.type !== 'ObjectPattern' || !node.init) return;
    const via = legacyNamespaceOf(node.init, place.scope);
    if (!via) return;
    const pattern = node.id;
    pattern.properties.forEach((property, index) => {
      if (!isKeyedProperty(property) || property.computed) return;
      const api = property.key.type === 'Identifier' ? property.key.name : stringValue(property.key);
      if (!matches(api)) return;
      let value = property.value;
      if (value.type === 'AssignmentPattern') value = value.left;
      if (value.type !== 'Identifier') {
        reportManual(property, `nested destructuring of ${api} from ${via}; rewrite it by hand`);
        return;
      }
      if (place.up?.parent?.type === 'ExportNamedDeclaration') {
        reportManual(property, `${api} is destructured from ${via} in an export; other modules may import it, rewrite it by hand`);
        return;
      }
      if (pattern.properties.some((p) => p.type === 'RestElement')) {
        reportManual(property, `${api} is destructured from ${via} beside a rest element; removing it would change the rest object`);
        return;
      }
      const binding = place.scope.lookup(value.name);
      if (!binding) return;
      if (!binding.constant) {
        reportManual(property, `${value.name} (${api} from ${via}) is reassigned later; rewrite it by hand`);
        return;
      }
      const patternPlace: Place = { node: pattern, parent: node, key: 'id', index: undefined, up: place, scope: place.scope };
      bindings.push({ api, via: 'destructuring', declaration: binding, declarer: { node: property, parent: pattern, key: 'properties', index, up: patternPlace, scope: place.scope } });
    });
  }

  const liveReferences = (binding: LegacyBinding): Reference[] => binding.declaration.references.filter((ref) => !ref.write);

  // Settle what depends on the whole file: JS-SDK calls through bindings, stray `localId`s.
  const keptBindings = bindings.filter((binding) => {
    const sdkCalls = liveReferences(binding)
      .map((ref) => jsSdkCallOf(ref.place))
      .filter((call) => call !== undefined);
    for (const call of sdkCalls) jsSdkCalls.add(call);
    return sdkCalls.length === 0; // a binding the JS-SDK calls through stays as it is
  });
  if (context.sourceText === undefined || context.sourceText.includes(JS_SDK.handle)) {
    const handles = handlesIn(program, new Set());
    const inCalls = new Set<t.Node>();
    for (const call of jsSdkCalls) handlesIn(call, inCalls);
    if ([...handles].some((handle) => !inCalls.has(handle))) webSdk ??= `WeChat web JS-SDK code (${JS_SDK.handle})`;
  }
  if (webSdk) return { ...plan, report: { rewritten: [], manual: [], skipped: webSdk } };

  // `this.api = wx`, `promisifyAll(Taro)`, `{ rec: Taro }`: the API escapes where we cannot follow it.
  if (mentionsLegacyApi) {
    for (const ref of scopes.references) {
      if (ref.write || ref.inType) continue;
      const { node, parent, key } = ref.place;
      if (!parent || (!PLATFORM_GLOBALS.includes(node.name) && !ref.place.scope.lookup(node.name))) continue;
      const stored =
        (parent.type === 'AssignmentExpression' && key === 'right') ||
        (isKeyedProperty(parent) && key === 'value') ||
        parent.type === 'ArrayExpression' ||
        ((parent.type === 'CallExpression' || parent.type === 'NewExpression') && key === 'arguments') ||
        (parent.type === 'VariableDeclarator' && key === 'init' && parent.id.type === 'Identifier' && !legacyNamespaceOf(parent.id, ref.place.scope));
      if (!stored) continue;
      const via = legacyNamespaceOf(node, ref.place.scope);
      if (via) reportManual(node, `${via} is stored or passed on here; deprecated APIs (startRecord, playVoice, …) called through it cannot be rewritten safely`);
    }
  }

  // APIs the table lists without a runtime export: each use is named for a person, with its replacement; nothing changes.
  for (const site of members) if (!isRewrittenApi(site.api)) reportManual(site.place.node, reviewReason(site.api), site.api as LegacyApiName);
  for (const binding of keptBindings) {
    if (isRewrittenApi(binding.api)) continue;
    for (const ref of liveReferences(binding)) if (!ref.inType) reportManual(ref.place.node, reviewReason(binding.api), binding.api as LegacyApiName);
  }
  manual.sort(byPosition);

  const rewrittenMembers = members.filter((site): site is MemberSite & { api: LegacyApi } => isRewrittenApi(site.api));
  const rewrittenBindings = keptBindings.filter((binding): binding is LegacyBinding & { api: LegacyApi } => isRewrittenApi(binding.api));
  if (rewrittenMembers.length === 0 && rewrittenBindings.length === 0) return plan;

  const rewritten: RewrittenSite[] = plan.report.rewritten;
  for (const site of rewrittenMembers) {
    rewritten.push({ ...line(site.place.node), api: site.api, via: site.via, form: isCallee(site.place) ? 'call' : 'reference' });
    plan.replacements.push({ place: site.place, api: site.api });
    dropReference((site.place.node as t.MemberExpression).object, site.place.scope);
  }
  const removed: LegacyBinding[] = [];
  for (const binding of rewrittenBindings) {
    let typeReferences = 0;
    for (const ref of liveReferences(binding)) {
      if (ref.inType) {
        typeReferences++;
        continue;
      }
      rewritten.push({ ...line(ref.place.node), api: binding.api, via: binding.via, form: isCallee(ref.place) ? 'call' : 'reference' });
      plan.replacements.push({ place: ref.place, api: binding.api });
    }
    // Keep a named import still used as a type (`startRecord.Option`); TypeScript elides it.
    if (typeReferences === 0) {
      plan.removals.push(binding.declarer);
      removed.push(binding);
      plan.scopeChanges.removedBindings.push(binding.declaration);
    }
  }
  // A destructuring left empty goes with its declarator, and the declarator's read of the API object with it.
  for (const declarer of plan.removals) {
    const pattern = declarer.parent;
    if (pattern?.type !== 'ObjectPattern' || !pattern.properties.every((p) => plan.removals.some((r) => r.node === p))) continue;
    const declarator = declarer.up?.parent;
    if (declarator?.type === 'VariableDeclarator' && declarator.init && !plan.scopeChanges.droppedReferences.some((d) => d.identifier === declarator.init)) {
      dropReference(declarator.init, declarer.scope);
    }
  }
  rewritten.sort(byPosition);
  plan.replacements.sort((a, b) => (a.place.node.start ?? 0) - (b.place.node.start ?? 0));

  // The runtime's local names: an import of it the file already has, else the plain name when free.
  const usesCommonJs = scopes.references.some(
    (ref) =>
      !ref.place.scope.lookup(ref.place.node.name) &&
      ((ref.place.node.name === 'require' && isCallee(ref.place)) || (ref.place.node.name === 'module' && ref.place.parent?.type === 'MemberExpression' && ref.place.key === 'object')),
  );
  plan.moduleStyle = moduleStyleOf(program, usesCommonJs, context.filename, options);
  const counts = new Map(scopes.nameCounts);
  for (const { declaration } of removed) {
    const left = (counts.get(declaration.name) ?? 0) - 1 - declaration.references.length;
    if (left > 0) counts.set(declaration.name, left);
    else counts.delete(declaration.name);
  }
  const taken = new Set([...counts.keys(), ...(options.reservedNames ?? [])]);
  const needed = LEGACY_APIS.filter((api) => plan.replacements.some((r) => r.api === api));
  if (plan.moduleStyle === 'import') plan.existingImport = existingRuntimeImport(program, importSource);
  for (const api of needed) {
    const reused = plan.existingImport && reusableLocal(plan.existingImport, api, scopes.program);
    if (reused) {
      plan.localNames.set(api, reused);
      continue;
    }
    const local = freeName(api, taken);
    taken.add(local);
    plan.localNames.set(api, local);
    plan.imports.push({ api, local });
  }
  return plan;
}

/** The file's own `import { … } from '<runtime>'` (a half-migrated file), where new names join. */
function existingRuntimeImport(program: t.Program, source: string): t.ImportDeclaration | undefined {
  return program.body.find(
    (s): s is t.ImportDeclaration =>
      s.type === 'ImportDeclaration' && s.source.value === source && s.importKind !== 'type' && s.importKind !== 'typeof' && s.specifiers.length > 0 && s.specifiers.every((x) => x.type === 'ImportSpecifier'),
  );
}

function reusableLocal(declaration: t.ImportDeclaration, api: LegacyApi, program: Scope): string | undefined {
  for (const specifier of declaration.specifiers) {
    if (specifier.type !== 'ImportSpecifier' || specifier.importKind === 'type') continue;
    const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
    if (imported === api && program.lookup(specifier.local.name)?.constant) return specifier.local.name;
  }
  return undefined;
}
