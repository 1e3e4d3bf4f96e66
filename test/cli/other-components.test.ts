/**
 * The other mini-program frameworks' single-file components (wepy's `.wpy`, Mpx's `.mpx`): no
 * door rewrites them, so the codemod and the audit name each legacy call in their `<script>`
 * (wepy's own wrapper `wepy.startRecord` included) for a person, with the line in the component,
 * and leave the file byte for byte. Before, the walk passed them over: "0 files scanned".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  auditJsonInProcess,
  cleanupProjects,
  gitStatus,
  makeProject,
  readBytes,
  runJsonInProcess,
  mainInProcess,
} from './helpers';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

const WEPY_PAGE = `<template>
  <view @tap="rec">rec</view>
</template>
<script>
import wepy from 'wepy'
export default class Talk extends wepy.page {
  methods = {
    rec() {
      // wepy.playBackgroundAudio({ dataUrl: this.url })
      wepy.startRecord({ success: (res) => this.save(res.tempFilePath) })
    },
    done() {
      wx.stopRecord()
    }
  }
}
</script>
<style lang="less">
view { color: red; }
</style>
`;
const MPX_PAGE = `<template>
  <view bindtap="play">play</view>
</template>
<script>
import { createPage } from '@mpxjs/core'
createPage({
  play() {
    wx.playVoice({ filePath: this.file })
  }
})
</script>
`;
const WAY = (replacement: string, api: string) =>
  `which this tool does not rewrite: migrate it by hand to ${replacement}() (or the runtime's ${api}, from 'record-compat-runtime/native', where the framework's build resolves npm packages)`;

describe('wepy and Mpx components', () => {
  it('the codemod names each call with its line in the component, not the commented one, and writes nothing', async () => {
    const dir = makeProject({
      'src/pages/talk.wpy': WEPY_PAGE,
      'src/pages/play.mpx': MPX_PAGE,
      'src/pages/quiet.wpy': '<script>\nexport default {}\n</script>\n',
    });
    const before = readBytes(dir, 'src/pages/talk.wpy');
    const { code, report } = await runJsonInProcess(dir, ['src']);
    expect(code).toBe(0);
    expect(report.manualReview).toEqual([
      {
        path: 'src/pages/play.mpx',
        line: 8,
        column: 4,
        reason: `wx.playVoice in a Mpx component (.mpx), ${WAY('createInnerAudioContext', 'playVoice')}`,
      },
      {
        path: 'src/pages/talk.wpy',
        line: 10,
        column: 6,
        reason: `wepy.startRecord in a wepy component (.wpy), ${WAY('getRecorderManager', 'startRecord')}`,
      },
      {
        path: 'src/pages/talk.wpy',
        line: 13,
        column: 6,
        reason: `wx.stopRecord in a wepy component (.wpy), ${WAY('getRecorderManager', 'stopRecord')}`,
      },
    ]);
    expect(report.summary.changed).toBe(0);
    expect(readBytes(dir, 'src/pages/talk.wpy').equals(before)).toBe(true);
    expect(gitStatus(dir)).toBe('');
    // --strict fails on them as on any place left for a person; named on the command line, the same.
    expect((await mainInProcess(dir, ['--dry', '--strict', 'src'])).code).toBe(1);
    expect(
      (await runJsonInProcess(dir, ['--dry', 'src/pages/talk.wpy'])).report.manualReview.map((p: any) => p.line),
    ).toEqual([10, 13]);
  });

  it('the walk keeps its rules for them: a component git ignores is not read', async () => {
    const dir = makeProject({ '.gitignore': 'old/\n', 'src/old/talk.wpy': WEPY_PAGE, 'src/pages/play.mpx': MPX_PAGE });
    const { report } = await runJsonInProcess(dir, ['--dry', 'src']);
    expect(report.manualReview.map((p: any) => p.path)).toEqual(['src/pages/play.mpx']);
  });

  it('the audit lists the same places as needing a person and exits 1', async () => {
    const dir = makeProject({ 'src/pages/talk.wpy': WEPY_PAGE, 'src/pages/play.mpx': MPX_PAGE });
    const { code, report } = await auditJsonInProcess(dir, ['src']);
    expect(code).toBe(1);
    expect(report.findings.map((f: any) => [f.file, f.line, f.status])).toEqual([
      ['src/pages/play.mpx', 8, 'manual'],
      ['src/pages/talk.wpy', 10, 'manual'],
      ['src/pages/talk.wpy', 13, 'manual'],
    ]);
    expect(report.needsPerson).toBe(3);
  });
});

describe("wepy's wrapper in a plain script of a wepy app", () => {
  // A mixin or a util of a wepy 1.x app (wepy's default export carries every wx API). Before,
  // nothing named it: "manual review: 0", "0 references".
  const MIXIN = `import wepy from 'wepy'
export default class Recording extends wepy.mixin {
  start() {
    wepy.startRecord({ success: (res) => this.save(res.tempFilePath) })
  }
  stop() {
    wx.stopRecord()
  }
}
`;

  it("the codemod rewrites the wx call beside it and names the wrapper's call for a person; --strict fails on it", async () => {
    const dir = makeProject({ 'src/mixins/recording.js': MIXIN });
    const { code, report } = await runJsonInProcess(dir, ['src']);
    expect(code).toBe(0);
    expect(report.manualReview).toEqual([
      {
        path: 'src/mixins/recording.js',
        line: 4,
        column: 4,
        reason: `wepy.startRecord, wepy's wrapper of wx.startRecord, ${WAY('getRecorderManager', 'startRecord')}`,
      },
    ]);
    expect(report.summary.changed).toBe(1);
    const text = readBytes(dir, 'src/mixins/recording.js').toString();
    expect(text).toContain('wepy.startRecord({');
    expect(text).not.toContain('wx.stopRecord');
    expect((await mainInProcess(dir, ['--dry', '--strict', 'src'])).code).toBe(1);
  });

  it('the audit lists it as needing a person', async () => {
    const dir = makeProject({ 'src/mixins/recording.js': MIXIN });
    const { code, report } = await auditJsonInProcess(dir, ['src']);
    expect(code).toBe(1);
    expect(report.findings.filter((f: any) => f.status === 'manual').map((f: any) => [f.file, f.line])).toEqual([
      ['src/mixins/recording.js', 4],
    ]);
  });
});
