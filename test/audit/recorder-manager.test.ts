/**
 * The app's own getRecorderManager in the audit: a table row the rewrite routes
 * only in projects with legacy record calls, never a deprecated API. The audit gives it no
 * verdict: its uses are no finding, no leftover and no rewrite-only site.
 */
import { describe, expect, it } from 'vitest';
import { TSCONFIG } from './fixtures';
import { auditedOnce } from './helpers';

const PROJECT: Record<string, string> = {
  'tsconfig.json': TSCONFIG,
  'src/dictaphone.ts': [
    "import Taro, { getRecorderManager } from '@tarojs/taro'",
    '',
    'const own = Taro.getRecorderManager()',
    'const same = getRecorderManager()',
    'const native = wx.getRecorderManager()',
    'own.onStop((res) => console.log(res.tempFilePath, same, native))',
    '',
  ].join('\n'),
  'src/legacy.ts': [
    "import Taro from '@tarojs/taro'",
    '',
    'export function go(): void {',
    '  Taro.startRecord({})',
    '}',
    '',
  ].join('\n'),
};

describe("the app's own getRecorderManager in the audit", () => {
  const audited = auditedOnce(PROJECT);

  it('is no finding: only the legacy call is, and it is handled', () => {
    expect(audited.result.findings.map((f) => [f.file, f.line, f.api, f.status])).toEqual([
      ['src/legacy.ts', 4, 'startRecord', 'handled'],
    ]);
    expect(audited.result.rewriteOnly).toEqual([]);
    expect(audited.result.skippedFiles).toEqual([]);
    expect(audited.result.needsPerson).toBe(0);
  });
});
