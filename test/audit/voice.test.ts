/**
 * The voice API and the other deprecated audio APIs in the audit: found by the symbol the
 * typings declare (Taro's and miniprogram-api-typings'), like the record API; the voice
 * calls are handled by the rewrite, the others listed for a person with their replacement.
 */
import { describe, expect, it } from 'vitest';
import { TSCONFIG } from './fixtures';
import { auditedOnce } from './helpers';

const PROJECT: Record<string, string> = {
  'tsconfig.json': TSCONFIG,
  'src/player.ts': [
    "import Taro, { stopVoice } from '@tarojs/taro'",
    '',
    'export function play(filePath: string): void {',
    '  Taro.playVoice({ filePath })',
    '  const pause = Taro.pauseVoice',
    '  setTimeout(pause, 1000)',
    '  stopVoice()',
    '}',
    '',
  ].join('\n'),
  'src/native.ts': [
    'export function replay(filePath: string): void {',
    '  wx.playVoice({ filePath, success: () => wx.stopVoice() })',
    "  const ctx = wx.createAudioContext('player')",
    '  ctx.play()',
    '  wx.playBackgroundAudio({ dataUrl: filePath })',
    '}',
    '',
  ].join('\n'),
  // not the API: a method of the same name on an object of the app's own
  'src/own.ts': ['const player = { playVoice(_: string) {} }', "player.playVoice('a.aac')", ''].join('\n'),
};

describe('the voice API and the deprecated audio APIs in the audit', () => {
  const audited = auditedOnce(PROJECT);

  it("finds Taro's voice API by symbol (member, reference, named import) and says the rewrite handles it", () => {
    const found = audited.result.findings
      .filter((f) => f.file === 'src/player.ts')
      .map((f) => [f.line, f.expression, f.api, f.status]);
    expect(found).toEqual([
      [1, 'stopVoice', 'stopVoice', 'handled'],
      [4, 'Taro.playVoice(…)', 'playVoice', 'handled'],
      [5, 'Taro.pauseVoice', 'pauseVoice', 'handled'],
      // the alias holds the runtime's pauseVoice once its definition is rewritten
      [6, 'pause', 'pauseVoice', 'handled'],
      [7, 'stopVoice()', 'stopVoice', 'handled'],
    ]);
  });

  it("finds wx's voice and background-audio calls as handled, and lists a createAudioContext without a template for a person with the replacement", () => {
    const found = audited.result.findings.filter((f) => f.file === 'src/native.ts');
    expect(found.map((f) => [f.line, f.api, f.status])).toEqual([
      [2, 'playVoice', 'handled'],
      [2, 'stopVoice', 'handled'],
      [3, 'createAudioContext', 'manual'],
      // a method of the context it makes is left with it
      [4, 'AudioContext.play', 'manual'],
      [5, 'playBackgroundAudio', 'handled'],
    ]);
    // no native.wxml beside the script: the element its id names cannot be read
    expect(found[2].reason).toMatch(
      /^no template found for id 'player'; migrate this createAudioContext to createInnerAudioContext by hand$/,
    );
    expect(audited.result.needsPerson).toBe(audited.result.findings.filter((f) => f.status === 'manual').length);
  });

  it("does not report the app's own method of the same name", () => {
    expect(audited.result.findings.filter((f) => f.file === 'src/own.ts')).toEqual([]);
    expect(audited.result.rewriteOnly).toEqual([]);
  });
});

describe('.vue script blocks in the audit', () => {
  it('reads lang="typescript" as TypeScript, as the rewrite does', async () => {
    const { virtualScripts } = await import('../../src/audit/vue');
    const text = '<script lang="typescript">\nconst n: number = 1\n</script>\n<script setup lang="ts">\n</script>\n';
    expect([...virtualScripts('/app/A.vue', text).keys()]).toEqual(['/app/A.vue.script0.ts', '/app/A.vue.script1.ts']);
  });
});
