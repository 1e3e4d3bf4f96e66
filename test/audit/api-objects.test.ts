/**
 * The audit on the API object reached through an expression (a conditional, `wx || {}`, a
 * parameter's default, a spread, `typeof wx === 'object' && wx`): each legacy call through it is a
 * place for a person with the rewrite's reason, whether the type checker resolves it or not; the same
 * objects with no legacy call through them are no finding. And a file that loads another runtime
 * entry: its calls are handled, the names joining that entry (or for a person where they cannot).
 */
import { describe, expect, it } from 'vitest';
import { TSCONFIG } from './fixtures';
import { auditedOnce } from './helpers';

const PROJECT: Record<string, string> = {
  'tsconfig.json': TSCONFIG,
  'src/choose.ts': [
    'declare const my: any',
    "const recorder = typeof wx !== 'undefined' ? wx : my",
    'export const start = (): void => recorder.startRecord({})',
    '',
  ].join('\n'),
  'src/fallback.ts': [
    'const api = wx || ({} as Partial<typeof wx>)',
    "export const play = (): void => api.playVoice?.({ filePath: 'a.silk' })",
    '',
  ].join('\n'),
  'src/platform.ts': [
    "import Taro from '@tarojs/taro'",
    "const api = process.env.TARO_ENV === 'weapp' ? wx : Taro",
    'export const width = (): number => api.getSystemInfoSync().windowWidth',
    '',
  ].join('\n'),
  'src/defaults.ts': [
    'export function theme(api = wx): void {',
    "  api.playBackgroundAudio({ dataUrl: 'https://example.com/a.mp3', title: 'A' })",
    '}',
    '',
  ].join('\n'),
  'src/spread.ts': ['const api = { ...wx }', 'export const stop = (): void => api.stopRecord()', ''].join('\n'),
  'src/guard.ts': [
    "const api = typeof wx === 'object' && wx",
    'export const info = () => api && api.getSystemInfoSync().platform',
    '',
  ].join('\n'),
  'src/encode.ts': [
    'export function encode(api = wx): string {',
    '  return api.arrayBufferToBase64(new ArrayBuffer(1))',
    '}',
    '',
  ].join('\n'),
  'src/watch.ts': [
    'const api = { ...wx }',
    'export const watch = (): void => api.onBLEConnectionStateChanged(() => undefined)',
    '',
  ].join('\n'),
  'src/map.ts': [
    "const api = typeof wx !== 'undefined' ? wx : ({} as typeof wx)",
    "const map = api.createMapContext('m')",
    'export const move = (): void => map.translateMarker({} as never)',
    '',
  ].join('\n'),
  // no legacy call through them: nothing to report (the comment makes the rewrite walk the file)
  'src/copies.ts': [
    '// getSystemInfoSync is not called here',
    'const copy = { ...wx }',
    'const api = wx || ({} as Partial<typeof wx>)',
    "export const token = (): unknown => copy.getStorageSync('token')",
    "export const fetch = (): unknown => api.request?.({ url: 'https://example.com' })",
    '',
  ].join('\n'),
  'src/joined.ts': [
    "import Taro from '@tarojs/taro'",
    "import { startRecord } from 'record-compat-runtime/native'",
    'export const start = (): unknown => startRecord({})',
    'export const stop = (): void => Taro.stopRecord()',
    '',
  ].join('\n'),
  'src/two-entries.ts': [
    "import Taro from '@tarojs/taro'",
    "import { startRecord } from 'record-compat-runtime/native'",
    "import { stopRecord } from 'record-compat-runtime'",
    'export const session = (): void => {',
    '  startRecord({})',
    '  stopRecord({})',
    "  Taro.playVoice({ filePath: 'a.silk' })",
    '}',
    '',
  ].join('\n'),
};

describe('the audit on an API object reached through an expression', () => {
  const audited = auditedOnce(PROJECT);
  const findingsIn = (file: string) =>
    audited.result.findings.filter((f) => f.file === file).map((f) => [f.line, f.status, f.reason]);

  it('lists each legacy call through it for a person, with the reason the codemod gives', () => {
    const through = (objects: string, api: string, what: string) =>
      expect.stringMatching(
        new RegExp(
          `^${objects} reach(?:es)? this ${api} through an expression \\(${what}\\): the tool cannot tell which platform's API runs`,
        ),
      );
    expect(findingsIn('src/choose.ts')).toEqual([
      [3, 'manual', through('wx', 'startRecord', 'a conditional, held by recorder')],
    ]);
    expect(findingsIn('src/fallback.ts')).toEqual([
      [2, 'manual', through('wx', 'playVoice', 'a logical \\|\\|, held by api')],
    ]);
    expect(findingsIn('src/platform.ts')).toEqual([
      [3, 'manual', through('wx or Taro', 'getSystemInfoSync', 'a conditional, held by api')],
    ]);
    expect(findingsIn('src/defaults.ts')).toEqual([
      [2, 'manual', through('wx', 'playBackgroundAudio', "a parameter's default value, held by api")],
    ]);
    expect(findingsIn('src/spread.ts')).toEqual([
      [2, 'manual', through('wx', 'stopRecord', 'an object spread, held by api')],
    ]);
    expect(findingsIn('src/guard.ts')).toEqual([
      [2, 'manual', through('wx', 'getSystemInfoSync', 'a logical &&, held by api')],
    ]);
  });

  it('lists a base64 call, a renamed API and the method of an object made through it, each for a person', () => {
    expect(findingsIn('src/encode.ts')).toEqual([
      [
        2,
        'manual',
        expect.stringMatching(
          /^wx reaches this arrayBufferToBase64 through an expression \(a parameter's default value, held by api\)/,
        ),
      ],
    ]);
    expect(findingsIn('src/watch.ts')).toEqual([
      [
        2,
        'manual',
        expect.stringMatching(
          /^wx reaches this onBLEConnectionStateChanged through an expression \(an object spread, held by api\).*renames to onBLEConnectionStateChange/,
        ),
      ],
    ]);
    expect(findingsIn('src/map.ts')).toEqual([
      [
        3,
        'manual',
        expect.stringMatching(
          /^MapContext\.translateMarker is deprecated .*\(its object comes from createMapContext\(…\)\)$/,
        ),
      ],
    ]);
  });

  it('reports nothing where no legacy API is read through it', () => {
    expect(findingsIn('src/copies.ts')).toEqual([]);
  });

  it('handles the calls of a file that loads another runtime entry (their names join it), and lists them where it loads two', () => {
    expect(findingsIn('src/joined.ts')).toEqual([
      [4, 'handled', "rewritten into the runtime's stopRecord (Taro, call)"],
    ]);
    expect(findingsIn('src/two-entries.ts')).toEqual([
      [
        7,
        'manual',
        expect.stringMatching(
          /^playVoice \(Taro\): the file loads the runtime from 2 entries \(record-compat-runtime\/native, record-compat-runtime\)/,
        ),
      ],
    ]);
  });
});
