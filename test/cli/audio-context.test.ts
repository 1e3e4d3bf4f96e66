/**
 * createAudioContext through the CLI (the built bin) and the build plugin's summary: a hidden
 * <audio> driven by its context is migrated and counted as an AudioContext use; a page whose
 * <audio> shows its controls and calls the page is named with the template's line and left
 * byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportCollector, formatSummary } from '../../src/taro-plugin/collector';
import { rewriteFile } from '../../src/rewrite';
import { assertBuilt, cleanupProjects, makeProject, read, runJsonInProcess, mainInProcess } from './helpers';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

const HIDDEN = {
  'miniprogram/pages/lesson/lesson.wxml': '<view>\n  <audio id="lesson" src="/audio/lesson.mp3"></audio>\n</view>\n',
  'miniprogram/pages/lesson/lesson.js':
    "Page({\n  onReady() {\n    this.audioCtx = wx.createAudioContext('lesson')\n  },\n  play() {\n    this.audioCtx.play()\n  }\n})\n",
};
const SHOWN = {
  'miniprogram/pages/player/player.wxml':
    '<view>\n  <audio id="myAudio" src="{{src}}" controls bindended="next"></audio>\n</view>\n',
  'miniprogram/pages/player/player.js':
    "Page({\n  onReady() {\n    this.audioCtx = wx.createAudioContext('myAudio')\n  }\n})\n",
};

describe('the CLI on createAudioContext', () => {
  it('migrates the hidden <audio>, counts it, and names the shown one with its template line, left byte for byte', async () => {
    const dir = makeProject({ ...HIDDEN, ...SHOWN });
    const run = await mainInProcess(dir, []);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/1 AudioContext use\b/);
    expect(run.stdout).toMatch(
      /\n {4}the <audio id="myAudio"> at player\.wxml:2 shows its own controls, and the page listens to bindended; migrate this createAudioContext to createInnerAudioContext by hand\n {6}miniprogram\/pages\/player\/player\.js:3:\d+\n/,
    );
    expect(read(dir, 'miniprogram/pages/lesson/lesson.js')).toBe(
      "var { createAudioContext } = require('record-compat-runtime/native')\nPage({\n  onReady() {\n    this.audioCtx = createAudioContext({ id: 'lesson', src: '/audio/lesson.mp3' })\n  },\n  play() {\n    this.audioCtx.play()\n  }\n})\n",
    );
    expect(read(dir, 'miniprogram/pages/player/player.js')).toBe(SHOWN['miniprogram/pages/player/player.js']);
    // templates are read, never written
    expect(read(dir, 'miniprogram/pages/player/player.wxml')).toBe(SHOWN['miniprogram/pages/player/player.wxml']);
  });

  it('--json counts the kind and lists the place with the API', async () => {
    const dir = makeProject({ ...HIDDEN, ...SHOWN });
    const { report } = await runJsonInProcess(dir, ['--dry']);
    expect(report.summary.callsByKind).toEqual({
      record: 0,
      voice: 0,
      audio: 1,
      backgroundAudio: 0,
      systemInfo: 0,
      base64: 0,
      rename: 0,
      lifetimes: 0,
      canvas: 0,
    });
    expect(report.summary.calls).toEqual({ createAudioContext: 1 });
    expect(report.manualReview).toEqual([
      expect.objectContaining({
        path: 'miniprogram/pages/player/player.js',
        line: 3,
        reason: expect.stringMatching(/^the <audio id="myAudio"> at player\.wxml:2 shows its own controls/),
      }),
    ]);
  });

  it('no longer says in its help that createAudioContext is for a person in general', async () => {
    const help = (await mainInProcess(process.cwd(), ['--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toMatch(
      /createAudioContext is migrated where its <audio> \(read from the \.wxml beside the script, the \.vue template or the file's JSX\) is rendered once and shows and tells the page nothing/,
    );
    expect(help).not.toMatch(/createAudioContext are listed for manual review/);
  });
});

describe("the build plugin's summary", () => {
  it('counts AudioContext uses and names the place left with its replacement', () => {
    const collector = new ReportCollector('/');
    collector.beginBuild();
    const dir = makeProject({ ...HIDDEN, ...SHOWN }, { git: false });
    for (const file of ['miniprogram/pages/lesson/lesson.js', 'miniprogram/pages/player/player.js']) {
      collector.record(`${dir}/${file}`, rewriteFile(read(dir, file), `${dir}/${file}`).report);
    }
    expect(formatSummary(collector.summary()).replace(dir.slice(1), '<dir>')).toBe(
      '[record-compat] rewrote 1 AudioContext use in 1 file; 1 place left for manual review: <dir>/miniprogram/pages/player/player.js:3 (createAudioContext → createInnerAudioContext)',
    );
  });
});
