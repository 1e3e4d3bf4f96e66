/**
 * A `<script setup>`'s top-level bindings are also the names its component's template reads
 * (`@tap="sr({})"`). The rewrite leaves the template as it is, so it neither removes nor renames
 * a binding the template reads, and the runtime's import takes no name the template reads.
 */
import { parse, compileScript } from '@vue/compiler-sfc';
import { describe, expect, it } from 'vitest';
import { rewriteFile } from '../../src/rewrite';

const component = (template: string, setup: string, lang = '') =>
  `<template${lang}>\n${template}\n</template>\n\n<script setup>\n${setup}</script>\n`;

/**
 * Whether every name the template reads is still bound by the script (Vue's own analysis of the compiled component).
 */
function templateNamesBound(text: string, names: string[]): boolean {
  const { descriptor } = parse(text, { filename: 'Rec.vue' });
  const bindings = compileScript(descriptor, { id: 'x' }).bindings ?? {};
  return names.every((name) => name in bindings);
}

describe.each(['oxc', 'babel'] as const)('a <script setup> binding the template reads (%s)', (parser) => {
  const rewrite = (text: string) => rewriteFile(text, 'Rec.vue', { parser });

  it.each([
    [
      'a named import under another name',
      "import { startRecord as sr, stopRecord } from '@tarojs/taro'\nfunction stop() { stopRecord() }\n",
      'sr',
      'sr (startRecord, named import)',
      7,
    ],
    [
      'a named import the script never calls',
      "import { startRecord, stopRecord } from '@tarojs/taro'\nfunction stop() { stopRecord() }\n",
      'startRecord',
      'startRecord (named import)',
      7,
    ],
    [
      'a destructured one',
      "import Taro from '@tarojs/taro'\nconst { startRecord, stopRecord } = Taro\nfunction stop() { stopRecord() }\n",
      'startRecord',
      'startRecord (destructuring)',
      8,
    ],
  ])('%s stays, named for a person with the template line; the others are rewritten', (_, setup, name, what, line) => {
    const text = component(`  <view @tap="${name}({})">rec</view>\n  <view @tap="stop">stop</view>`, setup);
    const { output, report } = rewrite(text);
    expect(output).not.toBeNull();
    expect(output).toContain("import { stopRecord } from 'record-compat-runtime'");
    expect(templateNamesBound(output!, [name, 'stop'])).toBe(true);
    expect(report.manual).toEqual([
      {
        line,
        column: expect.any(Number),
        reason: `${what}: the template uses it (line 2), and the rewrite leaves the template as it is; the binding stays, with its uses here: migrate them and the template's by hand`,
      },
    ]);
  });

  it("takes for the runtime's import no name the template reads (a prop of that name)", () => {
    const text = component(
      '  <view @tap="stopRecord">stop</view>',
      "import Taro from '@tarojs/taro'\ndefineProps(['stopRecord'])\nfunction go() { Taro.stopRecord() }\n",
    );
    const { output, report } = rewrite(text);
    expect(output).toContain("import { stopRecord as _stopRecord } from 'record-compat-runtime'");
    expect(output).toContain('function go() { _stopRecord() }');
    expect(report.manual).toEqual([]);
  });

  it('keeps every binding where the template cannot be read (another language)', () => {
    const text = component(
      'view(@tap="sr({})") rec',
      "import { startRecord as sr } from '@tarojs/taro'\nfunction go() { sr({}) }\n",
      ' lang="pug"',
    );
    const { output, report } = rewrite(text);
    expect(output).toBeNull();
    expect(report.manual).toMatchObject([
      {
        line: 6,
        reason: expect.stringMatching(
          /^sr \(startRecord, named import\): the template may use it \(<template lang="pug"> cannot be read\)/,
        ),
      },
    ]);
  });

  it('rewrites as before what the template does not read, and a binding inside a function (the template sees the top level only)', () => {
    const text = component(
      '  <view @tap="go">rec</view>',
      "import Taro from '@tarojs/taro'\nfunction go() { const { startRecord } = Taro; startRecord({}) }\n",
    );
    expect(rewrite(text).output).toContain('function go() { startRecord({}) }');
  });
});

describe.each(['oxc', 'babel'] as const)(
  "the template's own calls of the API through a <script setup> name (%s)",
  (parser) => {
    const rewrite = (text: string) => rewriteFile(text, 'Rec.vue', { parser });
    const reason = (use: string) =>
      `${use} in the template: the rewrite leaves the template as it is; call it from the script, which the rewrite migrates, or rewrite it by hand`;

    it('are named for a person at their place in the component, beside the script it rewrites', () => {
      const text = component(
        '  <view @tap="Taro.startRecord({})">rec</view>\n  <view @tap="stop">{{ Taro[\'playVoice\'] }}</view>',
        "import Taro from '@tarojs/taro'\nfunction stop() { Taro.stopRecord() }\n",
      );
      const { output, report } = rewrite(text);
      expect(output).toContain('function stop() { stopRecord() }');
      expect(output).toContain('<view @tap="Taro.startRecord({})">');
      expect(report.manual).toEqual([
        { line: 2, column: 14, reason: reason('Taro.startRecord') },
        { line: 3, column: 23, reason: reason('Taro.playVoice') },
      ]);
    });

    it('also where the script names no API (the file is left as it is, and said)', () => {
      const text = component(
        '  <view @tap="T.playVoice({ filePath })">play</view>',
        "import * as T from '@tarojs/taro'\nconst filePath = 'a.silk'\n",
      );
      expect(rewrite(text)).toMatchObject({
        output: null,
        report: { rewritten: [], manual: [{ line: 2, column: 14, reason: reason('T.playVoice') }] },
      });
    });

    it('not a look-alike: a method of another object, a name the script does not bind to the API', () => {
      const text = component(
        '  <view @tap="camera.startRecord()">rec</view>\n  <view @tap="ctx.Taro.startRecord()">x</view>',
        "import Taro from '@tarojs/taro'\nconst camera = Taro.createCameraContext()\nconst ctx = {}\n",
      );
      expect(rewrite(text).report.manual).toEqual([]);
    });
  },
);

describe("a plain <script> beside a <script setup>: Vue compiles both into one module, so the template reads the plain one's names too", () => {
  const text = (template: string, script: string) =>
    `<template>\n${template}\n</template>\n\n<script>\n${script}</script>\n\n<script setup>\nconst n = 1\n</script>\n`;

  it('a binding of the plain <script> the template reads stays, named for a person', () => {
    const { output, report } = rewriteFile(
      text(
        '  <view @tap="sr({})">rec</view>',
        "import { startRecord as sr, stopRecord } from '@tarojs/taro'\nexport const stop = () => stopRecord()\n",
      ),
      'Rec.vue',
    );
    expect(output).toContain(
      "import { startRecord as sr } from '@tarojs/taro'\nimport { stopRecord } from 'record-compat-runtime'",
    );
    expect(report.manual).toMatchObject([
      { line: 6, reason: expect.stringMatching(/^sr \(startRecord, named import\): the template uses it \(line 2\)/) },
    ]);
  });

  it("the template's own call through a name of the plain <script> is named for a person", () => {
    const { output, report } = rewriteFile(
      text('  <view @tap="Taro.startRecord({})">rec</view>', "import Taro from '@tarojs/taro'\n"),
      'Rec.vue',
    );
    expect(output).toBeNull();
    expect(report.manual).toMatchObject([
      { line: 2, column: 14, reason: expect.stringMatching(/^Taro\.startRecord in the template/) },
    ]);
  });

  it('without a <script setup> the template reads no import: the plain <script> is rewritten as before', () => {
    const optionsOnly =
      '<template>\n  <view @tap="sr">rec</view>\n</template>\n\n<script>\nimport { startRecord as sr } from \'@tarojs/taro\'\nexport default { methods: { go() { sr({}) } } }\n</script>\n';
    const { output, report } = rewriteFile(optionsOnly, 'Rec.vue');
    expect(output).toContain('methods: { go() { startRecord({}) } }');
    expect(report.manual).toEqual([]);
  });
});

describe.each(['oxc', 'babel'] as const)(
  "an Options API component: the template's own calls through what the script hands the instance (%s)",
  (parser) => {
    const options = (template: string, script: string) =>
      `<template>\n${template}\n</template>\n\n<script>\n${script}</script>\n`;
    const reason = (use: string) =>
      `${use} in the template: the rewrite leaves the template as it is; call it from the script, which the rewrite migrates, or rewrite it by hand`;

    it('a call through `data() { return { Taro } }` is named for a person, where the script names no API', () => {
      const text = options(
        '  <view @tap="Taro.startRecord({ success: done })">rec</view>',
        "import Taro from '@tarojs/taro'\nexport default { data() { return { Taro } }, methods: { done() {} } }\n",
      );
      expect(rewriteFile(text, 'Rec.vue', { parser })).toMatchObject({
        output: null,
        report: { rewritten: [], manual: [{ line: 2, column: 14, reason: reason('Taro.startRecord') }] },
      });
    });

    it("and beside the script's own calls, which are rewritten; the template keeps its text", () => {
      const text = options(
        '  <view @tap="wx.stopRecord()">stop</view>',
        'export default { methods: { go() { wx.startRecord({}) } } }\n',
      );
      const { output, report } = rewriteFile(text, 'Rec.vue', { parser });
      expect(output).toContain('<view @tap="wx.stopRecord()">');
      expect(output).toContain('go() { startRecord({}) }');
      expect(report.manual).toEqual([{ line: 2, column: 14, reason: reason('wx.stopRecord') }]);
    });

    it('not a look-alike: a method of an object of its own', () => {
      const text = options(
        '  <view @tap="recorder.startRecord()">rec</view>',
        'export default { data() { return { recorder: makeRecorder() } } }\n',
      );
      expect(rewriteFile(text, 'Rec.vue', { parser })).toMatchObject({ output: null, report: { manual: [] } });
    });
  },
);
