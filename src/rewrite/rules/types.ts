/**
 * The contract of the rewrite, shared by every door (Babel plugin, jscodeshift
 * transform, CLI, audit, Taro plugin). Keep it small and stable.
 */

import type { LegacyApi, LegacyApiName, MigratedInPlaceApi } from './legacy-apis';
import type { OptionsOf } from './options-schema';

/**
 * The rewrite's options (importSource, moduleStyle, reservedNames, routeRecorderManager,
 * parser): described, with their rules and messages, in options-schema.ts.
 */
export type RewriteOptions = OptionsOf<'engine'>;

/**
 * The templates a door writes with the script: every one (`true`: the codemod writes a page's `.wxml`, a `.vue` file's
 * and Taro's JSX), only Taro's JSX in the script's own text (`'jsx'`: the build plugin, which hands on the file's text
 * and writes no other file), or none (`false`: the doors that fix one file at a time).
 */
export type TemplateWrites = boolean | 'jsx';

/**
 * One legacy reference that was rewritten: into a call of the runtime, or in place (a member renamed, an old lifecycle
 * moved under `lifetimes`).
 */
export interface RewrittenSite {
  line: number;
  /** 0-based, as Babel counts. */
  column: number;
  api: LegacyApi | MigratedInPlaceApi;
  /**
   * How the legacy API was reached: `wx`, `Taro` (default/namespace import or require), `named import`,
   * `destructuring`.
   */
  via: string;
  /** `call` for `x.startRecord(...)`, `reference` for `setTimeout(wx.stopRecord)` and the like. */
  form: 'call' | 'reference';
  /**
   * What it became, when not the runtime's function of its name: the one that keeps Taro < 3.3.1's Promise
   * (`playVoiceWrapped`), a field group's (`getWindowInfo`), a current name (`onBLEConnectionStateChange`), a place
   * under `lifetimes` (`lifetimes.attached`).
   */
  becomes?: string;
}

/**
 * A call of a method of an object that a rewritten call made (`bgm.play()` of a rewritten `createAudioContext`): the
 * runtime's object has it, so it is migrated with that call, and nothing changes where it is.
 */
export interface FollowingSite {
  line: number;
  column: number;
  api: LegacyApiName;
  /** Where the call that made its object is (its line, 1-based, and column), and its API. */
  creator: { line: number; column: number; api: string };
}

/** A place the rewrite saw but could not change safely: a person must look. */
export interface ManualReviewSite {
  line: number;
  column: number;
  reason: string;
  /** Set for a use of a deprecated API the rewrite does not take (the table's rows without a runtime export). */
  api?: LegacyApiName;
  /**
   * Left only because the door writes no template: a legacy canvas (its createCanvasContext and the methods of its
   * context), which the codemod moves to Canvas 2D with its template. The build says so in a line of its own.
   */
  awaitsTemplate?: true;
}

/** A use of a deprecated API whose family the options did not choose (`families`): left as it is, and counted. */
export interface LeftAsChosenSite {
  line: number;
  column: number;
  api: LegacyApiName;
}

export interface RewriteReport {
  rewritten: RewrittenSite[];
  manual: ManualReviewSite[];
  /** Set when the file uses a deprecated API of a family the options did not choose: each use, left as it is. */
  leftAsChosen?: LeftAsChosenSite[];
  /** Set when the file calls methods of an object a rewritten call made: each one, migrated with that call. */
  followsCreator?: FollowingSite[];
  /** Set when the whole file was left alone on purpose (e.g. WeChat web JS-SDK code). */
  skipped?: string;
  /**
   * Set when a decision read files other than the source (the template a createAudioContext
   * call names, template.ts): their absolute paths, read or looked for. A build makes them the
   * module's dependencies, so that a change to one of them alone rewrites the source again.
   */
  templateFiles?: string[];
  /**
   * Set when a rewritten use, reached through Taro, is of an API Taro < 3.3.1 wrapped
   * (`Taro.startRecord`, …): which runtime export it became follows the option `taroWrapper`,
   * so a door that could not tell the project's Taro says so (docs/legacy-apis.md#taro-wrapper).
   */
  taroWrapped?: true;
  /**
   * Set when the file already loads the runtime from an entry other than the option `importSource`
   * (`record-compat-runtime/native` in a Taro file): the new names join that load, so the file keeps one entry and one
   * recorder. The entry it names.
   */
  importedFrom?: string;
}

export function emptyReport(): RewriteReport {
  return { rewritten: [], manual: [] };
}

/** A comment of a script, as scriptComments (file/comments.ts) hands it to the ESLint rule's parser. */
export interface ScriptComment {
  type: 'Line' | 'Block';
  /** The text between `//` and the line's end, or between `/*` and `*\/`. */
  value: string;
  start: number;
  end: number;
}
