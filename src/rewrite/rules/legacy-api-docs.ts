/**
 * The API table as docs/legacy-apis.md shows it (a test holds the page to exactly this text): one
 * line per row, with its family, what happens to its places, and why a person migrates it where
 * no door does.
 */
import {
  handReasonOf,
  KIND_LABELS,
  LEGACY_API_KINDS,
  LEGACY_API_TABLE,
  LEGACY_RECORD_KIND,
  memberNameOf,
  migrationOf,
  type LegacyApiRow,
} from './legacy-apis';

/** The table as the docs show it (docs/legacy-apis.md holds exactly this). */
export function legacyApiTableMarkdown(): string {
  const lines = [
    '| API (`wx.`, `qq.`, `Taro.`, or as shown) | family | deprecated since | what happens | replacement |',
    '|---|---|---|---|---|',
    ...LEGACY_API_TABLE.map((row: LegacyApiRow) => {
      const family = LEGACY_API_KINDS[row.kind].family;
      if (row.onlyWithLegacyCalls)
        return `| \`${row.name}\` (the app's own) | ${family} | not deprecated | ${routedAction(row)} | (itself) |`;
      const since = row.deprecatedSince ?? "WeChat's documentation";
      const replacement = row.replacement ? `\`${row.replacement}\`` : 'none named';
      return `| ${apiCell(row)} | ${family} | ${since} | ${tableAction(row)} | ${replacement} |`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}

/** What happens to a routed app API's places: routed, in the projects its option is on in. */
function routedAction(row: LegacyApiRow): string {
  const routed = `routed through the runtime's \`${row.runtimeExport}\``;
  if (row.routedWith === 'canvas')
    return `${routed}, only in projects where the codemod or the build moves a canvas to Canvas 2D (the runtime hands any other canvas to the platform); only on \`wx.\` and \`Taro.\``;
  const calls =
    row.routedWith === LEGACY_RECORD_KIND ? 'record' : KIND_LABELS[row.routedWith ?? 'record'].replace(/ call$/, '');
  return `${routed}, only in projects with legacy ${calls} calls`;
}

/** How the table names an API: `startRecord`, `CanvasContext.setFillStyle`, `Component({ attached })`. */
function apiCell(row: LegacyApiRow): string {
  if (row.owner === 'Component') return `\`Component({ ${memberNameOf(row.name)} })\``;
  return `\`${row.name}\``;
}

/** What the docs' table says happens to a deprecated API's places. */
function tableAction(row: LegacyApiRow): string {
  const action = migratedAction(row) ?? `for a person: ${handReasonOf(row.name)}`;
  return row.onlyOn
    ? `${action}; only on ${[...row.onlyOn, 'Taro'].map((name) => `\`${name}.\``).join(' and ')}`
    : action;
}

/** What the rewrite makes of a migrated row's places; undefined for a row left to a person. */
function migratedAction(row: LegacyApiRow): string | undefined {
  const how = migrationOf(row.name);
  if (row.createdBy && !row.handReason) {
    const writes = row.writes ? `; where it stays, written as ${row.writes.map((p) => `\`${p}\``).join(', ')}` : '';
    return how === 'person'
      ? `for a person, with its \`${row.createdBy}\` (above)`
      : `goes with its \`${row.createdBy}\`: where that is rewritten, the runtime's object has it${writes}`;
  }
  if (how === 'rename') return `renamed to \`${row.renamedTo}\``;
  if (how === 'move')
    return `moved under \`${row.movedUnder}\`; for a person where \`${row.movedUnder}\` has its own \`${memberNameOf(row.name)}\``;
  if (how !== 'runtime') return undefined;
  const runtime = `\`${row.runtimeExport}\``;
  if (row.drivesElement === 'canvas')
    return `rewritten into the runtime's ${runtime} where the rewrite sees its \`<canvas>\`, every use of the context and every call that names the canvas, with the template (the codemod adds \`type="2d"\` and the \`id\`) and the canvas's ${(row.movesWith ?? []).map((name) => `\`${name}\``).join(', ')}; listed for manual review otherwise`;
  return row.drivesElement
    ? `rewritten into the runtime's ${runtime} where its \`<${row.drivesElement}>\` shows nothing and calls nothing; listed for manual review otherwise`
    : row.fieldGroups
      ? `rewritten into the runtime's function of the fields read (${Object.keys(row.fieldGroups)
          .map((name) => `\`${name}\``)
          .join(', ')}), else ${runtime}`
      : row.taroWrapped === 'always'
        ? `rewritten into the runtime's ${runtime} (\`Taro.\`: \`${row.runtimeExport}Wrapped\`)`
        : `rewritten into the runtime's ${runtime}`;
}
