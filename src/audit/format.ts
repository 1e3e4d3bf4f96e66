import pc from 'picocolors';
import { ignoredWords, printable, reportJson } from '../rewrite/light';
import type { AuditResult } from './types';

export function formatJson(result: AuditResult): string {
  return `${reportJson(result)}\n`;
}

/**
 * The human report: one line per finding, grep-able `file:line:col` first. Paths, and the words
 * that name them, are printable(): a name holding a line break stays on its line.
 */
export function formatText(result: AuditResult, color = false): string {
  const c = color ? pc : { red: String, green: String, yellow: String, dim: String, bold: String };
  const lines: string[] = [];
  for (const f of result.findings) {
    const tag = f.status === 'handled' ? c.green('handled by the rewrite') : c.red('needs a person');
    const maybe = f.certainty === 'possible' ? c.yellow(' (possible)') : '';
    lines.push(`${printable(f.file)}:${f.line}:${f.column}  ${c.bold(printable(f.expression))}  ${tag}${maybe}`);
    lines.push(`    ${c.dim(printable(f.reason))}`);
  }
  for (const s of result.rewriteOnly) {
    lines.push(`${printable(s.file)}:${s.line}:${s.column}  ${c.yellow('the rewrite would change this')} (${s.api}, ${s.via}), but the type checker finds no deprecated API here`);
  }
  for (const r of result.refusedFiles) {
    const refused = `refused by the rewrite: ${printable(r.message)}`;
    lines.push(`${printable(r.file)}  ${r.fails ? c.red(refused) : c.yellow(refused)}; not audited`);
  }
  for (const f of result.failedFiles) lines.push(`${printable(f.file)}  ${c.red(printable(f.reason))}`);
  for (const w of result.warnings) lines.push(c.yellow(`warning: ${printable(w)}`));
  for (const s of result.skippedFiles) {
    const seen = s.references > 0 ? `; ${s.references} reference(s) there not counted: check the verdict` : '';
    lines.push(`${printable(s.file)}  ${c.yellow(`left alone by the rewrite: ${printable(s.reason)}`)}${seen}`);
  }
  if (result.verify) {
    const v = result.verify;
    for (const d of v.introduced) {
      lines.push(`${printable(d.file)}:${d.line}:${d.column}  ${c.red(`TS${d.code}`)} ${printable(d.message)}  ${c.dim(`(not in ${v.baseline})`)}`);
    }
    for (const file of v.newFiles) lines.push(`${printable(file)}  ${c.dim(`not in ${v.baseline}: not type-checked, no text there to compare with`)}`);
    lines.push(
      `verify: ${v.migratedFiles.length} file(s) changed since ${v.baseline}; ` +
        (v.unchecked ? c.red(v.unchecked) : v.introduced.length === 0 ? c.green('no new type errors') : c.red(`${v.introduced.length} new diagnostic(s)`)),
    );
  }
  const handled = result.findings.length - result.needsPerson;
  const seconds = (result.stats.milliseconds / 1000).toFixed(1);
  // Said only when there is one, as the codemod's summary does (each is listed above).
  const links = result.stats.brokenLinks;
  const brokenLinks = links > 0 ? `, ${links} link${links === 1 ? '' : 's'} leading nowhere` : '';
  lines.push(
    `${result.findings.length} reference(s) to deprecated APIs: ${handled} handled by the rewrite, ` +
      `${result.needsPerson > 0 ? c.red(`${result.needsPerson} need a person`) : '0 need a person'}` +
      `${result.ignored.length > 0 ? `, ${result.ignored.length} ignored by comment` : ''}` +
      // Never "0 references" alone beside places listed above: say what those are.
      `${result.rewriteOnly.length > 0 ? c.yellow(`; ${result.rewriteOnly.length} more place(s) listed above that only the rewrite sees`) : ''}` +
      `${result.refusedFiles.length > 0 ? c.red(`; ${result.refusedFiles.length} file(s) naming them refused by the rewrite (listed above)`) : ''}` +
      `${result.failedFiles.length > 0 ? c.red(`; ${result.failedFiles.length} file(s) could not be audited (listed above)`) : ''} ` +
      c.dim(`(${result.stats.scannedFiles} of ${result.stats.projectFiles} files scanned, ${ignoredWords(result.stats.ignored.folders, result.stats.ignored.files)}${brokenLinks}, ${seconds}s)`),
  );
  return `${lines.join('\n')}\n`;
}
