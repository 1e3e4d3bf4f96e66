/**
 * A run as SARIF 2.1.0, the log GitHub code scanning reads (github/codeql-action/upload-sarif):
 * one rule per legacy API family of the API table, and a few for what is about a file rather
 * than a family; each place a result with its file (relative to the repository, under the
 * `%SRCROOT%` base), line, column and reason. The run's notices are its invocation's. Every
 * string is written as the JSON report writes it (reportJson), every path as sarifUri gives it.
 */
import * as path from 'path';
import { packageVersion } from '../package-info';
import {
  familyOf,
  findGitRoot,
  migrationOf,
  LEGACY_API_TABLE,
  MIGRATION_FAMILIES,
  nameBytes,
  PACKAGE_NAME,
  reportJson,
  toPosixPath,
  type LegacyApiRow,
  type MigrationFamily,
} from '../rewrite/light';
import type { FormatPlace, FormatReport, Verdict } from './model';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The base every result's path is relative to: the repository's top folder (the run's folder outside git). */
export const SOURCE_ROOT = '%SRCROOT%';

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
  properties: { tags: string[] };
}

/** The rules that are about a file or a check, not a family: their ids by the verdicts they take. */
const FILE_RULES: Record<Exclude<Verdict, 'person' | 'handled' | 'rewriteOnly'>, SarifRule> = {
  failed: otherRule('not-processed', 'NotProcessed', 'A file the run could not migrate or audit', 'error'),
  refused: otherRule('not-processed', 'NotProcessed', 'A file the run could not migrate or audit', 'error'),
  skipped: otherRule('skipped', 'Skipped', 'A file the run left alone on purpose, or could not compare', 'note'),
  typeError: otherRule('new-type-error', 'NewTypeError', 'A type error the migration brought in (--verify)', 'error'),
};
/** A place of a legacy API whose family the report cannot tell (a computed key that may be several). */
const NO_FAMILY_RULE = otherRule('legacy-api', 'LegacyApi', 'A use of a deprecated API of no one family', 'warning');

export function renderSarif(report: FormatReport): string {
  const root = findGitRoot(report.cwd) ?? report.cwd;
  const rules = rulesOf();
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const results = report.places.map((place) => {
    const rule = ruleOf(place);
    return {
      ruleId: rule.id,
      ruleIndex: index.get(rule.id)!,
      level: place.level,
      message: { text: place.reason },
      locations: [locationOf(place, report.cwd, root)],
      ...(place.todo ? { properties: { whatToDo: place.todo.what, docs: place.todo.page } } : {}),
    };
  });
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: PACKAGE_NAME, version: packageVersion(), rules } },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: folderUri(root) } },
        // Babel and TypeScript count columns in UTF-16 code units.
        columnKind: 'utf16CodeUnits',
        invocations: [invocationOf(report)],
        results,
      },
    ],
  };
  // Every string of the log as the JSON report writes it (jsonText): exact, never a lone surrogate.
  return `${reportJson(log)}\n`;
}

/** One rule per family, in the API table's order, then those about a file or a check. */
function rulesOf(): SarifRule[] {
  const others = [...new Map(Object.values(FILE_RULES).map((rule) => [rule.id, rule])).values()];
  return [...MIGRATION_FAMILIES.map(familyRule), NO_FAMILY_RULE, ...others];
}

/** A family's rule: its deprecated APIs, and what replaces them, from the API table. */
function familyRule(family: MigrationFamily): SarifRule {
  const rows = (LEGACY_API_TABLE as readonly LegacyApiRow[]).filter(
    (row) => !row.onlyWithLegacyCalls && familyOf(row.name) === family,
  );
  const apis = rows.map((row) => row.name).join(', ');
  const named = [...new Set(rows.map((row) => row.replacement).filter(Boolean))];
  const replacements = named.length > 0 ? `replaced by ${named.join('; ')}` : 'no replacement is named';
  // What the rewrite does with the family: the runtime, a rename or move in place, or nothing (each place for a person).
  const how = new Set(rows.map((row) => migrationOf(row.name)));
  const rewrite =
    how.size === 1 && how.has('person')
      ? 'The rewrite leaves every use to a person, with the reason.'
      : how.has('runtime')
        ? 'The rewrite migrates most uses to the runtime; the others are left for a person, with the reason.'
        : 'The rewrite migrates most uses where they are written; the others are left for a person, with the reason.';
  return {
    id: `legacy-api/${family}`,
    name: `Legacy${family.replace(/(^|-)(\w)/g, (_, _dash: string, letter: string) => letter.toUpperCase())}Api`,
    shortDescription: { text: `A use of a deprecated ${family} API (${apis})` },
    fullDescription: {
      text: `${apis}: deprecated by the platform; ${replacements}. ${rewrite}`,
    },
    help: {
      text: `Run the codemod for the uses it handles; migrate the others by hand as each result's message says.`,
    },
    defaultConfiguration: { level: 'warning' },
    properties: { tags: ['deprecated-api', family] },
  };
}

function otherRule(
  id: string,
  name: string,
  text: string,
  level: SarifRule['defaultConfiguration']['level'],
): SarifRule {
  return {
    id,
    name,
    shortDescription: { text },
    fullDescription: { text: `${text}: the message says why, and what to do.` },
    help: { text: 'Do what the message says, then run again.' },
    defaultConfiguration: { level },
    properties: { tags: ['deprecated-api'] },
  };
}

function ruleOf(place: FormatPlace): SarifRule {
  if (place.verdict === 'person' || place.verdict === 'handled' || place.verdict === 'rewriteOnly')
    return place.family === null ? NO_FAMILY_RULE : familyRule(place.family);
  return FILE_RULES[place.verdict];
}

/**
 * Where a place is: its path from the repository's top, as a relative URI under SOURCE_ROOT. GitHub
 * asks for a line: a place of a whole file is at its line 1, and says so in its properties.
 */
function locationOf(place: FormatPlace, cwd: string, root: string) {
  const uri = sarifUri(toPosixPath(path.relative(root, path.resolve(cwd, place.file))));
  const region =
    place.line === null
      ? { startLine: 1 }
      : { startLine: place.line, ...(place.column === null ? {} : { startColumn: place.column }) };
  return {
    physicalLocation: { artifactLocation: { uri, uriBaseId: SOURCE_ROOT }, region },
    ...(place.line === null ? { properties: { wholeFile: true } } : {}),
  };
}

/** The run itself: its exit code, and each notice (a warning, a refusal) as a notification. */
function invocationOf(report: FormatReport) {
  return {
    executionSuccessful: !report.notices.some((notice) => notice.level === 'error'),
    exitCode: report.exitCode,
    toolExecutionNotifications: report.notices.map((notice) => ({
      level: notice.level,
      message: { text: notice.message },
    })),
  };
}

/** The bytes a URI keeps as they are: those encodeURIComponent keeps, and `/` between names. */
const URI_KEPT = /^[A-Za-z0-9\-_.!~*'()/]$/;

/**
 * A path (forward slashes) as a URI reference, the one way a path reaches SARIF: each byte of its
 * name (nameBytes: a name that is not UTF-8 by its own bytes) percent-encoded, but for the
 * letters, digits, `-_.!~*'()` and `/`. Never throws, where encodeURIComponent throws on a lone
 * surrogate; `:` is encoded, so that no first name reads as a scheme.
 */
export function sarifUri(posixPath: string): string {
  let uri = '';
  for (const byte of nameBytes(posixPath)) {
    const c = String.fromCharCode(byte);
    uri += byte < 0x80 && URI_KEPT.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return uri;
}

/** A folder as a `file:` URI ending in `/` (a Windows drive's `C:` kept, as file URIs write it). */
function folderUri(folder: string): string {
  const posix = toPosixPath(folder.endsWith(path.sep) ? folder : folder + path.sep);
  const drive = /^[A-Za-z]:/.exec(posix)?.[0];
  if (drive) return `file:///${drive}${sarifUri(posix.slice(drive.length))}`;
  // A UNC path (//server/share/) names its host where a file URI does.
  return posix.startsWith('//') ? `file:${sarifUri(posix)}` : `file://${sarifUri(posix)}`;
}
