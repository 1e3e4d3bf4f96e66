import pc from 'picocolors';
import {
  countByFamily,
  counted,
  excludedLines,
  ignoredWords,
  printable,
  reportJson,
  skippedFolderLine,
} from '../rewrite/light';
import {
  FOR_A_PERSON,
  HANDLED,
  leftAsChosenLines,
  LOOKED_AT,
  namingLegacyApi,
  places,
  placesByReason,
} from '../report/words';
import type { AuditFinding, AuditPhase, AuditResult, RewriteOnlySite, VerifyResult } from './types';

/** The result as JSON; the command adds `nextSteps`, what its text says after the summary. */
export function formatJson(result: AuditResult, command: { nextSteps?: string[] } = {}): string {
  return `${reportJson({ ...result, ...command })}\n`;
}

/**
 * The human report: the places handled by the rewrite, then those left for a person, each
 * reason said once with its places under it (a grep-able `file:line:col` first on each), then
 * what the audit could not judge, and the summary in the codemod's words (report/words.ts).
 * Paths, and the words that name them, are printable(): a name holding a line break stays on its line.
 */
export function formatText(result: AuditResult, color = false): string {
  const c = color ? pc : { red: String, green: String, yellow: String, dim: String, bold: String };
  const lines: string[] = [];
  const handled = result.findings.filter((f) => f.status === 'handled');
  const left = result.findings.filter((f) => f.status === 'manual');
  const placeLine = (f: AuditFinding) =>
    `${printable(f.file)}:${f.line}:${f.column}  ${c.bold(printable(f.expression))}${f.certainty === 'possible' ? c.yellow(' (possible)') : ''}`;
  if (handled.length > 0) {
    lines.push(c.green(`${HANDLED}: ${places(handled.length)}`));
    lines.push(...placesByReason(handled, placeLine, '  ', c.dim));
  }
  if (left.length > 0) {
    lines.push(c.red(`${FOR_A_PERSON}: ${places(left.length)}`));
    lines.push(...placesByReason(left, placeLine, '  '));
  }
  for (const s of result.rewriteOnly) {
    const [first, rest] = rewriteOnlyWords(s);
    lines.push(`${printable(s.file)}:${s.line}:${s.column}  ${c.yellow(first)}${printable(rest)}`);
  }
  for (const r of result.refusedFiles) {
    const refused = `refused by the rewrite: ${printable(r.message)}`;
    lines.push(`${printable(r.file)}  ${r.fails ? c.red(refused) : c.yellow(refused)}; not audited`);
  }
  for (const f of result.failedFiles) lines.push(`${printable(f.file)}  ${c.red(printable(f.reason))}`);
  for (const w of result.warnings) lines.push(c.yellow(`warning: ${printable(w)}`));
  for (const s of result.skippedFiles) {
    const [first, seen] = skippedWords(s, printable);
    lines.push(`${printable(s.file)}  ${c.yellow(first)}${seen}`);
  }
  if (result.verify) {
    const v = result.verify;
    for (const d of v.introduced) {
      lines.push(
        `${printable(d.file)}:${d.line}:${d.column}  ${c.red(`TS${d.code}`)} ${printable(d.message)}  ${c.dim(`(not in ${printable(v.baseline)})`)}`,
      );
    }
    for (const file of v.newFiles) lines.push(`${printable(file)}  ${c.dim(printable(newFileWords(v.baseline)))}`);
    const [changed, verdict] = verifyWords(v);
    const words = printable(verdict.words);
    lines.push(`${printable(changed)}${verdict.passed ? c.green(words) : c.red(words)}`);
  }
  lines.push(...summaryLines(result, handled.length, c));
  return `${lines.join('\n')}\n`;
}

/** What the text says of a place only the rewrite sees: its coloured part, then the rest. */
export function rewriteOnlyWords(s: RewriteOnlySite): [string, string] {
  return ['the rewrite would change this', ` (${s.api}, ${s.via}), but the type checker finds no deprecated API here`];
}

/** What the text says of a file the rewrite leaves alone: its coloured part, then the references it did not count. */
export function skippedWords(
  s: AuditResult['skippedFiles'][number],
  shown: (text: string) => string = String,
): [string, string] {
  const seen = s.references > 0 ? `; ${counted(s.references, 'reference')} there not counted: check the verdict` : '';
  return [`left alone by the rewrite: ${shown(s.reason)}`, seen];
}

/** What the text says of a file --verify could not compare: none at the baseline. */
export function newFileWords(baseline: string): string {
  return `not in ${baseline}: not type-checked, no text there to compare with`;
}

/** --verify's line: how many files changed since the baseline, then its verdict and whether it passed. */
export function verifyWords(v: VerifyResult): [string, { words: string; passed: boolean }] {
  const changed = `verify: ${counted(v.migratedFiles.length, 'file')} changed since ${v.baseline}; `;
  if (v.unchecked) return [changed, { words: v.unchecked, passed: false }];
  return v.introduced.length === 0
    ? [changed, { words: 'no new type errors', passed: true }]
    : [changed, { words: counted(v.introduced.length, 'new diagnostic'), passed: false }];
}

/** The summary block, as the codemod's is written: files, then places by verdict, then what was not judged. */
function summaryLines(
  result: AuditResult,
  handled: number,
  c: {
    red: (s: string) => string;
    yellow: (s: string) => string;
    bold: (s: string) => string;
    dim: (s: string) => string;
  },
): string[] {
  const { stats } = result;
  const seconds = (stats.milliseconds / 1000).toFixed(1);
  // Said only when there is one, as the codemod's summary does (each is listed above).
  const brokenLinks = stats.brokenLinks > 0 ? `, ${counted(stats.brokenLinks, 'link')} leading nowhere` : '';
  const lines = [
    '',
    c.bold(`Summary ${c.dim(`(${seconds}s)`)}`),
    `  files: ${stats.filesLookedAt} ${LOOKED_AT}, ${namingLegacyApi(stats.filesNamingLegacyApi)}, ${stats.typeCheckedFiles} type-checked (with the files that import them); ` +
      c.dim(`${ignoredWords(stats.ignored.folders, stats.ignored.files)}${brokenLinks}`),
    `  ${HANDLED}: ${places(handled)}`,
    `  ${FOR_A_PERSON}: ${result.needsPerson > 0 ? c.red(places(result.needsPerson)) : places(0)}`,
  ];
  // Said whenever --exclude is given: a pattern that matched nothing shows as 0.
  const excluded = stats.excluded;
  if (excluded)
    lines.push(
      ...excludedLines(
        {
          folders: excluded.folders,
          files: excluded.files,
          namingLegacyApi: excluded.namingLegacyApi,
          notRead: excluded.notRead.map(({ file, reason }) => ({ path: file, reason })),
        },
        printable,
      ),
    );
  // Never "0 places" alone beside places listed above: say what those are.
  if (result.ignored.length > 0) lines.push(`  ignored by comment: ${places(result.ignored.length)}`);
  lines.push(...leftAsChosenLines(countByFamily(result.leftAsChosen ?? [])).map((line) => `  ${line}`));
  if (result.rewriteOnly.length > 0)
    lines.push(c.yellow(`  only the rewrite sees: ${places(result.rewriteOnly.length)} (listed above)`));
  if (result.refusedFiles.length > 0)
    lines.push(
      c.red(
        `  refused by the rewrite: ${counted(result.refusedFiles.length, 'file')} that name a legacy API (listed above)`,
      ),
    );
  if (result.failedFiles.length > 0)
    lines.push(c.red(`  could not be audited: ${counted(result.failedFiles.length, 'file')} (listed above)`));
  for (const { folder, namingLegacyApi } of result.skippedFolders)
    lines.push(c.yellow(`  ${skippedFolderLine(printable(folder), namingLegacyApi, 'audited')}`));
  return lines;
}

/** What a terminal shows while the audit is in a phase (AuditPhase), with its count. */
export function phaseWords(phase: AuditPhase): string {
  switch (phase.step) {
    case 'finding':
      return "finding the project's files";
    case 'reading':
      return `reading ${counted(phase.files, 'file')}`;
    case 'program':
      return `building the TypeScript program from ${counted(phase.files, 'file')}, their imports and typings (the long part)`;
    case 'references':
      return `looking for references in ${counted(phase.files, 'file')}`;
    case 'rewrite':
      return `asking the rewrite about ${counted(phase.files, 'file')}`;
    case 'verify':
      return `type-checking the files changed since ${phase.baseline}`;
  }
}
