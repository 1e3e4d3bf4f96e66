/**
 * A codemod run's results as every report of it reads them (the text, the JSON, the CI formats):
 * one file's result, and what the reports read of the tally of them.
 */
import type { LeftAsChosenSite, ManualReviewSite, RewrittenSite } from '../rewrite/light';

/**
 * Why a file was not rewritten without failing; `link`: a symbolic link to code outside the paths
 * given (not followed); `brokenLink`: a symbolic link that leads to no file (dangling, or a loop);
 * `notScript`: a file named on the command line of a kind the rewrite does not take (file-kinds.ts);
 * `notRegular`: a FIFO, socket or device under a name of a kind the rewrite does not take (walk.ts).
 */
export type SkipReason = 'tooLarge' | 'minified' | 'jsSdk' | 'link' | 'brokenLink' | 'notScript' | 'notRegular';

export interface FileError {
  line?: number;
  column?: number;
  message: string;
}

export interface FileResult {
  file: string;
  status: 'changed' | 'unchanged' | 'failed' | 'skipped';
  /** Handed to the parser (passed the text pre-filter). */
  parsed: boolean;
  skip?: { reason: SkipReason; detail: string };
  importSource?: string;
  rewritten: RewrittenSite[];
  manual: ManualReviewSite[];
  /** Uses of a deprecated API whose family --families did not choose: left as they are, and counted. */
  leftAsChosen?: LeftAsChosenSite[];
  error?: FileError;
  /**
   * A Taro.* use of an API Taro < 3.3.1 wrapped was rewritten: its export followed the project's Taro
   * (RewriteReport.taroWrapped).
   */
  taroWrapped?: boolean;
  /** The template files written (or, --dry, to be written) with it: a page's `.wxml` whose `<canvas>` moved to Canvas 2D. */
  templates?: string[];
}

export interface FailurePlace extends JsonPath {
  line: number | null;
  column: number | null;
  reason: string;
}

/**
 * A path in the JSON report: exact, but where a name in it is not UTF-8: then its bytes read `\xNN` in `path`, and
 * `pathBytes` holds them all (base64).
 */
export interface JsonPath {
  path: string;
  pathBytes?: string;
}

/** What the reports read of a run's tally (cli/report.ts, Tally). */
export interface TallyView {
  /** `file` as the output shows it: relative to the working folder, with forward slashes. */
  rel(file: string): string;
  /** Notable results in path order. */
  sorted(): FileResult[];
  failures(): FailurePlace[];
  /** What could not be checked of the files rewritten, and why; null: nothing. */
  readonly summary: { readonly notChecked: string | null };
}
