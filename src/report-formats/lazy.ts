/**
 * The CI formats, loaded when a run asks for one: most runs print text or JSON and should not pay for loading them.
 */
import type { ReportFormat } from '../rewrite/light';
import type * as Formats from './index';

export function isCiFormat(format: ReportFormat): format is Formats.CiFormat {
  return format !== 'text' && format !== 'json';
}

let formats: typeof Formats | undefined;

/** The CI formats' renderers, required the first time they are asked for. */
export function loadReportFormats(): typeof Formats {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, on purpose
  formats ??= require('./index') as typeof Formats;
  return formats;
}
