/**
 * The matcher's steps 5 to 9: the edits that rewrite the sites kept (replaced references, removed
 * declarations, dropped imports) and the runtime's local names and imports.
 */
import type * as t from '@babel/types';
import { forEachChild, type Scope } from './scope';
import {
  RUNTIME_EXPORTS,
  SYSTEM_INFO_AUTHORIZED_EXPORT,
  TARO_MODULE,
  runtimeExportFor,
  type CanvasPixelExport,
  type LegacyApi,
} from '../rules/legacy-apis';
import type { RewriteOptions } from '../rules/types';
import { isCallee, underDefaults } from './api-object';
import {
  declaresBlockScoped,
  freeName,
  moduleStyleOf,
  reusableLocal,
  reusableProperty,
  runtimeEntryChoice,
  usesCommonJs,
} from './runtime-names';
import type { LegacyBinding, MatchContext, MemberSite } from './match-types';
import { byPosition, liveReferences } from './match-sites';
import { ObjectMatcher } from './match-objects';

/**
 * One file's matcher, every step: matchLegacyCalls (match.ts) runs them in order.
 */
export class FileMatcher extends ObjectMatcher {
  /** Step 5: each rewritten member becomes the runtime's function; `Taro` of `Taro.startRecord` is read no more. */
  replaceMembers(members: (MemberSite & { api: LegacyApi })[]): void {
    for (const site of members) {
      this.rewriteAt(site.place, site.api, site.via, site.taro);
      this.dropReference((site.place.node as t.MemberExpression).object, site.place.scope);
    }
  }

  /**
   * Step 5b: the pixel calls of the canvases that move (settleCanvases) become the runtime's functions of their names,
   * which read the 2D node (Decision C4). No site of their own in the report: they go with their canvas, as its template
   * does; `Taro` of `Taro.canvasToTempFilePath` is read no more.
   */
  routePixelCalls(): void {
    for (const { place, api } of this.pixelRoutes) {
      this.edits.replacements.push({ place, api: api as CanvasPixelExport });
      this.dropReference((place.node as t.MemberExpression).object, place.scope);
    }
  }

  /**
   * A reference that becomes the runtime's function: the edit, and the report's site (naming the wrapped export where
   * it is one).
   */
  private rewriteAt(place: MemberSite['place'], api: LegacyApi, via: string, throughTaro: boolean): void {
    const plan = this.fieldPlans.get(place.node);
    const becomes = plan?.kind === 'group' ? plan.api : runtimeExportFor(api, throughTaro, this.taroWrapper);
    if (plan?.kind === 'group') {
      this.edits.addedDeclarators.push(...plan.added);
      for (const read of plan.authorizedReads)
        this.edits.wrappedReads.push({ place: read, api: SYSTEM_INFO_AUTHORIZED_EXPORT });
    }
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
          namedInJsx(program, declaration.name) ||
          // a direct eval that sees it may read it
          this.directEvals().some((call) => call.scope.lookup(declaration.name) === declaration)
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
   * Step 5a, before any edit: the runtime entry the new names come from, and the import or require they join
   * (runtimeEntryChoice); the reason, when the file loads the runtime in a way new names cannot join.
   */
  chooseRuntimeEntry(program: t.Program, filename: string | undefined, options: RewriteOptions): string | undefined {
    const style = moduleStyleOf(program, usesCommonJs(this.scopes.references), filename, options);
    const choice = runtimeEntryChoice(
      program,
      this.scopes.references,
      this.edits.importSource,
      style,
      options.moduleStyle !== undefined,
    );
    if ('reason' in choice) return choice.reason;
    if (choice.source !== this.edits.importSource) this.report.importedFrom = choice.source;
    this.edits.importSource = choice.source;
    this.edits.moduleStyle = choice.moduleStyle;
    this.edits.existingImport = choice.existingImport;
    this.edits.existingRequire = choice.existingRequire;
    return undefined;
  }

  /**
   * Where the file's runtime load cannot take the new names (chooseRuntimeEntry's reason): each site that would be
   * rewritten is left as it is, for a person, with the reason; nothing changes.
   */
  leaveForEntry(
    members: (MemberSite & { api: LegacyApi })[],
    bindings: (LegacyBinding & { api: LegacyApi })[],
    held: ReadonlySet<t.Node>,
    reason: string,
  ): void {
    for (const site of members) this.reportManual(site.place.node, `${site.api} (${site.via}): ${reason}`);
    for (const binding of bindings)
      for (const ref of liveReferences(binding))
        if (!ref.inType && !held.has(ref.place.node))
          this.reportManual(ref.place.node, `${binding.api} (${binding.via}): ${reason}`);
    this.report.manual.sort(byPosition);
    this.edits.elementArguments.length = 0;
    this.edits.templateInsertions.length = 0;
  }

  /**
   * Step 9, the runtime's local names: an import of it the file already has, else the plain
   * name when free (names of removed bindings are free again); the imports to add.
   */
  chooseLocalNames(removed: LegacyBinding[], options: RewriteOptions): void {
    const edits = this.edits;
    const counts = new Map(this.scopes.nameCounts);
    for (const { declaration } of removed) {
      const left = (counts.get(declaration.name) ?? 0) - 1 - declaration.references.length;
      if (left > 0) counts.set(declaration.name, left);
      else counts.delete(declaration.name);
    }
    const taken = new Set([...counts.keys(), ...(options.reservedNames ?? [])]);
    const needed = RUNTIME_EXPORTS.filter(
      (api) =>
        edits.replacements.some((r) => r.api === api) ||
        edits.addedDeclarators.some((d) => d.api === api) ||
        edits.wrappedReads.some((w) => w.api === api) ||
        edits.templateInsertions.some((i) => i.type === api),
    );
    if (edits.moduleStyle === 'require')
      edits.requireKeyword = declaresBlockScoped(this.scopes.places) ? 'const' : 'var';
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
