/**
 * jscodeshift transform: `jscodeshift -t node_modules/taro-plugin-record-compat/dist/transforms/record-compat.js src/`.
 *
 * It runs the same rewrite as the Babel plugin. The parser comes from each file's
 * extension (`.ts` without JSX, `.tsx/.js/.jsx` with it, `.d.ts` skipped, `.vue` by its script blocks), whatever
 * `--parser` jscodeshift was started with, so one run over a mixed tree parses every file.
 * Options: `--importSource=<module>` (default: chosen per file as the codemod chooses it,
 * `record-compat-runtime` for a file that imports @tarojs/taro or whose nearest
 * package.json depends on it, else `record-compat-runtime/native`);
 * `--routeRecorderManager` (default off): also route the app's own `getRecorderManager()`
 * through the runtime; `--routeBackgroundAudioManager` likewise its `getBackgroundAudioManager()`;
 * `--routeCanvasPixels` its `canvasToTempFilePath`, `canvasGetImageData` and `canvasPutImageData` (only where the
 * codemod moved a canvas to Canvas 2D: a transform writes no template, and moves none).
 * `--families=record,voice`: migrate only these families (default: all; docs/other-toolchains.md
 * lists them); the calls of the others are left as they are, counted per file.
 * Pass each only for a project that has legacy calls of that family (the CLI
 * decides this by itself; a transform sees one file at a time). `--taroWrapper=true`: the project
 * is on Taro < 3.3.1, whose wrapper made `Taro.startRecord(…)` and the like return a Promise
 * even with callbacks; without the option it is read from the file's project (nearest installed
 * @tarojs/taro, else its lockfile, else package.json; docs/legacy-apis.md#taro-wrapper),
 * with a warning when that does not tell it for sure. jscodeshift's own
 * `--parser` is not ours: RECORD_COMPAT_PARSER chooses the rewrite's parser here. Any other option that is neither ours
 * nor jscodeshift's (a misspelling) is an error that names it. A file that is not UTF-8 is an error, left as it is, as
 * the codemod fails it (one it skips, minified or over 1 MB, is skipped, with its reason); so is a file Taro's copy
 * option copies, or of a mini-program WeChat loads as it is (it cannot import the package: the codemod's --runtime
 * local can). A file it changes in a project whose copy patterns it cannot all read is reported with a warning.
 */
import type { API, FileInfo, Options } from 'jscodeshift';
import * as path from 'node:path';
import { leftAsChosenLines } from '../src/report/words';
import {
  countByFamily,
  fileCopiesWarning,
  givenOptionsFor,
  importSourceOf,
  handedTextRefusalOf,
  kindRefusal,
  mightContainLegacyCall,
  optionsFromStrings,
  packageImportRefusal,
  rewriteFile,
  RewriteRefusedError,
  TaroProjectLookup,
  toPosixPath,
} from '../src/rewrite';

/**
 * The options jscodeshift hands every transform besides ours: its own command line's (jscodeshift
 * 17, `jscodeshift --help`, and the dashed spellings of older versions) and `printOptions`, which
 * many transforms read. Any other name is a misspelling of ours, said as an error.
 */
const JSCODESHIFT_OPTIONS = [
  'transform',
  'cpus',
  'verbose',
  'dry',
  'print',
  'babel',
  'extensions',
  'ignorePattern',
  'ignoreConfig',
  'ignoreSet',
  'gitignore',
  'runInBand',
  'silent',
  'parser',
  'parserConfig',
  'failOnError',
  'version',
  'stdin',
  'help',
  'printOptions',
  'ignore-pattern',
  'ignore-config',
  'run-in-band',
  'parser-config',
  'fail-on-error',
];
/** The options that are ours. */
const TRANSFORM_OPTIONS = [
  'importSource',
  'routeRecorderManager',
  'routeBackgroundAudioManager',
  'routeCanvasPixels',
  'taroWrapper',
  'families',
] as const;

/** One per worker: the warnings about a project's Taro are said once per worker. */
const taro = new TaroProjectLookup();

export default function recordCompatTransform(file: FileInfo, api: API, options: Options): string | undefined {
  // A kind of file the rewrite does not take (`--extensions` named it: `.es6`, `.d.ts`, `.wxs`) is
  // skipped; where its text names an API, with the reason, as the codemod says it of a file named to it.
  const notOurs = kindRefusal(file.path);
  if (notOurs) {
    if (mightContainLegacyCall(file.source)) api.report(`skipped: ${notOurs}`);
    return undefined;
  }
  // The files the codemod refuses are left as they were (jscodeshift decoded the file as UTF-8 and
  // would write our text back: a GBK file would lose its bytes). One it fails (not UTF-8, nested
  // too deeply) is thrown, one of jscodeshift's errors; one it skips (minified, too large) is skipped.
  const refused = handedTextRefusalOf(file.source, file.path);
  if (refused?.fails) throw new RewriteRefusedError(`${file.path}: ${refused.message}`);
  if (refused) {
    api.report(`skipped: ${refused.message}`);
    return undefined;
  }
  const given = optionsFromStrings(options, 'engine', TRANSFORM_OPTIONS, JSCODESHIFT_OPTIONS);
  // What is not given is decided for the file as the codemod decides it: the runtime entry, Taro's wrapper
  // (project-options.ts).
  const decided = givenOptionsFor(file.path, file.source, given, taro);
  // handedTextRefusalOf above has estimated the nesting already.
  const { output, report } = rewriteFile(file.source, file.path, decided, { depthChecked: true });
  // Code Taro copies without bundling, or WeChat loads as it is, cannot import the package, and a rewrite that depends
  // on a package.json or project.config.json that cannot be read is not trusted: left as it was, as the codemod leaves
  // it.
  const unloadable =
    output === null
      ? null
      : packageImportRefusal(
          file.path,
          importSourceOf(decided),
          taro,
          report.taroWrapped === true && given.taroWrapper === undefined,
        );
  if (unloadable) throw new RewriteRefusedError(`${file.path}: ${unloadable}`);
  // A project whose copy patterns are not all known: this file may be one Taro copies (project-options.ts).
  const warning = output === null ? undefined : fileCopiesWarning(file.path, taro, process.cwd());
  if (warning) api.report(`warning: ${warning}`);
  // Taro.startRecord and the like followed the project's Taro: said when it was not told for sure (project-options.ts).
  if (output !== null && report.taroWrapped && given.taroWrapper === undefined) {
    for (const message of taro.unsaidTaroVersionWarnings(
      file.path,
      (f) => toPosixPath(path.relative(process.cwd(), f)) || '.',
    ))
      api.report(`warning: ${message}`);
  }
  if (report.skipped) api.report(`skipped: ${report.skipped}`);
  // jscodeshift prefixes each report with the file's path: the place is its line and column.
  for (const site of report.manual) api.report(`${site.line}:${site.column + 1}: manual review: ${site.reason}`);
  // Calls of a family --families did not choose: left as they are, counted per family (never in silence).
  for (const line of leftAsChosenLines(countByFamily(report.leftAsChosen ?? []))) api.report(line);
  // undefined tells jscodeshift "unchanged", so untouched files are never reprinted.
  return output ?? undefined;
}
