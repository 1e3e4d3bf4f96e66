/**
 * The matcher's shapes: what it is told about a file (MatchContext), the sites it finds (member
 * sites, legacy bindings) and what it hands the appliers (RewriteEdits, in a LegacyMatch).
 */
import type * as t from '@babel/types';
import type { ChildKeys, Declaration, Place } from './scope';
import type { LegacyApiName, RoutedAppApi, RuntimeExport } from '../rules/legacy-apis';
import type { AddedDeclarator } from './system-info-reads';
import type { ElementArguments } from './element-calls';
import type { TemplateInsertion } from './canvas-calls';
import type { TemplateNames } from './template';
import type { RewriteReport, TemplateWrites } from '../rules/types';
import type { LifetimeMove } from './component-lifetimes';

export type MatchedApi = LegacyApiName | RoutedAppApi;

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
  /** Attributes a template gains with a rewritten call (`type="2d" id="x"` of a canvas that moves to Canvas 2D). */
  templateInsertions: TemplateInsertion[];
  /** Setters of a context that stays legacy, written as its properties (`ctx.fillStyle = c`; Decision C5). */
  propertyWrites: PropertyWrite[];
  /**
   * Further declarators for the other groups of fields a `getSystemInfoSync()` result is read for
   * (system-info-reads.ts).
   */
  addedDeclarators: AddedDeclarator[];
  /**
   * Reads that go through a runtime function: `authorized(info.cameraAuthorized)` for an `*Authorized` field of
   * getAppAuthorizeSetting (system-info-reads.ts), by the member expression that reads it.
   */
  wrappedReads: { place: Place; api: RuntimeExport }[];
  /** Members renamed in place: the property (a name, or a computed string) and its current name. */
  renames: { property: t.Node; to: string }[];
  /** Old lifecycles moving under `lifetimes` of their options (component-lifetimes.ts). */
  lifetimeMoves: LifetimeMove[];
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

export interface LegacyBinding {
  api: MatchedApi;
  via: string;
  /** Reached through `@tarojs/taro` (not `wx`/`qq`): Taro's wrapper applied to it (docs/contract.md, Decision R9). */
  taro: boolean;
  declaration: Declaration;
  /** The import specifier or destructuring property that declares it. */
  declarer: Place;
}

export interface MemberSite {
  api: MatchedApi;
  via: string;
  /** As LegacyBinding's. */
  taro: boolean;
  place: Place;
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
  /** Which templates the door writes with the script: see RewriteChecks.writesTemplates. */
  writesTemplates?: TemplateWrites;
}

/** `call` (`ctx.setShadow(…)`, its result unused) becomes writes of `properties`, one per argument, on its object. */
export interface PropertyWrite {
  statement: t.ExpressionStatement;
  call: t.CallExpression;
  properties: readonly string[];
}

/**
 * The other script block of a Vue component, parsed with the block's own parser (Vue requires both in one language).
 */
export interface OtherBlock {
  program: t.Program;
  childKeys?: ChildKeys;
}

export function noEdits(importSource: string): RewriteEdits {
  return {
    replacements: [],
    removals: [],
    localNames: new Map(),
    imports: [],
    elementArguments: [],
    templateInsertions: [],
    propertyWrites: [],
    addedDeclarators: [],
    wrappedReads: [],
    renames: [],
    lifetimeMoves: [],
    existingImport: undefined,
    existingRequire: undefined,
    moduleStyle: 'import',
    requireKeyword: 'var',
    importSource,
    scopeChanges: { removedBindings: [], droppedReferences: [] },
  };
}

/** Do the edits change the file at all (a runtime reference, a rename, a move)? */
export function changesFile(edits: RewriteEdits): boolean {
  return (
    edits.replacements.length > 0 ||
    edits.renames.length > 0 ||
    edits.lifetimeMoves.length > 0 ||
    edits.propertyWrites.length > 0
  );
}
