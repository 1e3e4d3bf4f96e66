/**
 * The rule on an API object reached through an expression (a place for a person: reported, never
 * fixed) and on a file that loads another runtime entry (its fix joins that entry's import, and the
 * message names that entry), with ESLint 9 and ESLint 8.57.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths';
import { ESLINTS, flatConfigFor } from './helpers';

// Inside this repository: its package.json depends on @tarojs/taro, so the Taro entry is chosen.
const filename = path.join(ROOT, 'src', 'page.js');

describe.each(ESLINTS)('$name ($version)', ({ Linter }) => {
  const lint = (code: string) => new Linter({ configType: 'flat' }).verify(code, flatConfigFor(filename), { filename });
  const fix = (code: string) =>
    new Linter({ configType: 'flat' }).verifyAndFix(code, flatConfigFor(filename), { filename });

  it('reports a deprecated API reached through an expression with its reason, and offers no fix for it', () => {
    const code = [
      "import Taro from '@tarojs/taro'",
      "const api = process.env.TARO_ENV === 'weapp' ? wx : Taro",
      'export const width = () => api.getSystemInfoSync().windowWidth',
      'export const stop = () => (typeof wx !== "undefined" ? wx : my).stopRecord()',
      'export const fetch = (url) => api.request({ url })',
      '',
    ].join('\n');
    const messages = lint(code);
    expect(messages.map((m) => [m.line, m.messageId, m.message, m.fix])).toEqual([
      [
        3,
        'manual',
        expect.stringMatching(
          /^wx or Taro reach this getSystemInfoSync through an expression \(a conditional, held by api\): the tool cannot tell which platform's API runs/,
        ),
        undefined,
      ],
      [
        4,
        'manual',
        expect.stringMatching(/^wx reaches this stopRecord through an expression \(a conditional\)/),
        undefined,
      ],
    ]);
    expect(fix(code).fixed).toBe(false);
  });

  it('reports every shape that hands on wx, in every family, with its reason, and fixes none of them', () => {
    const code = [
      'const fallback = wx || {}',
      'export const info = () => fallback.getSystemInfoSync().platform',
      'export function encode(api = wx) {',
      '  return api.arrayBufferToBase64(new ArrayBuffer(1))',
      '}',
      'const copy = { ...wx }',
      'export const watch = () => copy.onBLEConnectionStateChanged(() => {})',
      "const guarded = typeof wx === 'object' && wx",
      "export const report = () => guarded.reportAnalytics('open', {})",
      "const { base64ToArrayBuffer } = typeof wx !== 'undefined' ? wx : my",
      "export const decode = () => base64ToArrayBuffer('AA==')",
      '',
    ].join('\n');
    expect(lint(code).map((m) => [m.line, m.messageId, m.message.split(':')[0], m.fix])).toEqual([
      [
        2,
        'manual',
        'wx reaches this getSystemInfoSync through an expression (a logical ||, held by fallback)',
        undefined,
      ],
      [
        4,
        'manual',
        "wx reaches this arrayBufferToBase64 through an expression (a parameter's default value, held by api)",
        undefined,
      ],
      [
        7,
        'manual',
        'wx reaches this onBLEConnectionStateChanged through an expression (an object spread, held by copy)',
        undefined,
      ],
      [9, 'manual', 'wx reaches this reportAnalytics through an expression (a logical &&, held by guarded)', undefined],
      [
        10,
        'manual',
        'wx reaches the base64ToArrayBuffer destructured here through an expression (a conditional)',
        undefined,
      ],
    ]);
    expect(fix(code).fixed).toBe(false);
  });

  it('fixes into the runtime entry the file already imports, and names that entry', () => {
    const code = [
      "import Taro from '@tarojs/taro'",
      "import { startRecord } from 'record-compat-runtime/native'",
      'export const start = () => startRecord({})',
      'export const stop = () => Taro.stopRecord()',
      '',
    ].join('\n');
    expect(lint(code).map((m) => [m.line, m.message])).toEqual([
      [
        4,
        "Taro.stopRecord is deprecated (base library 1.6.0): use stopRecord from 'record-compat-runtime/native', built on getRecorderManager()",
      ],
    ]);
    expect(fix(code).output).toBe(
      code
        .replace('import { startRecord } from', 'import { startRecord, stopRecord } from')
        .replace('Taro.stopRecord()', 'stopRecord()'),
    );
  });
});
