import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths';
import { runAudit } from '../../src/audit';
import { auditCommand } from '../../src/cli/main';
import { formatText } from '../../src/audit/format';
import { TSCONFIG } from './fixtures';
import { capture, makeProject } from './helpers';

async function audit(files: Record<string, string>, options: { taro?: boolean | 'v2' } = {}) {
  const project = makeProject(files, options);
  try {
    return await runAudit({ cwd: project.dir });
  } finally {
    project.remove();
  }
}

describe('edges', () => {
  it('a file the rewrite cannot parse needs a person, with the parse error', async () => {
    // JSX in a .ts file: TypeScript still builds a tree, the rewrite's parser (ts, no JSX) refuses it
    const result = await audit({
      'tsconfig.json': TSCONFIG,
      'src/bad.ts': "import Taro from '@tarojs/taro'\nTaro.startRecord({})\nconst el = <div>hi</div>\n",
    });
    expect(result.findings).toMatchObject([{ file: 'src/bad.ts', line: 2, status: 'manual' }]);
    expect(result.findings[0].reason).toMatch(/^the rewrite cannot process this file/);
  });

  it('audits a source the tsconfig leaves out that names an API, as the codemod migrates it; not the others', async () => {
    const legacy = 'declare const wx: any\nwx.startRecord({})\n';
    const result = await audit({
      'tsconfig.json': JSON.stringify({
        compilerOptions: { strict: true },
        include: ['src/pages'],
        exclude: ['src/pages/old'],
      }),
      'src/pages/index.ts': legacy,
      'src/pages/old/page.ts': legacy,
      'src/orphan.js': 'wx.stopRecord()\n',
      'src/plain.ts': 'export const n: number = "not a number"\n',
    });
    expect(result.findings.map((f) => `${f.file}:${f.line}`).sort()).toEqual([
      'src/orphan.js:1',
      'src/pages/index.ts:2',
      'src/pages/old/page.ts:2',
    ]);
    // plain.ts is not brought in (nor its type error): the program stays the project's.
    expect(result.stats.projectFiles).toBe(3);
  });

  it('treats a hand-written `declare const wx: any` as the mini-program global', async () => {
    const result = await audit({
      'tsconfig.json': TSCONFIG,
      'src/declared.ts': 'declare const wx: any\n\nexport function go(): void {\n  wx.stopRecord({})\n}\n',
    });
    expect(result.findings).toMatchObject([
      { file: 'src/declared.ts', line: 4, api: 'stopRecord', kind: 'member', status: 'handled' },
    ]);
  });

  it("knows Taro 2's typings (functions of `namespace Taro`): every call is a reference, none only the rewrite's", async () => {
    const result = await audit(
      {
        'tsconfig.json': TSCONFIG,
        'src/pages/voice.tsx': [
          "import Taro, { Component } from '@tarojs/taro'",
          '',
          'export default class Voice extends Component {',
          '  start() {',
          '    Taro.startRecord({ success: (res) => console.log(res.tempFilePath) })',
          '  }',
          '  stop() {',
          '    Taro.stopRecord()',
          '  }',
          '}',
          '',
        ].join('\n'),
      },
      { taro: 'v2' },
    );
    expect(result.findings).toMatchObject([
      { file: 'src/pages/voice.tsx', line: 5, api: 'startRecord', status: 'handled' },
      { file: 'src/pages/voice.tsx', line: 8, api: 'stopRecord', status: 'handled' },
    ]);
    expect(result.rewriteOnly).toEqual([]);
  });

  it("finds QQ's `qq` global, which no typings declare, but not a local `qq`", async () => {
    const result = await audit({
      'pages/voice.js':
        'Page({\n  onHold() {\n    qq.startRecord({ success: (res) => console.log(res.tempFilePath) })\n  },\n  onRelease() { qq.stopRecord() },\n})\n',
      'utils/queue.js': 'const qq = makeQueue()\nexport const go = () => qq.startRecord(1)\n',
    });
    expect(result.findings).toMatchObject([
      { file: 'pages/voice.js', line: 3, api: 'startRecord', kind: 'member', status: 'handled' },
      { file: 'pages/voice.js', line: 5, api: 'stopRecord', kind: 'member', status: 'handled' },
    ]);
    // Found by the scan itself, not only by the rewrite.
    expect(result.rewriteOnly).toEqual([]);
  });

  it('a comment silences a finding a person has checked, and it no longer fails the run', async () => {
    const files = {
      'utils/call.js': [
        'export function call(name, option) {',
        '  // only ever getSetting or login: record-compat-audit-ignore',
        '  return wx[name](option)',
        '}',
        'export const other = (key) => wx[key]()',
        '',
      ].join('\n'),
    };
    const result = await audit(files);
    expect(result.ignored.map((f) => [f.line, f.expression])).toEqual([[3, 'wx[name](…)']]);
    expect(result.findings.map((f) => [f.line, f.expression])).toEqual([[5, 'wx[key]()']]);
    expect(result.needsPerson).toBe(1);

    const project = makeProject({
      'utils/call.js': files['utils/call.js'].replace('export const other = (key) => wx[key]()\n', ''),
    });
    try {
      const { io } = capture();
      expect(await auditCommand(['--strict'], { ...io, cwd: project.dir })).toBe(0);
    } finally {
      project.remove();
    }
  });

  it('warns when @tarojs/taro does not resolve, and lists what the rewrite would still change', async () => {
    const result = await audit(
      {
        'tsconfig.json': TSCONFIG,
        'src/page.ts': "import Taro from '@tarojs/taro'\n\nexport const go = () => Taro.startRecord({})\n",
      },
      { taro: false },
    );
    expect(result.findings).toEqual([]);
    expect(result.warnings.join('\n')).toMatch(/@tarojs\/taro/);
    expect(result.rewriteOnly).toMatchObject([
      { file: 'src/page.ts', line: 3, column: 25, api: 'startRecord', via: 'Taro' },
    ]);
    // The summary does not say "0 places" as if nothing were there.
    expect(formatText(result)).toMatch(
      /\n {2}left for a person: 0 places\n {2}only the rewrite sees: 1 place \(listed above\)\n$/,
    );
  });
});

describe('the places the codemod leaves for a person, where the type checker sees nothing (Taro not installed)', () => {
  it("are findings for a person, with the codemod's place and reason: a template with controls, a computed key, a file that does not parse", async () => {
    const result = await audit(
      {
        'tsconfig.json': TSCONFIG,
        'src/pages/audio/index.jsx':
          "import Taro from '@tarojs/taro'\nimport { Audio } from '@tarojs/components'\nexport default function Page () {\n  const play = () => Taro.createAudioContext('player').play()\n  return <Audio id='player' src='/a.mp3' controls onClick={play} />\n}\n",
        'src/utils/dyn.js':
          "import Taro from '@tarojs/taro'\n// m: 'startRecord' or 'stopRecord'\nexport const call = (m) => Taro[m]({})\n",
        'src/utils/broken.js': "import Taro from '@tarojs/taro'\nTaro.startRecord({ success () {}\n",
      },
      { taro: false },
    );
    expect(result.warnings.join('\n')).toMatch(/@tarojs\/taro is imported but its typings do not resolve/);
    expect(result.findings).toMatchObject([
      {
        file: 'src/pages/audio/index.jsx',
        line: 4,
        api: 'createAudioContext',
        status: 'manual',
        certainty: 'certain',
        reason: expect.stringMatching(/^the <Audio id="player"> at index\.jsx:5 shows its own controls/),
      },
      // the context's method, left with the call that makes it
      {
        file: 'src/pages/audio/index.jsx',
        line: 4,
        api: 'AudioContext.play',
        status: 'manual',
        reason: expect.stringMatching(/with createAudioContext\(…\), which is left for a person$/),
      },
      {
        file: 'src/utils/broken.js',
        line: 1,
        column: 1,
        api: null,
        status: 'manual',
        reason: expect.stringMatching(/^the rewrite cannot process this file/),
      },
      {
        file: 'src/utils/dyn.js',
        line: 3,
        api: null,
        kind: 'dynamic',
        status: 'manual',
        certainty: 'possible',
        reason: expect.stringMatching(/^dynamic access on Taro/),
      },
    ]);
    expect(result.needsPerson).toBe(4);
  });

  it("are found in a .vue component's script too, with the warning that Taro's typings are missing; the command fails", async () => {
    const project = makeProject(
      {
        'tsconfig.json': TSCONFIG,
        'src/pages/index/index.vue':
          '<template>\n  <audio id="player" src="/a.mp3" controls></audio>\n</template>\n\n<script>\nimport Taro from \'@tarojs/taro\'\nexport default {\n  mounted () {\n    this.ctx = Taro.createAudioContext(\'player\')\n  }\n}\n</script>\n',
      },
      { taro: false },
    );
    try {
      const result = await runAudit({ cwd: project.dir });
      expect(result.findings).toMatchObject([
        {
          file: 'src/pages/index/index.vue',
          line: 9,
          column: 16,
          api: 'createAudioContext',
          status: 'manual',
          reason: expect.stringMatching(/at index\.vue:2 shows its own controls/),
        },
      ]);
      expect(result.warnings.join('\n')).toMatch(/@tarojs\/taro is imported but its typings do not resolve/);
      const { io } = capture();
      expect(await auditCommand([], { ...io, cwd: project.dir })).toBe(1);
    } finally {
      project.remove();
    }
  });
});

describe('.vue components', () => {
  it('audits <script setup lang="ts"> blocks, at positions in the .vue file', async () => {
    const result = await audit({
      'tsconfig.json': TSCONFIG,
      'src/api.ts': "import Taro from '@tarojs/taro'\n\nexport const api = Taro\n",
      'src/pages/voice/index.vue': [
        '<template>',
        '  <view @tap="start">record</view>',
        '</template>',
        '',
        '<script setup lang="ts">',
        "import Taro from '@tarojs/taro'",
        "import { api } from '../../api'",
        '',
        'function start() {',
        '  Taro.startRecord({ success: (res) => console.log(res.tempFilePath) })',
        '  api.stopRecord()',
        '}',
        '</script>',
        '',
      ].join('\n'),
      'src/pages/other/index.vue':
        '<template><view /></template>\n<script>\nexport default { name: "other" }\n</script>\n',
    });
    expect(result.findings.map((f) => [f.file, f.line, f.column, f.expression, f.status])).toEqual([
      ['src/pages/voice/index.vue', 10, 3, 'Taro.startRecord(…)', 'handled'],
      ['src/pages/voice/index.vue', 11, 3, 'api.stopRecord()', 'manual'],
    ]);
    expect(result.findings[1].reason).toContain('src/api.ts:3');
  });

  it('counts a component with a <script setup> and a <script> block as one file looked at and type-checked, not one per block', async () => {
    const result = await audit({
      'tsconfig.json': TSCONFIG,
      'src/pages/chat/index.vue': [
        '<template>',
        '  <view @tap="voice">voice</view>',
        '</template>',
        '<script setup>',
        "import Taro from '@tarojs/taro'",
        "const voice = () => Taro.playBackgroundAudio({ dataUrl: 'https://cdn.example.com/a.mp3' })",
        'Taro.onBackgroundAudioStop(() => {})',
        '</script>',
        '<script>',
        'export default { onShareAppMessage() { return { title: "chat" } } }',
        '</script>',
        '',
      ].join('\n'),
    });
    expect(result.findings.map((f) => [f.line, f.status])).toEqual([
      [6, 'handled'],
      [7, 'handled'],
    ]);
    expect(result.stats).toMatchObject({
      filesLookedAt: 1,
      filesNamingLegacyApi: 1,
      typeCheckedFiles: 1,
      projectFiles: 1,
      scannedFiles: 1,
    });
    expect(formatText(result)).toContain(
      '  files: 1 looked at, 1 names a legacy API, 1 type-checked (with the files that import them); ',
    );
  });

  it("names for a person what the codemod leaves there for the template's sake: a binding the template reads, the template's own call", async () => {
    const result = await audit({
      'tsconfig.json': TSCONFIG,
      'src/pages/rec/index.vue': [
        '<template>',
        '  <view @tap="sr({})">record</view>',
        '  <view @tap="Taro.stopRecord()">stop</view>',
        '</template>',
        '',
        '<script setup lang="ts">',
        "import Taro from '@tarojs/taro'",
        "import { startRecord as sr } from '@tarojs/taro'",
        '</script>',
        '',
      ].join('\n'),
    });
    expect(result.findings.map((f) => [f.file, f.line, f.column, f.status, f.reason])).toEqual([
      [
        'src/pages/rec/index.vue',
        3,
        15,
        'manual',
        'Taro.stopRecord in the template: the rewrite leaves the template as it is; call it from the script, which the rewrite migrates, or rewrite it by hand',
      ],
      [
        'src/pages/rec/index.vue',
        8,
        10,
        'manual',
        expect.stringMatching(/^sr \(startRecord, named import\): the template uses it \(line 2\)/),
      ],
    ]);
    expect(result.rewriteOnly).toEqual([]);
  });

  it("names for a person an Options API template's own call through what the script hands the instance", async () => {
    const result = await audit({
      'tsconfig.json': TSCONFIG,
      'src/pages/rec/index.vue': [
        '<template>',
        '  <view @tap="Taro.startRecord({})">record</view>',
        '</template>',
        '',
        '<script lang="ts">',
        "import Taro from '@tarojs/taro'",
        'export default { data() { return { Taro } } }',
        '</script>',
        '',
      ].join('\n'),
    });
    expect(result.findings.map((f) => [f.file, f.line, f.column, f.status, f.reason])).toContainEqual([
      'src/pages/rec/index.vue',
      2,
      15,
      'manual',
      'Taro.startRecord in the template: the rewrite leaves the template as it is; call it from the script, which the rewrite migrates, or rewrite it by hand',
    ]);
  });
});

describe('.vue components whose two script blocks share names', () => {
  it("counts a <script setup> call through the plain <script>'s Taro as handled, and names for a person a use of its named import, in both blocks", async () => {
    const result = await audit({
      'tsconfig.json': TSCONFIG,
      'src/pages/rec/index.vue': [
        '<template>',
        '  <view @tap="go">record</view>',
        '</template>',
        '',
        '<script lang="ts">',
        "import Taro, { stopRecord } from '@tarojs/taro'",
        "export default { name: 'Rec' }",
        '</script>',
        '',
        '<script setup lang="ts">',
        'function go() {',
        '  Taro.startRecord({})',
        '  stopRecord()',
        '}',
        '</script>',
        '',
      ].join('\n'),
    });
    expect(result.findings.map((f) => [f.line, f.column, f.status, f.reason])).toEqual([
      [
        6,
        16,
        'manual',
        expect.stringMatching(/^stopRecord \(named import\): the component's <script setup> uses it too/),
      ],
      [12, 3, 'handled', "rewritten into the runtime's startRecord (Taro, call)"],
      [
        13,
        3,
        'manual',
        expect.stringMatching(
          /^stopRecord \(named import\) is declared in the component's plain <script>, which this <script setup> sees/,
        ),
      ],
    ]);
    expect(result.rewriteOnly).toEqual([]);
  });
});

describe('text details', () => {
  it('keeps positions right with a BOM and CRLF line endings, and shows optional calls as written', async () => {
    const result = await audit({
      'a.js': '\uFEFFwx.startRecord({})\r\nwx.stopRecord()\r\n',
      'b.js': "'use strict'\r\nconst { startRecord } = wx\r\nstartRecord({})\r\nwx?.stopRecord?.()\r\n",
    });
    expect(result.findings.map((f) => [f.file, f.line, f.column, f.expression, f.status])).toEqual([
      ['a.js', 1, 1, 'wx.startRecord(…)', 'handled'],
      ['a.js', 2, 1, 'wx.stopRecord()', 'handled'],
      ['b.js', 2, 9, 'startRecord', 'handled'],
      ['b.js', 3, 1, 'startRecord(…)', 'handled'],
      ['b.js', 4, 1, 'wx?.stopRecord?.()', 'handled'],
    ]);
  });
});

describe("Taro's default export read as `.default` (a namespace import, TypeScript's and Babel's CommonJS output)", () => {
  const fixture = (name: string) => readFileSync(path.join(ROOT, '__testfixtures__', name), 'utf8');

  it('is found where Taro is typed, handled as the rewrite handles Taro.startRecord; passed on, it needs a person; only the rewrite sees it through an untyped interop helper', async () => {
    const result = await audit({
      'tsconfig.json': TSCONFIG,
      'src/namespace.ts': fixture('taro-namespace-default-member.input.ts'),
      'src/compiled.js': fixture('taro-default-member-cjs.input.js'),
      'src/helper.js': fixture('voice-import-default-helper.input.js'),
      'src/passed.js': fixture('manual-taro-default-member-passed-on.input.js'),
      'src/destructured.ts': [
        "import * as Taro from '@tarojs/taro'",
        'const { stopVoice } = Taro.default',
        "export const halt = (): void => { stopVoice(); (Taro.default as any)['pauseVoice']() }",
        '',
      ].join('\n'),
      'src/recorder.js': fixture('no-transform-default-member-other-module.input.js'),
    });
    expect(result.findings.map((f) => [f.file, f.line, f.expression, f.status])).toEqual([
      ['src/compiled.js', 10, 'taro_1.default.startRecord(…)', 'handled'],
      ['src/compiled.js', 16, 'taro_1.default.stopRecord()', 'handled'],
      ['src/destructured.ts', 2, 'stopVoice', 'handled'],
      ['src/destructured.ts', 3, 'stopVoice()', 'handled'],
      ['src/destructured.ts', 3, "(Taro.default as any)['pauseVoice']()", 'handled'],
      ['src/namespace.ts', 7, 'Taro.default.stopRecord()', 'handled'],
      ['src/namespace.ts', 14, 'Taro.default.startRecord(…)', 'handled'],
      ['src/passed.js', 13, 'taro_1.default);', 'manual'],
    ]);
    expect(result.findings.find((f) => f.file === 'src/passed.js')!.reason).toMatch(/stored or passed on here/);
    // `__importDefault` returns `any` to the checker in JavaScript: listed as the rewrite's alone, not lost
    expect(result.rewriteOnly.map((s) => [s.file, s.line, s.api])).toEqual([
      ['src/helper.js', 11, 'playVoice'],
      ['src/helper.js', 14, 'pauseVoice'],
    ]);
    expect(result.needsPerson).toBe(1);
  });
});

describe('what git tracks that is not on the disk', () => {
  const legacy = 'declare const wx: any\nwx.startRecord({})\n';

  it('names the scripts a sparse checkout left off the disk, as the codemod does: they were not audited, and --strict fails', async () => {
    const project = makeProject(
      { 'pages/index.js': legacy, 'sdk/voice.js': legacy, 'sdk/readme.md': '# sdk\n' },
      { git: true, taro: false },
    );
    try {
      project.git('sparse-checkout', 'set', '--no-cone', '/pages/');
      const result = await runAudit({ cwd: project.dir });
      expect(result.findings.map((f) => f.file)).toEqual(['pages/index.js']);
      expect(result.warnings).toEqual([
        '1 script file git tracks is not checked out (a sparse checkout), so they were not read: sdk/voice.js; check them out (git sparse-checkout add <folder>, or disable) and run again',
      ]);
      const c = capture();
      expect(await auditCommand(['--strict'], { ...c.io, cwd: project.dir })).toBe(1);
      expect(c.out.join('')).toContain('sdk/voice.js');
    } finally {
      project.remove();
    }
  });

  it('names a submodule never checked out, with a tsconfig too; nothing once it is', async () => {
    const lib = makeProject({ 'voice.ts': legacy }, { git: true, taro: false });
    const project = makeProject(
      { 'tsconfig.json': TSCONFIG, 'src/index.ts': 'export const n = 1\n' },
      { git: true, taro: false },
    );
    try {
      project.git('-c', 'protocol.file.allow=always', 'submodule', '-q', 'add', lib.dir, 'src/libs/voice');
      project.git('commit', '-q', '-m', 'a submodule');
      project.git('submodule', '-q', 'deinit', '--all');
      expect(readdirSync(path.join(project.dir, 'src/libs/voice'))).toEqual([]);
      const result = await runAudit({ cwd: project.dir });
      expect(result.warnings).toEqual([
        '1 submodule git tracks is not checked out, so nothing in them was read: src/libs/voice; check them out (git submodule update --init --recursive) and run again',
      ]);
      project.git('-c', 'protocol.file.allow=always', 'submodule', '-q', 'update', '--init');
      const checkedOut = await runAudit({ cwd: project.dir });
      expect(checkedOut.warnings).toEqual([]);
      expect(checkedOut.findings.map((f) => f.file)).toEqual(['src/libs/voice/voice.ts']);
    } finally {
      project.remove();
      lib.remove();
    }
  });
});
