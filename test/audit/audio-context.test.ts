/**
 * createAudioContext in the audit: a call whose <audio> the rewrite migrates is handled; one
 * whose element shows controls, or that has no template beside it, is left for a person with
 * the engine's reason, which names the template's line.
 */
import { describe, expect, it } from 'vitest';
import { TSCONFIG } from './fixtures';
import { auditedOnce } from './helpers';

const PROJECT: Record<string, string> = {
  'tsconfig.json': TSCONFIG,
  'src/pages/lesson/lesson.wxml': '<audio id="lesson" src="/audio/lesson.mp3" loop></audio>\n',
  'src/pages/lesson/lesson.ts': [
    'Page({',
    '  onReady() {',
    "    wx.createAudioContext('lesson').play()",
    '  },',
    '})',
    '',
  ].join('\n'),
  'src/pages/player/player.wxml': '<view>\n  <audio id="player" src="{{src}}" controls></audio>\n</view>\n',
  'src/pages/player/player.ts': [
    'Page({',
    '  onReady() {',
    "    const ctx = wx.createAudioContext('player')",
    '    ctx.play()',
    '  },',
    '})',
    '',
  ].join('\n'),
};

describe('createAudioContext in the audit', () => {
  const audited = auditedOnce(PROJECT);

  it('finds both calls by symbol: the hidden <audio> handled, the one with controls left with the reason and the template line', () => {
    const found = audited.result.findings
      .filter((f) => f.api === 'createAudioContext')
      .map((f) => [f.file, f.line, f.status, f.reason]);
    expect(found).toEqual([
      ['src/pages/lesson/lesson.ts', 3, 'handled', "rewritten into the runtime's createAudioContext (wx, call)"],
      [
        'src/pages/player/player.ts',
        3,
        'manual',
        'the <audio id="player"> at player.wxml:2 shows its own controls; migrate this createAudioContext to createInnerAudioContext by hand',
      ],
    ]);
    // the methods called on each context go with its call: the runtime's context has them, or they are left with it
    const methods = audited.result.findings
      .filter((f) => f.api === 'AudioContext.play')
      .map((f) => [f.file, f.line, f.status, f.reason]);
    expect(methods).toEqual([
      [
        'src/pages/lesson/lesson.ts',
        3,
        'handled',
        "migrated with the createAudioContext(…) at line 3, which the rewrite takes: the runtime's object has play",
      ],
      [
        'src/pages/player/player.ts',
        4,
        'manual',
        'AudioContext.play is deprecated (since base library 1.6.0) and not rewritten: migrate it to InnerAudioContext.play by hand, with createAudioContext(…), which is left for a person',
      ],
    ]);
    expect(audited.result.needsPerson).toBe(2);
  });
});
