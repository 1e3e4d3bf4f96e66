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
  'src/native.ts': ['export function pause(): void {', '  wx.pauseBackgroundAudio()', '  wx.stopBackgroundAudio()', '}', ''].join('\n'),
  // not the API: the app's own object with methods of the same names
  'src/own.ts': ['const player = { playBackgroundAudio(_: string) {}, stopBackgroundAudio() {} }', "player.playBackgroundAudio('a.mp3')", 'player.stopBackgroundAudio()', ''].join('\n'),
};

describe('the background-audio API in the audit', () => {
  const audited = auditedOnce(PROJECT);

  it('finds every form by symbol and says the rewrite handles it', () => {
    const found = audited.result.findings.filter((f) => f.file !== 'src/own.ts').map((f) => [f.file, f.line, f.api, f.status]);
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
