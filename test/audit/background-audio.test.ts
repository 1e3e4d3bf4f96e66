/**
 * The background-audio API in the audit: found by the symbol the typings declare (Taro's and
 * miniprogram-api-typings'), handled by the rewrite like the record and voice APIs; look-alikes
 * (a page's own method, an object's keys) are not reported.
 */
import { describe, expect, it } from 'vitest';
import { TSCONFIG } from './fixtures';
import { auditedOnce } from './helpers';

const PROJECT: Record<string, string> = {
  'tsconfig.json': TSCONFIG,
  'src/music.ts': [
    "import Taro, { seekBackgroundAudio } from '@tarojs/taro'",
    '',
    'export function play(dataUrl: string): void {',
    "  Taro.playBackgroundAudio({ dataUrl, title: 'Song' })",
    '  Taro.onBackgroundAudioStop(() => seekBackgroundAudio({ position: 0 }))',
    '  Taro.getBackgroundAudioPlayerState({ success: (res) => console.log(res.status) })',
    '}',
    '',
  ].join('\n'),
  'src/native.ts': [
    'export function pause(): void {',
    '  wx.pauseBackgroundAudio()',
    '  wx.stopBackgroundAudio()',
    '}',
    '',
  ].join('\n'),
  // not the API: the app's own object with methods of the same names
  'src/own.ts': [
    'const player = { playBackgroundAudio(_: string) {}, stopBackgroundAudio() {} }',
    "player.playBackgroundAudio('a.mp3')",
    'player.stopBackgroundAudio()',
    '',
  ].join('\n'),
};

describe('the background-audio API in the audit', () => {
  const audited = auditedOnce(PROJECT);

  it('finds every form by symbol and says the rewrite handles it', () => {
    const found = audited.result.findings
      .filter((f) => f.file !== 'src/own.ts')
      .map((f) => [f.file, f.line, f.api, f.status]);
    expect(found).toEqual([
      ['src/music.ts', 1, 'seekBackgroundAudio', 'handled'],
      ['src/music.ts', 4, 'playBackgroundAudio', 'handled'],
      ['src/music.ts', 5, 'onBackgroundAudioStop', 'handled'],
      ['src/music.ts', 5, 'seekBackgroundAudio', 'handled'],
      ['src/music.ts', 6, 'getBackgroundAudioPlayerState', 'handled'],
      ['src/native.ts', 2, 'pauseBackgroundAudio', 'handled'],
      ['src/native.ts', 3, 'stopBackgroundAudio', 'handled'],
    ]);
    expect(audited.result.needsPerson).toBe(0);
  });

  it("does not report the app's own methods of the same names", () => {
    expect(audited.result.findings.filter((f) => f.file === 'src/own.ts')).toEqual([]);
  });
});

describe('the background-audio API in the audit of a Taro 2 project', () => {
  const audited = auditedOnce(
    {
      'package.json': JSON.stringify({ dependencies: { '@tarojs/taro': '2.2.22' } }),
      'tsconfig.json': TSCONFIG,
      'src/music.ts': PROJECT['src/music.ts'],
      'src/native.ts': PROJECT['src/native.ts'],
    },
    { taro: 'v2' },
  );

  it("names the runtime function each place becomes: the one that keeps Taro's Promise where Taro wrapped it", () => {
    expect(audited.result.findings.map((f) => [f.file, f.line, f.reason])).toEqual([
      ['src/music.ts', 1, 'the rewrite replaces its use and removes it'],
      ['src/music.ts', 4, "rewritten into the runtime's playBackgroundAudioWrapped (Taro, call)"],
      ['src/music.ts', 5, "rewritten into the runtime's onBackgroundAudioStop (Taro, call)"],
      ['src/music.ts', 5, "rewritten into the runtime's seekBackgroundAudioWrapped (named import, call)"],
      ['src/music.ts', 6, "rewritten into the runtime's getBackgroundAudioPlayerStateWrapped (Taro, call)"],
      // wx was never Taro's: the API's own function
      ['src/native.ts', 2, "rewritten into the runtime's pauseBackgroundAudio (wx, call)"],
      ['src/native.ts', 3, "rewritten into the runtime's stopBackgroundAudio (wx, call)"],
    ]);
  });
});
