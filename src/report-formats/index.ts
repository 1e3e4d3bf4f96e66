/**
 * The CI formats of both commands' reports (`--format sarif|github|markdown`), from the one
 * shape each command fills (model.ts). The text and our own JSON are written where they were:
 * src/cli/render.ts and src/audit/format.ts.
 */
import type { ReportFormat } from '../rewrite/light';
import { renderGithub } from './github';
import { renderMarkdown } from './markdown';
import type { FormatReport } from './model';
import { renderSarif } from './sarif';

export { auditFormatReport } from './audit';
export { codemodFormatReport } from './codemod';
export type { FormatReport } from './model';

/** The formats written here: every one but the text and the JSON. */
export type CiFormat = Exclude<ReportFormat, 'text' | 'json'>;

export function renderCiFormat(format: CiFormat, report: FormatReport): string {
  switch (format) {
    case 'sarif':
      return renderSarif(report);
    case 'github':
      return renderGithub(report);
    case 'markdown':
      return renderMarkdown(report);
  }
}
