/**
 * The texts of the CLI's --help and audit --help, and the program's description. Wherever they name
 * the legacy APIs, the families come from the API table (src/rewrite/legacy-apis.ts), in its order:
 * a family added there is named here with no edit.
 */
import {
  KIND_LABELS,
  KINDS_IN_TABLE_ORDER,
  LEGACY_API_TABLE,
  legacyApiRow,
  memberNameOf,
  migrationOf,
  PACKAGE_NAME,
  PLATFORM_GLOBALS,
  RUNTIME_FAMILIES,
  REPORT_FORMATS,
  RUNTIME_PACKAGE,
  type LegacyApiKind,
  type LegacyApiRow,
  type ReportFormat,
} from '../rewrite/light';

export const BIN_NAME = PACKAGE_NAME;

/** A family of deprecated APIs as the help texts name it: its kind, and its APIs in the table's order. */
interface Family {
  kind: LegacyApiKind;
  apis: string[];
}

/**
 * The deprecated APIs, family by family, in the table's order (not the app's own managers: they are not deprecated);
 * with `how`, only the rows migrated so (migrationOf): `runtime` rows of the platform object, the members of other
 * objects going with what creates them.
 */
function deprecatedFamilies(how?: ReturnType<typeof migrationOf>): Family[] {
  const rows: readonly LegacyApiRow[] = LEGACY_API_TABLE;
  const deprecated = rows.filter(
    (row) =>
      !row.onlyWithLegacyCalls &&
      (how === undefined || (migrationOf(row.name) === how && (how !== 'runtime' || !row.owner))),
  );
  return KINDS_IN_TABLE_ORDER.map((kind) => ({
    kind,
    apis: deprecated.filter((row) => row.kind === kind).map((row) => row.name),
  })).filter((family) => family.apis.length > 0);
}

/** The rows the rewrite renames or moves, in a sentence each: no runtime, the same API under its current form. */
function renamesAndMoves(): string {
  const rows: readonly LegacyApiRow[] = LEGACY_API_TABLE;
  const renamed = rows.filter((row) => migrationOf(row.name) === 'rename');
  const moved = rows.filter((row) => migrationOf(row.name) === 'move');
  return [
    ...renamed.map((row) => `Renames ${row.name} to ${row.renamedTo} (the same API under its current name).`),
    moved.length > 0
      ? `Moves the old lifecycles at the top of Component({ … }) (${moved.map((row) => row.name.replace(/^\w+\./, '')).join(', ')}) under ${moved[0].movedUnder} (base library 2.2.3 and later), unless ${moved[0].movedUnder} has one of the same name.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** The families left to a person, named: each place is listed with its replacement and the reason. */
function forAPerson(): string {
  const names = deprecatedFamilies('person').map(familyName);
  return names.length > 0
    ? `Names every place of ${and(names)} for a person, with the replacement and why no tool decides it (docs/legacy-apis.md); nothing there is changed.`
    : '';
}

/**
 * A family listed API by API fits in a line up to this many; a larger one is named by its label ("the background-audio
 * API").
 */
const LISTED_APIS = 3;

/**
 * What a family is called as a whole: its summaries' label without its last word ("background-audio call" →
 * "background-audio").
 */
function familyWord(family: Family): string {
  return KIND_LABELS[family.kind].replace(/ \w+$/, '');
}

/** The family's APIs of the platform object, or its members of other objects where it has none (translateMarker). */
function namedApis(family: Family): string[] {
  const own = family.apis.filter((api) => !legacyApiRow(api)?.owner);
  return own.length > 0 ? own : family.apis;
}

/** Does the help list the family API by API (`startRecord/stopRecord`)? */
function listsApis(family: Family): boolean {
  return namedApis(family).length <= LISTED_APIS;
}

/**
 * `startRecord/stopRecord`; `the background-audio API` for a family too large to list; the old lifecycles as the
 * fields of Component() they are.
 */
function familyName(family: Family): string {
  const apis = namedApis(family);
  if (apis.every((api) => legacyApiRow(api)?.owner === 'Component'))
    return `Component({ ${apis.map(memberNameOf).join(', ')} })`;
  if (!listsApis(family)) return `the ${familyWord(family)} API`;
  // createCanvasContext, and the methods of the CanvasContext it returns, which are rows of their own.
  const owners = [...new Set(family.apis.filter((api) => !apis.includes(api)).map((api) => legacyApiRow(api)!.owner))];
  return owners.length > 0
    ? `${apis.join('/')} (with ${and(owners.map((owner) => `${owner}'s methods`))})`
    : apis.join('/');
}

/** "a, b and c". */
function and(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * The APIs whose calls are decided from the template element they name (the table's drivesElement), and that element.
 */
function elementFamilies(): { apis: string[]; element: string }[] {
  const rows: readonly LegacyApiRow[] = LEGACY_API_TABLE;
  const elements = [...new Set(rows.flatMap((row) => (row.drivesElement ? [row.drivesElement] : [])))];
  return elements.map((element) => ({
    element,
    apis: rows.filter((row) => row.drivesElement === element).map((row) => row.name),
  }));
}

/**
 * The platform APIs the runtime is built on: the replacements of the APIs it rewrites, each once (`getRecorderManager`;
 * a row replaced by several names them with ` / `).
 */
function replacements(): string[] {
  const rows: readonly LegacyApiRow[] = LEGACY_API_TABLE;
  return [
    ...new Set(
      rows
        .filter((row) => row.runtimeExport && !row.onlyWithLegacyCalls && row.replacement)
        .flatMap((row) => row.replacement.split(' / ')),
    ),
  ];
}

/** What the replacement hands out, as the runtime's sentence names it: `getRecorderManager` → `RecorderManager`. */
function managerOf(replacement: string): string {
  return replacement.replace(/^(?:get|create)/, '');
}

/** The text's words wrapped into lines of at most `width` characters, each opened by `indent`. */
function wrapped(text: string, indent = '  ', width = 78): string {
  const lines: string[] = [];
  let line = '';
  // A placeholder in angle brackets (`<dir of app.json>/utils`) is one word: it is not broken.
  for (const word of text.match(/(?:<[^<>]*>|\S)+/g) ?? []) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines.join('\n');
}

/**
 * The APIs deprecated on some platform globals only (the table's onlyOn), in a sentence: elsewhere the same call is the
 * platform's current API.
 */
function onlyOnSomeGlobals(): string {
  const rows = (LEGACY_API_TABLE as readonly LegacyApiRow[]).filter((row) => row.onlyOn);
  const globals = [...new Set(rows.flatMap((row) => row.onlyOn!))];
  if (rows.length === 0) return '';
  return ` ${rows.map((row) => row.name).join(' / ')} ${rows.length === 1 ? 'is' : 'are'} taken only on ${and([...globals, 'Taro'].map((name) => `${name}.*`))}: elsewhere the call is the platform's current API.`;
}

/** When an element's call is migrated, and what is left for a person, by the element (the table's drivesElement). */
const ELEMENT_RULES: Record<string, string> = {
  audio:
    'is rendered once and shows and tells the page nothing: an <audio> with controls or bind*/on* handlers, one in a ' +
    'list or under a condition (wx:for, wx:if, .map, &&), a bound src never set with setSrc, no template found, and the other cases ' +
    "docs/legacy-apis.md names are listed for manual review with the template's file:line and the reason.",
  canvas:
    'is rendered once and every use of its context is a method called by name: the codemod alone moves it, writing type="2d" ' +
    "(in Taro's JSX and Vue, a type bound to the runtime's canvasType, 2d on WeChat only) and " +
    'an id equal to the canvas-id (which stays) into the template after the script, and only while the template is as it read it; ' +
    "the canvas's canvasToTempFilePath, canvasGetImageData and canvasPutImageData become the runtime's. " +
    'A <canvas> in a list (wx:for, .map), an id unlike its canvas-id, a context handed on or read by a computed name, a ' +
    'canvasId that cannot be matched, no template found, and the other cases docs/legacy-apis.md names are listed for manual ' +
    'review with the reason; their setters with an ' +
    'exact property (setFillStyle, setLineWidth, setShadow…) are written as properties.',
};

/**
 * The --help's "What it does": the families the rewrite takes, the ones decided by their element, the files it reads.
 */
function whatItDoes(): string {
  const elementApis = new Set(elementFamilies().flatMap((family) => family.apis));
  const families = deprecatedFamilies('runtime')
    .map((family) => ({ ...family, apis: family.apis.filter((api) => !elementApis.has(api)) }))
    .filter((family) => family.apis.length > 0);
  const named = families.map((family) =>
    listsApis(family) ? family.apis.join(' / ') : `${familyName(family)} (${family.apis.join(', ')})`,
  );
  const rewrites =
    `Rewrites calls of the deprecated ${and(named)}, on ${and([...PLATFORM_GLOBALS, 'Taro'].map((name) => `${name}.*`))}, through aliases, destructuring and ` +
    `require, into calls of a small runtime built on ${and(replacements().map((api) => `${api}()`))}, and adds one import per file.` +
    onlyOnSomeGlobals();
  // What decides an element's call is the element's own (element-calls.ts, canvas-calls.ts): each has its words.
  const byElement = elementFamilies().map(
    ({ apis, element }) =>
      `${and(apis)} ${apis.length === 1 ? 'is' : 'are'} migrated where its <${element}> (read from the .wxml beside the script, the .vue template ` +
      `or the file's JSX) ${ELEMENT_RULES[element] ?? ELEMENT_RULES.audio}`,
  );
  const files =
    'Handles .js .jsx .ts .tsx .mjs .cjs .mts .cts and the <script> blocks of .vue files (templates and styles stay byte-identical, but ' +
    'for a <canvas> that moves to Canvas 2D). ' +
    'Files that cannot mention the APIs are never parsed.';
  return wrapped([rewrites, ...byElement, renamesAndMoves(), forAPerson(), files].filter(Boolean).join(' '));
}

/** The --help's paragraph on a local copy of the runtime, which names the families a copy may hold. */
function localRuntime(): string {
  const families = RUNTIME_FAMILIES.filter((family) => family !== 'taro-wrapper');
  return wrapped(
    'Writes a standalone copy of the runtime into the project and imports it by relative path: no new dependency, works without a ' +
      `bundler. The copy holds only the families the migrated files import (${families.join(', ')}); a later run adds the ones new ` +
      'code needs. Default: one copy per native mini-program, <dir of app.json>/utils/record-compat, and one in each independent ' +
      'subpackage, <its root>/utils/record-compat (their files may require nothing outside it); a file in no mini-program: ' +
      'src/utils/record-compat, else utils/record-compat under the first path. .ts in a TypeScript project (a tsconfig.json is ' +
      'found), .js otherwise. An explicit path is relative to the current folder and names a .js or .ts file (not a folder) inside ' +
      'the git repository (else the package) being migrated; a file whose mini-program root or independent subpackage does not hold ' +
      'it fails, left as it is. An existing copy of another version (or edited) is replaced only with --force; a file there that ' +
      'this tool did not write (no runtime copy) is never replaced: the run is refused, choose another path.',
  );
}

/** What each report format is for, in a line: a format added to the options table must be said here. */
const FORMAT_WORDS: Record<ReportFormat, string> = {
  text: 'for a person (the default)',
  json: 'our own JSON (as --json)',
  sarif: 'SARIF 2.1.0, for GitHub code scanning (upload-sarif)',
  github: 'GitHub Actions workflow commands: annotations on the files',
  markdown: 'a summary to paste into a pull request',
};

/** The --help's paragraph on --format: each format, in the options table's order. The exit codes stay. */
function formatsHelp(): string {
  const width = Math.max(...REPORT_FORMATS.map((format) => format.length));
  return [
    'Report formats (--format, on stdout; the exit codes are the same in each):',
    ...REPORT_FORMATS.map((format) => `  ${format.padEnd(width)}  ${FORMAT_WORDS[format]}`),
  ].join('\n');
}

/** The program's one line: what it migrates, to what. */
export const PROGRAM_DESCRIPTION =
  `Migrate ${and(deprecatedFamilies('runtime').map((family) => (listsApis(family) ? familyName(family) : familyWord(family))))} calls ` +
  `to the runtime built on ${and(replacements().map(managerOf))}.`;

/** How --runtime decides, file by file, and what each route writes. */
const runtimeHelp = (): string => `Runtime (--runtime auto, the default): decided file by file.
  A file of a native mini-program that WeChat loads as it is (its
  project.config.json names the folder of app.json as miniprogramRoot, or a
  plugin's folder as pluginRoot), or of one with no package.json at or above
  it, gets a copy of the runtime written into its mini-program (as with the
  option local), unless WeChat's npm build holds the runtime: a package.json
  it builds for that folder (inside the root, or as setting.packNpmRelationList
  says with setting.packNpmManually) lists ${RUNTIME_PACKAGE} in its
  dependencies; then, as every other file, it imports the package. With
  --dry, the summary says which route the files take and which copies would
  be written; --print shows each file that would change, and each copy.

Runtime entry (--runtime package, and the default's package route):
  A file that imports @tarojs/taro, or whose nearest package.json depends on
  it, imports record-compat-runtime; any other file (a native mini-program)
  imports record-compat-runtime/native (the runtime's package, which the app
  lists in its dependencies; this tool stays a devDependency). A file that
  Taro's copy option copies without bundling (copy.patterns in config/index.*)
  fails instead: migrate its folder with --runtime local=<folder>/record-compat.js.
  With --runtime package, so does a file of a native mini-program WeChat loads
  as it is whose npm build does not hold the runtime, or one with no
  package.json at or above it: nothing installs the package there.

Runtime entry (--runtime local[=path], and the default's local route):
${localRuntime()}`;

/** After the options of --help; made when help is asked for, so that a run does not pay for it. */
export const helpAfter = (): string => `
What it does:
${whatItDoes()}

What it skips:
  paths git ignores (.gitignore files, nested ones too, info/exclude, the
  user's core.excludesFile; a file git tracks is taken all the same),
  node_modules, dist, build,
  unpackage, coverage, miniprogram_npm, hidden folders, .d.ts, minified files, files over
  1 MB, WeChat web JS-SDK code. Symbolic links are not followed. A folder
  named here that git ignores is skipped with a warning; a file named here is
  always taken, unless --exclude matches it.

Exclusions (--exclude <glob>, repeatable):
  Gitignore patterns, relative to the current folder (not to the paths
  given), as if written in a .gitignore there: dir/, **, !, a leading /,
  [a-z]. What they match is left out whether git tracks it or not; an excluded
  folder is not migrated, and its files are only searched for a legacy API's
  name. The summary counts what was excluded and names each excluded file
  that names a legacy API.

${runtimeHelp()}

Safety:
  Refuses to write into a git working tree with uncommitted changes (including
  untracked files, and files it would rewrite that are marked skip-worktree or
  assume-unchanged, whose changes git hides) unless --force; a folder outside
  git is migrated with a warning. A file that fails is reported and left
  byte-for-byte untouched; the run goes on. Writes are atomic and keep the file's mode, line endings and BOM.
  Output that does not re-parse is never written.

Exit codes:
  0  nothing failed
  1  a file failed, the run was refused (dirty tree, runtime copy conflict),
     or, with --strict, places are left for manual review
  2  usage error

${formatsHelp()}

Audit (type-aware, what is left; see 'npx ${BIN_NAME} audit --help'):
  npx ${BIN_NAME} audit [paths] [--project tsconfig.json] [--verify] [--format <name>] [--strict]

From Taro's CLI (the build plugin in config/index.ts), on the config's sourceRoot:
  taro record-compat [migrate|audit] [options]

ESLint (keeps the calls from coming back; its fix is this migration's edit):
  taro-plugin-record-compat/eslint, rule record-compat/no-deprecated-api

Parser: --parser overrides RECORD_COMPAT_PARSER (auto, babel or oxc), which
  overrides the default, auto: oxc-parser where it loads, else Babel.

Examples:
  npx ${BIN_NAME}                      migrate the current folder
  npx ${BIN_NAME} src --dry --print    show the diff, write nothing
  npx ${BIN_NAME} miniprogram --runtime local
  npx ${BIN_NAME} . --json > report.json
`;

/** The audit's --help: the families it finds, and what decides the element-driven ones. */
function auditFinds(): string {
  const families = and(deprecatedFamilies().map((family) => familyName(family)));
  const byElement = elementFamilies().map(
    ({ apis, element }) =>
      `${and(apis)}: the rewrite takes ${apis.length === 1 ? 'it' : 'them'} where the page neither shows nor listens to its <${element}>`,
  );
  return wrapped(
    `Finds every remaining reference to the deprecated APIs (${families}) with the TypeScript type checker, and says whether the ` +
      `rewrite handles it, or why not${byElement.length > 0 ? ` (${byElement.join('; ')})` : ''}.`,
    '',
  );
}

/** After the options of audit --help. */
export const auditHelpAfter = (): string => `
${auditFinds()}

Exit codes:
  0  nothing is left for a person
  1  references that need a person remain (with --strict: any reference, warning
     or place only the rewrite sees), or --verify found new type errors
  2  usage error

${formatsHelp()}

In CI: npx ${BIN_NAME} audit --format sarif > record-compat.sarif
`;
