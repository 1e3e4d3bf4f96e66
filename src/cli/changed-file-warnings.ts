/**
 * What a finished codemod run says of the files it changed: a copy pattern it could not read, a
 * Taro version not told for sure, a runtime package the project does not list, extended
 * attributes it could not check (a note of the summary).
 */
import { attributesUnchecked } from '../files/io';
import { unknownCopiesWarning, unlistedRuntimeWords } from '../rewrite/light';
import type { FileResult } from '../report/file-result';
import type { CliOptions } from './options';
import type { Tally } from './report';
import type { RuntimeChooser } from './runtime-target';

/** What the warnings read of the run. */
export interface FinishedRun {
  options: CliOptions;
  tally: Tally;
  chooser(): RuntimeChooser;
  rel(file: string): string;
  warn(message: string): void;
}

/** Each warning on the changed files, in this order. */
export function warnOfChangedFiles(run: FinishedRun): void {
  warnOfUnreadCopyPatterns(run);
  warnOfUntoldTaro(run);
  warnOfUnlistedPackage(run);
  noteUncheckedAttributes(run);
}

// A file Taro copies without bundling is refused a package import (project-options.ts); one that a
// copy pattern built by code copies cannot be told apart, so a project with such a pattern is named.
function warnOfUnreadCopyPatterns(run: FinishedRun): void {
  warnOfChanged(run, (r) => {
    const unknown = run.chooser().unknownCopiesOf(r.file);
    return unknown
      ? [
          unknownCopiesWarning(
            run.rel(unknown.config),
            unknown.why,
            `none of the files ${run.options.dry ? 'that would change' : 'changed'} is`,
          ),
        ]
      : [];
  });
}

// A Taro.* call of an API Taro < 3.3.1 wrapped became the runtime's function that follows the
// project's Taro: where that Taro was not told for sure, the run says so, once per project.
function warnOfUntoldTaro(run: FinishedRun): void {
  warnOfChanged(run, (r) => (r.taroWrapped ? run.chooser().taroVersionWarnings(r.file, (file) => run.rel(file)) : []));
}

// The codemod adds imports of the runtime package, which the project may not list among the dependencies its app
// ships: once per package.json, the way to add it.
function warnOfUnlistedPackage(run: FinishedRun): void {
  warnOfChanged(run, (r) => {
    const unlisted = r.importSource ? run.chooser().unlistedRuntimeFor(r.file, r.importSource) : undefined;
    if (!unlisted) return [];
    const files = run.options.dry ? 'the files that would change would import' : 'the changed files now import';
    return [unlistedRuntimeWords(unlisted, run.rel(unlisted.packageJson), files, run.options.cwd)];
  });
}

// Where extended attributes cannot be listed (getfattr missing, Windows), a file that has some would lose them unseen:
// the summary says what was not checked once, whenever a file is rewritten (most files have none: no warning).
function noteUncheckedAttributes(run: FinishedRun): void {
  if (run.tally.summary.changed > 0) run.tally.notChecked(attributesUnchecked());
}

/** Says what `messagesOf` gives for each changed file, in the files' order, each message once (one per project). */
function warnOfChanged(run: FinishedRun, messagesOf: (r: FileResult) => string[]): void {
  const said = new Set<string>();
  for (const r of run.tally.sorted()) {
    if (r.status !== 'changed') continue;
    for (const message of messagesOf(r)) {
      if (!said.has(message)) run.warn(message);
      said.add(message);
    }
  }
}
