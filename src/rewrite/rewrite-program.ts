/**
 * The one rewrite. Given a parsed program, find every legacy `startRecord` /
 * `stopRecord` reference (every API of the table in legacy-apis.ts) and turn it into a
 * reference to the runtime's function of the same name, imported once per file. With the
 * option `routeRecorderManager`, the app's own `getRecorderManager` is matched the same
 * way, in the same forms. Every door runs this function: the Babel
 * plugin on the build's AST, the jscodeshift transform on recast's AST.
 */
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { addNamed } from '@babel/helper-module-imports';
import { JS_SDK_HANDLE, jsSdkCallOf, webSdkSignal } from './js-sdk';
import { mightContainLegacyCall } from './prefilter';
import { legacyNamespaceOf, staticPropertyName } from './legacy-namespace';
import { apiMatcher, isRewrittenApi, reviewReason, TARO_MODULE, type LegacyApiName, type RoutedAppApi } from './legacy-apis';
import {
  DEFAULT_IMPORT_SOURCE,
  LEGACY_APIS,
  type LegacyApi,
  type ManualReviewSite,
  type RewriteOptions,
  type RewriteReport,
  type RewrittenSite,
} from './types';

/** What the matcher takes: the deprecated APIs, and with `routeRecorderManager` the app's own getRecorderManager. */
type MatchedApi = LegacyApiName | RoutedAppApi;

/** A legacy reference found in the file, with how to replace it. */
interface Site<Api extends MatchedApi = MatchedApi> {
  api: Api;
  via: string;
  path: NodePath<t.Expression>;
}

/** A binding whose value is a legacy function (`import { startRecord }`, `const { stopRecord } = Taro`). */
interface LegacyBinding<Api extends MatchedApi = MatchedApi> {
  api: Api;
  via: string;
  binding: Binding;
  /** Removes the declaration of the binding once its references are rewritten. */
  remove: () => void;
}


/**
 * Line and column of a node. recast drops the `loc` of some nodes it plans to reprint
 * (`export default Taro.stopRecord`), so fall back to the node's offset in the text.
 */
function positionIn(sourceText: string | undefined): (node: t.Node) => { line: number; column: number } {
  let lineStarts: number[] | undefined;
  return (node) => {
    if (node.loc) return { line: node.loc.start.line, column: node.loc.start.column };
    if (node.start == null || sourceText === undefined) return { line: 0, column: 0 };
    lineStarts ??= [0, ...[...sourceText.matchAll(/\n/g)].map((m) => m.index! + 1)];
    let line = lineStarts.findIndex((start) => start > node.start!);
    if (line === -1) line = lineStarts.length;
    return { line, column: node.start - lineStarts[line - 1] };
  };
}

/** `x = …`, `x++`, `delete x`, `for (x of …)`: writes, never rewritten. */
function isWriteTarget(path: NodePath): boolean {
  const parent = path.parentPath;
  if (!parent) return false;
  if (parent.isAssignmentExpression() && parent.node.left === path.node) return true;
  if (parent.isUpdateExpression()) return true;
  if (parent.isUnaryExpression({ operator: 'delete' })) return true;
  if ((parent.isForInStatement() || parent.isForOfStatement()) && parent.node.left === path.node) return true;
  return false;
}

function isCallee(path: NodePath): boolean {
  const parent = path.parentPath;
  return !!parent && (parent.isCallExpression() || parent.isOptionalCallExpression()) && parent.node.callee === path.node;
}

/** Does the identifier appear in a TypeScript type (e.g. `typeof startRecord`, `startRecord.Option`)? */
function isInTypePosition(path: NodePath): boolean {
  return !!path.findParent((p) => p.isTSType() || p.isTSTypeQuery() || p.isTSQualifiedName());
}

/** ES module or CommonJS? Decides between `import` and `require` for the runtime. */
function isCommonJs(program: NodePath<t.Program>, usesCommonJs: boolean, filename: string | undefined, options: RewriteOptions): boolean {
  if (options.moduleStyle) return options.moduleStyle === 'require';
  const body = program.node.body;
  if (body.some((s) => t.isImportDeclaration(s) || t.isExportDeclaration(s) || t.isTSExportAssignment(s))) return false;
  if (usesCommonJs) return true;
  // A file with neither: TypeScript and JSX expect `import`; plain .js/.cjs scripts (native
  // mini-program pages) get `require`, which every mini-program runtime understands.
  return !filename || /\.(c?js)$/.test(filename);
}

export class RewriteCollector {
  readonly sites: Site[] = [];
  readonly bindings: LegacyBinding[] = [];
  readonly manual: ManualReviewSite[] = [];
  /** Why the file is WeChat web JS-SDK code, if it is. */
  webSdk: string | undefined;
  /** Calls `require(…)` or touches `module`: a CommonJS file. */
  usesCommonJs = false;
  /** How often each name is bound or referenced: the runtime's local names must avoid them. */
  readonly names = new Map<string, number>();
  /** Legacy calls whose argument names the JS-SDK's `localId`: web code, never rewritten. */
  readonly jsSdkCalls = new Set<t.Node>();
  /** Every `localId` of the file: one outside those calls marks the whole file as JS-SDK code. */
  private readonly handles: NodePath[] = [];

  constructor(
    private readonly mentionsLegacyApi: boolean,
    readonly position: (node: t.Node) => { line: number; column: number },
    /** Which names are matched: the deprecated APIs, plus getRecorderManager when the project routes it. */
    private readonly matches: (name: unknown) => name is MatchedApi = apiMatcher(false),
  ) {}

  reportManual(node: t.Node, reason: string, api?: LegacyApiName): void {
    this.manual.push({ ...this.position(node), reason, ...(api ? { api } : {}) });
  }

  /** After the traversal: settle what depends on the whole file (JS-SDK calls through bindings, stray `localId`s). */
  finish(): void {
    const bindings = this.bindings.splice(0);
    for (const legacy of bindings) {
      const sdkCalls = legacy.binding.referencePaths.map((ref) => jsSdkCallOf(ref)).filter((call) => call !== undefined);
      for (const call of sdkCalls) this.jsSdkCalls.add(call);
      if (sdkCalls.length === 0) this.bindings.push(legacy); // a binding the JS-SDK calls through stays as it is
    }
    if (this.handles.some((handle) => !handle.findParent((p) => this.jsSdkCalls.has(p.node)))) {
      this.webSdk ??= `WeChat web JS-SDK code (${JS_SDK_HANDLE})`;
    }
  }

  visitCall(path: NodePath<t.CallExpression>): void {
    this.webSdk ??= webSdkSignal(path);
    if (t.isIdentifier(path.node.callee, { name: 'require' }) && !path.scope.hasBinding('require')) this.usesCommonJs = true;
  }

  visitIdentifier(path: NodePath<t.Identifier>): void {
    const { node, parentPath } = path;
    if (node.name === JS_SDK_HANDLE) this.handles.push(path);
    if (node.name === 'module' && parentPath.isMemberExpression({ object: node }) && !path.scope.hasBinding('module')) this.usesCommonJs = true;
    // `Taro.startRecord.Option`: a name inside a type's qualified name binds nothing here
    if (parentPath.isTSQualifiedName() && parentPath.node.right === node) return;
    const generic = path as NodePath; // the virtual-type guards narrow an Identifier path to `never`
    if (generic.isBindingIdentifier() || generic.isReferencedIdentifier()) this.names.set(node.name, (this.names.get(node.name) ?? 0) + 1);
    this.visitNamespaceEscape(path);
  }

  /** `wx.startRecord`, `Taro['stopRecord']`, `require('@tarojs/taro').startRecord`. */
  visitMember(path: NodePath<t.MemberExpression | t.OptionalMemberExpression>): void {
    const via = legacyNamespaceOf(path.get('object') as NodePath);
    if (!via) return;
    const name = staticPropertyName(path.node);
    if (name === undefined) {
      if (this.mentionsLegacyApi && !isWriteTarget(path)) {
        this.reportManual(path.node, `dynamic access on ${via}: a computed ${via}[…] may be a deprecated API (startRecord, playVoice, …); rewrite it by hand`);
      }
      return;
    }
    if (!this.matches(name) || isWriteTarget(path)) return;
    const sdkCall = jsSdkCallOf(path);
    if (sdkCall) {
      this.jsSdkCalls.add(sdkCall);
      return;
    }
    this.sites.push({ api: name, via, path: path as NodePath<t.Expression> });
  }

  /** `import { startRecord as sr } from '@tarojs/taro'`. */
  visitImportSpecifier(path: NodePath<t.ImportSpecifier>): void {
    const declaration = path.parentPath as NodePath<t.ImportDeclaration>;
    if (declaration.node.source.value !== TARO_MODULE) return;
    if (declaration.node.importKind === 'type' || path.node.importKind === 'type') return;
    const imported = path.node.imported;
    const api = t.isIdentifier(imported) ? imported.name : imported.value;
    if (!this.matches(api)) return;
    const binding = path.scope.getBinding(path.node.local.name);
    if (!binding) return;
    this.bindings.push({
      api,
      via: 'named import',
      binding,
      remove: () => {
        if (declaration.node.specifiers.length === 1) removeStatement(declaration);
        else path.remove();
      },
    });
  }

  /** `const { stopRecord } = Taro`, `const { startRecord: sr } = require('@tarojs/taro')`. */
  visitDeclarator(path: NodePath<t.VariableDeclarator>): void {
    const id = path.get('id');
    const init = path.get('init');
    if (!id.isObjectPattern() || !init.node) return;
    const via = legacyNamespaceOf(init as NodePath);
    if (!via) return;
    for (const property of id.get('properties')) {
      if (!property.isObjectProperty() || property.node.computed) continue;
      const key = property.node.key;
      const api = t.isIdentifier(key) ? key.name : t.isStringLiteral(key) ? key.value : undefined;
      if (!this.matches(api)) continue;
      let value = property.get('value') as NodePath;
      if (value.isAssignmentPattern()) value = value.get('left') as NodePath;
      if (!value.isIdentifier()) {
        this.reportManual(property.node, `nested destructuring of ${api} from ${via}; rewrite it by hand`);
        continue;
      }
      if (id.node.properties.some((p) => t.isRestElement(p))) {
        this.reportManual(property.node, `${api} is destructured from ${via} beside a rest element; removing it would change the rest object`);
        continue;
      }
      const binding = path.scope.getBinding(value.node.name);
      if (!binding) continue;
      if (!binding.constant) {
        this.reportManual(property.node, `${value.node.name} (${api} from ${via}) is reassigned later; rewrite it by hand`);
        continue;
      }
      this.bindings.push({
        api,
        via: 'destructuring',
        binding,
        remove: () => {
          property.remove();
          if (id.node.properties.length > 0) return;
          const declaration = path.parentPath;
          if (declaration.isVariableDeclaration() && declaration.node.declarations.length === 1) removeStatement(declaration);
          else path.remove();
        },
      });
    }
  }

  /** `this.api = wx`, `promisifyAll(Taro)`, `{ rec: Taro }`: the API escapes where we cannot follow it. */
  visitNamespaceEscape(path: NodePath<t.Identifier>): void {
    if (!this.mentionsLegacyApi || !path.isReferencedIdentifier()) return;
    const via = legacyNamespaceOf(path);
    if (!via) return;
    const parent = path.parentPath;
    const stored =
      (parent.isAssignmentExpression() && parent.node.right === path.node) ||
      (parent.isObjectProperty() && parent.node.value === path.node) ||
      parent.isArrayExpression() ||
      ((parent.isCallExpression() || parent.isNewExpression()) && parent.node.arguments.includes(path.node)) ||
      (parent.isVariableDeclarator() && parent.node.init === path.node && !legacyNamespaceOf(parent.get('id') as NodePath) && t.isIdentifier(parent.node.id));
    if (stored) {
      this.reportManual(path.node, `${via} is stored or passed on here; deprecated APIs (startRecord, playVoice, …) called through it cannot be rewritten safely`);
    }
  }

  /** `export { startRecord } from '@tarojs/taro'`: a wrapper module re-exporting the legacy API. */
  visitReExport(path: NodePath<t.ExportNamedDeclaration>): void {
    if (path.node.source?.value !== TARO_MODULE) return;
    for (const specifier of path.node.specifiers) {
      if (t.isExportSpecifier(specifier)) {
        const local = t.isIdentifier(specifier.local) ? specifier.local.name : undefined;
        if (!this.matches(local)) continue;
        if (isRewrittenApi(local)) {
          this.reportManual(specifier, `re-export of ${local} from ${TARO_MODULE}; export it from the runtime instead`);
        } else {
          this.reportManual(specifier, reviewReason(local), local);
        }
      }
    }
  }
}

/**
 * Removes a statement without losing the comments written above it: recast keeps
 * comments in `node.comments` (Babel's own remove() moves only `leadingComments`).
 */
function removeStatement(statement: NodePath): void {
  type WithComments = t.Node & { comments?: Array<t.Comment & { leading?: boolean; trailing?: boolean }> };
  const comments = (statement.node as WithComments).comments?.filter((c) => c.leading);
  if (comments?.length && typeof statement.key === 'number') {
    const next = statement.getSibling(statement.key + 1).node as WithComments | undefined;
    if (next) next.comments = [...comments, ...(next.comments ?? [])];
  }
  statement.remove();
}

/** Collect every legacy site of the program, in one traversal, without changing anything. */
export function collectLegacySites(program: NodePath<t.Program>, sourceText: string | undefined, options: RewriteOptions = {}): RewriteCollector {
  const collector = new RewriteCollector(
    sourceText === undefined || mightContainLegacyCall(sourceText),
    positionIn(sourceText),
    apiMatcher(options.routeRecorderManager),
  );
  program.traverse({
    CallExpression: (path) => collector.visitCall(path),
    MemberExpression: (path) => collector.visitMember(path),
    OptionalMemberExpression: (path) => collector.visitMember(path),
    ImportSpecifier: (path) => collector.visitImportSpecifier(path),
    VariableDeclarator: (path) => collector.visitDeclarator(path),
    Identifier: (path) => collector.visitIdentifier(path),
    ExportNamedDeclaration: (path) => collector.visitReExport(path),
  });
  collector.finish();
  return collector;
}

/** Names in use once the legacy bindings we remove are gone, plus the caller's reserved names. */
function takenNames(collector: RewriteCollector, removed: LegacyBinding[], reserved: readonly string[]): Set<string> {
  const counts = new Map(collector.names);
  for (const { binding } of removed) {
    const name = binding.identifier.name;
    const left = (counts.get(name) ?? 0) - 1 - binding.referencePaths.length;
    if (left > 0) counts.set(name, left);
    else counts.delete(name);
  }
  return new Set([...counts.keys(), ...reserved]);
}

/** Reuse `import { startRecord } from '<runtime>'` when the file already has it (a half-migrated file). */
function existingRuntimeImport(program: NodePath<t.Program>, api: LegacyApi, source: string): string | undefined {
  for (const statement of program.node.body) {
    if (!t.isImportDeclaration(statement) || statement.source.value !== source || statement.importKind === 'type') continue;
    for (const specifier of statement.specifiers) {
      if (!t.isImportSpecifier(specifier)) continue;
      const imported = t.isIdentifier(specifier.imported) ? specifier.imported.name : specifier.imported.value;
      if (imported === api && program.scope.getBinding(specifier.local.name)?.constant) return specifier.local.name;
    }
  }
  return undefined;
}

/** APIs the table lists without a runtime export: each use is named for a person, with its replacement; nothing changes. */
function listForReview(collector: RewriteCollector): void {
  for (const site of collector.sites) {
    if (!isRewrittenApi(site.api)) collector.reportManual(site.path.node, reviewReason(site.api), site.api as LegacyApiName);
  }
  for (const legacy of collector.bindings) {
    if (isRewrittenApi(legacy.api)) continue;
    for (const ref of legacy.binding.referencePaths) {
      if (!isInTypePosition(ref)) collector.reportManual(ref.node, reviewReason(legacy.api), legacy.api as LegacyApiName);
    }
  }
}

function byPosition(a: { line: number; column: number }, b: { line: number; column: number }): number {
  return a.line - b.line || a.column - b.column;
}

export interface RewriteContext {
  filename?: string;
  /** The file's text; lets reports of dynamic access stay quiet in files that never name the API. */
  sourceText?: string;
  /** Re-crawl the scope after rewriting (default true): later Babel plugins read it; a printer does not. */
  updateScope?: boolean;
}

/** Rewrites the program in place and reports what it did. */
export function rewriteProgram(program: NodePath<t.Program>, options: RewriteOptions = {}, context: RewriteContext = {}): RewriteReport {
  const importSource = options.importSource ?? DEFAULT_IMPORT_SOURCE;
  // Every legacy site spells the API's name, so a file whose text never does is done
  // without a single traversal: this keeps the build plugin's cost near zero.
  if (context.sourceText !== undefined && !mightContainLegacyCall(context.sourceText, options)) return { rewritten: [], manual: [] };
  const collector = collectLegacySites(program, context.sourceText, options);
  if (collector.webSdk) return { rewritten: [], manual: [], skipped: collector.webSdk };
  const rewritten: RewrittenSite[] = [];
  const { manual, position } = collector;
  const sites = collector.sites.filter((site): site is Site<LegacyApi> => isRewrittenApi(site.api));
  const bindings = collector.bindings.filter((legacy): legacy is LegacyBinding<LegacyApi> => isRewrittenApi(legacy.api));
  listForReview(collector);
  manual.sort(byPosition);
  if (sites.length === 0 && bindings.length === 0) return { rewritten, manual };

  // One import per needed API, in a stable order, added before any replacement so
  // that the names are final when references are rewritten.
  const needed = LEGACY_APIS.filter((api) => sites.some((s) => s.api === api) || bindings.some((b) => b.api === api));
  const created = new Set<t.Node>();
  const localNames = new Map<LegacyApi, string>();
  const importedIdentifiers: t.Identifier[] = [];
  const commonJs = isCommonJs(program, collector.usesCommonJs, context.filename, options);
  const sourceType = program.node.sourceType;
  if (commonJs) program.node.sourceType = 'script'; // makes helper-module-imports emit `require`
  // `require`s go to the top one above the other: add them last-first so they read start, stop.
  for (const api of commonJs ? [...needed].reverse() : needed) {
    const reused = commonJs ? undefined : existingRuntimeImport(program, api, importSource);
    if (reused) {
      localNames.set(api, reused);
      continue;
    }
    const id = addNamed(program, api, importSource, {
      nameHint: api,
      importPosition: commonJs ? 'before' : 'after',
    }) as t.Identifier;
    importedIdentifiers.push(id);
    localNames.set(api, id.name);
  }
  program.node.sourceType = sourceType;

  const reference = (api: LegacyApi): t.Identifier => {
    const id = t.identifier(localNames.get(api)!);
    created.add(id);
    return id;
  };

  for (const site of sites) {
    rewritten.push({ ...position(site.path.node), api: site.api, via: site.via, form: isCallee(site.path) ? 'call' : 'reference' });
    const parent = site.path.parentPath;
    replaceReference(site.path, reference(site.api));
    // `wx?.startRecord()` had its only `?.` inside the member we replaced: now a plain call.
    if (parent.isOptionalCallExpression() && !parent.node.optional && t.isIdentifier(parent.node.callee)) {
      parent.replaceWith(t.callExpression(parent.node.callee, parent.node.arguments));
    }
  }
  const removed: LegacyBinding[] = [];
  for (const legacy of bindings) {
    let typeReferences = 0;
    for (const ref of legacy.binding.referencePaths) {
      if (isInTypePosition(ref)) {
        typeReferences++;
        continue;
      }
      rewritten.push({ ...position(ref.node), api: legacy.api, via: legacy.via, form: isCallee(ref) ? 'call' : 'reference' });
      replaceReference(ref, reference(legacy.api));
    }
    // Keep a named import still used as a type (`startRecord.Option`); TypeScript elides it.
    if (typeReferences === 0) {
      legacy.remove();
      removed.push(legacy);
    }
  }

  // Prefer the plain names (`startRecord`) over helper-generated ones (`_startRecord`) when free.
  const taken = takenNames(collector, removed, options.reservedNames ?? []);
  for (const id of importedIdentifiers) {
    const api = LEGACY_APIS.find((a) => localNames.get(a) === id.name)!;
    const name = freeName(api, taken);
    if (name !== id.name) renameCreated(program, id.name, name, created);
    taken.add(name);
  }

  // Later plugins (TypeScript's import elision among them) read the scope: make it true again.
  if (context.updateScope !== false) program.scope.crawl();
  rewritten.sort(byPosition);
  return { rewritten, manual };
}

/**
 * Puts the runtime's identifier where a legacy reference was, keeping the names other
 * modules and objects see: `export { stop }` becomes `export { stopRecord as stop }`,
 * `{ stop }` becomes `{ stop: stopRecord }`.
 */
function replaceReference(ref: NodePath, id: t.Identifier): void {
  const parent = ref.parentPath;
  if (parent?.isExportSpecifier() && parent.node.local === ref.node) {
    const exported = parent.node.exported;
    const exportedName = t.isIdentifier(exported) ? exported.name : exported.value;
    parent.replaceWith(t.exportSpecifier(id, t.identifier(exportedName)));
    return;
  }
  if (parent?.isObjectProperty() && parent.node.shorthand && parent.node.value === ref.node) {
    parent.replaceWith(t.objectProperty(t.identifier((ref.node as t.Identifier).name), id));
    return;
  }
  ref.replaceWith(id);
}

/** `startRecord`, else `_startRecord`, `_startRecord2`, …: the first name nothing in the file uses. */
function freeName(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? `_${base}` : `_${base}${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Renames the binding helper-module-imports created (a top-level import or `var … = require(…)`), and our references to it. */
function renameCreated(program: NodePath<t.Program>, from: string, to: string, created: Set<t.Node>): void {
  for (const node of created) if (t.isIdentifier(node) && node.name === from) node.name = to;
  for (const statement of program.node.body) {
    if (t.isImportDeclaration(statement)) {
      for (const specifier of statement.specifiers) if (specifier.local.name === from) specifier.local.name = to;
    } else if (t.isVariableDeclaration(statement)) {
      for (const declarator of statement.declarations) if (t.isIdentifier(declarator.id, { name: from })) declarator.id.name = to;
    }
  }
}
