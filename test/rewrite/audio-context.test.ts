/**
 * createAudioContext, call by call: where the engine reads the template (the .wxml beside the
 * script with its includes and imports, a component's <template>, the file's JSX), how it reads
 * an element's attributes (WeChat's data-binding rules), and what leaves a call for a person.
 * The fixtures (audio-context-*) hold the usual pages; these are the edges.
 */
import { transformSync } from '@babel/core';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import babelPlugin from '../../src/rewrite/file/babel-plugin';
import { analyzeSource, rewriteFile, rewriteSource } from '../../src/rewrite';
import type { RewriteReport } from '../../src/rewrite/rules/types';
import { loadFixtures } from '../helpers/fixtures';

const root = mkdtempSync(path.join(tmpdir(), 'record-compat-audio-context-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let pages = 0;

/** A page folder holding `files` (path → text); returns the folder. */
function project(files: Record<string, string>): string {
  const dir = path.join(root, `p${pages++}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const PAGE = "Page({\n  onReady() {\n    this.ctx = wx.createAudioContext('a')\n  }\n})\n";

/** The page script PAGE (or `script`) beside `wxml`, rewritten: its output and report. */
function page(
  wxml: string,
  script = PAGE,
  extra: Record<string, string> = {},
): { output: string | null; report: RewriteReport; dir: string } {
  const dir = project({ 'pages/index/index.wxml': wxml, ...extra });
  const { output, report } = rewriteSource(script, path.join(dir, 'pages/index/index.js'));
  return { output, report, dir };
}

/**
 * The reasons a createAudioContext call is left for; the methods called on its context are left with it, each named
 * apart (checked below), so they are not among these.
 */
const reasons = (report: RewriteReport) =>
  report.manual
    .filter((m) => !m.api?.startsWith('AudioContext.'))
    .map((m) => m.reason.replace(/; migrate this createAudioContext to createInnerAudioContext by hand$/, ''));

describe('createAudioContext: the element decides', () => {
  it("migrates a hidden <audio>, passing its static src and loop, the user's arguments kept", () => {
    const { output, report } = page(
      '<audio id="a" src="/a.mp3" loop="{{true}}"/>',
      "Component({ attached() { this.ctx = wx.createAudioContext('a', this) } })\n",
    );
    expect(report.manual).toEqual([]);
    expect(output).toContain("createAudioContext({ id: 'a', src: '/a.mp3', loop: true }, this)");
  });

  it('reads WXML values as WeChat does: "false" is a non-empty string (on), only {{false}} is off', () => {
    expect(page('<audio id="a" src="/a.mp3" loop="false"/>').output).toContain(
      "{ id: 'a', src: '/a.mp3', loop: true }",
    );
    expect(page('<audio id="a" src="/a.mp3" loop="{{false}}" controls="{{false}}"/>').output).toContain(
      "createAudioContext({ id: 'a', src: '/a.mp3' })",
    );
    expect(reasons(page('<audio id="a" controls="false"/>').report)).toEqual([
      'the <audio id="a"> at index.wxml:1 shows its own controls',
    ]);
    expect(reasons(page('<audio id="a" controls="{{show}}"/>').report)).toEqual([
      'the <audio id="a"> at index.wxml:1 may show its own controls (controls is bound to {{show}})',
    ]);
  });

  it('reads a mustache literal with spaces inside the braces as the literal; a space outside them makes a string', () => {
    expect(page('<audio id="a" src="/a.mp3" controls="{{ false }}" loop="{{\ttrue }}"/>').output).toContain(
      "createAudioContext({ id: 'a', src: '/a.mp3', loop: true })",
    );
    expect(page('<audio id="a" src="/a.mp3" loop="{{ false }}"/>').output).toContain(
      "createAudioContext({ id: 'a', src: '/a.mp3' })",
    );
    expect(reasons(page('<audio id="a" controls="{{ true }}"/>').report)).toEqual([
      'the <audio id="a"> at index.wxml:1 shows its own controls',
    ]);
    // " {{false}}" is the string " false": not read as false
    expect(reasons(page('<audio id="a" controls=" {{false}}"/>').report)).toEqual([
      'the <audio id="a"> at index.wxml:1 may show its own controls (controls is bound to  {{false}})',
    ]);
  });

  it('passes nothing more for an <audio> without src or loop', () => {
    expect(page('<audio id="a"></audio>').output).toContain("this.ctx = createAudioContext('a')\n");
  });

  it.each([
    ['bindended="next"', 'bindended'],
    ['catch:play="p"', 'catch:play'],
    ['binderror="e"', 'binderror'],
    ['mut-bind:pause="p"', 'mut-bind:pause'],
  ])('leaves a call whose element calls the page (%s)', (attribute, named) => {
    const { output, report } = page(`<view>\n  <audio id="a" src="/a.mp3" ${attribute}/>\n</view>`);
    expect(output).toBeNull();
    expect(report.manual).toMatchObject([{ line: 3, column: 15, api: 'createAudioContext' }]);
    expect(reasons(report)).toEqual([`the <audio id="a"> at index.wxml:2: the page listens to ${named}`]);
  });

  it.each([
    ['bindEnded="next"', 'bindEnded'],
    ['BIND:ended="next"', 'BIND:ended'],
    ['Catch:play="p"', 'Catch:play'],
    ['capture-Bind:timeupdate="t"', 'capture-Bind:timeupdate'],
    ['Mut-bind:pause="p"', 'Mut-bind:pause'],
  ])('takes an event attribute written in any case for a handler (%s)', (attribute, named) => {
    const { output, report } = page(`<audio id="a" src="/a.mp3" ${attribute}/>`);
    expect(output).toBeNull();
    expect(reasons(report)).toEqual([`the <audio id="a"> at index.wxml:1: the page listens to ${named}`]);
  });

  it('takes controls written in any case for controls', () => {
    expect(reasons(page('<audio id="a" src="/a.mp3" Controls/>').report)).toEqual([
      'the <audio id="a"> at index.wxml:1 shows its own controls',
    ]);
    expect(reasons(page('<audio id="a" src="/a.mp3" controls="{{false}}" CONTROLS="{{on}}"/>').report)).toEqual([
      'the <audio id="a"> at index.wxml:1 may show its own controls (controls is bound to {{on}})',
    ]);
  });

  it('takes a JSX attribute starting with on, in any case, for a handler (Taro binds onended as onEnded)', () => {
    const script = (audio: string) =>
      `import Taro from '@tarojs/taro'\nimport { Audio } from '@tarojs/components'\nTaro.createAudioContext('a')\nexport const Page = () => ${audio}\n`;
    expect(reasons(rewriteSource(script("<Audio id='a' src='/a.mp3' onended={done} />"), 'page.jsx').report)).toEqual([
      'the <Audio id="a"> at page.jsx:4: the page listens to onended',
    ]);
    expect(reasons(rewriteSource(script("<Audio id='a' src='/a.mp3' ONERROR={done} />"), 'page.jsx').report)).toEqual([
      'the <Audio id="a"> at page.jsx:4: the page listens to ONERROR',
    ]);
  });

  it('takes a bound src where the script replaces it with setSrc on the same context, by the name it keeps it under', () => {
    const wxml = '<audio id="a" src="{{src}}"/>';
    const kept = (script: string) => page(wxml, script).report.rewritten.length;
    expect(
      kept("Page({ onReady() { this.ctx = wx.createAudioContext('a') }, go() { this.ctx.setSrc(this.data.src) } })"),
    ).toBe(1);
    expect(kept("let ctx\nPage({ onReady() { ctx = wx.createAudioContext('a') }, go(u) { ctx.setSrc(u) } })")).toBe(1);
    expect(kept("Page({ onReady() { wx.createAudioContext('a').setSrc('/b.mp3') } })")).toBe(1);
    expect(
      kept(
        "const ref = { current: null }\nPage({ onReady() { ref.current = wx.createAudioContext('a'); ref.current?.setSrc('/b.mp3') } })",
      ),
    ).toBe(1);
    expect(kept("class P { ctx = wx.createAudioContext('a'); go() { this.ctx.setSrc('/b.mp3') } }")).toBe(1);
    // another context's setSrc is not this one's, even under the same last name
    expect(kept("Page({ onReady() { q.current = wx.createAudioContext('a'); other.current.setSrc('/b.mp3') } })")).toBe(
      0,
    );
    // another context's setSrc is not this one's
    const other = page(
      wxml,
      "Page({ onReady() { this.ctx = wx.createAudioContext('a'); this.other.setSrc('/b.mp3') } })",
    );
    expect(reasons(other.report)).toEqual([
      'the <audio id="a"> at index.wxml:1 takes its src from {{src}} and the script never calls setSrc on this context',
    ]);
    // a context handed away cannot be followed
    expect(kept("Page({ onReady() { keep(wx.createAudioContext('a')) }, go() { this.ctx.setSrc('/b.mp3') } })")).toBe(
      0,
    );
  });

  it('reports a bound loop, more than one element of the id, a <video> and an <audio> whose id is bound', () => {
    expect(reasons(page('<audio id="a" loop="{{repeat}}"/>').report)).toEqual([
      'the <audio id="a"> at index.wxml:1 binds loop to {{repeat}}, which the migration cannot read',
    ]);
    expect(
      reasons(page('<audio wx:if="{{x}}" id="a" src="/1.mp3"/>\n<audio wx:else id="a" src="/2.mp3"/>').report),
    ).toEqual(["more than one element has id 'a' (index.wxml:1, index.wxml:2)"]);
    expect(reasons(page('<video id="a"/>').report)).toEqual([
      '\'a\' is the <video id="a"> at index.wxml:1, not an <audio> (if the video was meant, createVideoContext drives it)',
    ]);
    expect(reasons(page('<audio id="{{name}}"/>').report)).toEqual([
      "the <audio> at index.wxml:1 has a bound id ({{name}}) that may or may not be 'a'",
    ]);
    expect(reasons(page('<view/>').report)).toEqual(["no element with id 'a' in index.wxml"]);
  });

  it('reports what the call itself hides: a non-literal id, a third argument, a reference that is not called', () => {
    const wxml = '<audio id="a"/>';
    expect(reasons(page(wxml, 'const id = "a"\nwx.createAudioContext(id)\n').report)).toEqual([
      'the id is not a string literal',
    ]);
    expect(reasons(page(wxml, "wx.createAudioContext('a', this, {})\n").report)).toEqual([
      'it is called with 3 arguments; the legacy API takes the id and the component',
    ]);
    expect(reasons(page(wxml, 'const make = wx.createAudioContext\n').report)).toEqual([
      'it is not called here, so the id of its element cannot be read',
    ]);
    // in a native component, a call without `this` names an element of the page, not of the component's own template
    expect(reasons(page(wxml, "Component({ attached() { wx.createAudioContext('a').play() } })\n").report)).toEqual([
      'it is called in a component without the component (this) as second argument, so the id names an element of the page, whose template is not known here',
    ]);
    // a template literal without expressions is a literal
    expect(page(wxml, 'wx.createAudioContext(`a`)\n').report.rewritten).toHaveLength(1);
  });
});

describe('createAudioContext: where the template is read', () => {
  it('follows <include> and <import>, relative and from the folder of app.json, and names the file the element is in', () => {
    const files = {
      'app.json': '{}',
      'common/player.wxml': '<template name="player">\n  <audio id="a" controls/>\n</template>\n',
      'pages/index/part.wxml': '<view/>',
    };
    const { report } = page(
      '<import src="/common/player.wxml"/>\n<include src="part.wxml"/>\n<template is="player"/>',
      PAGE,
      files,
    );
    expect(reasons(report)).toEqual(['the <audio id="a"> at ../../common/player.wxml:2 shows its own controls']);
    // an include that names nothing reachable matters only when the id is found nowhere else
    expect(reasons(page('<include src="/missing.wxml"/>', PAGE).report)).toEqual([
      "no element with id 'a' in index.wxml, and the <include> at index.wxml:1 names no file that can be found",
    ]);
    expect(page('<include src="gone.wxml"/>\n<audio id="a"/>').report.rewritten).toHaveLength(1);
  });

  it('names in the report every file its decision read or looked for, for the build to watch; none for a file without such a call', () => {
    const files = {
      'app.json': '{}',
      'common/player.wxml': '<template name="player">\n  <audio id="a"/>\n</template>\n',
    };
    const { report, dir } = page(
      '<import src="/common/player.wxml"/>\n<include src="gone.wxml"/>\n<template is="player"/>',
      PAGE,
      files,
    );
    expect(report.templateFiles).toEqual([
      path.join(dir, 'pages/index/index.wxml'),
      path.join(dir, 'common/player.wxml'),
      path.join(dir, 'pages/index/gone.wxml'),
    ]);
    // A JSX page: the .wxml that would take over, were one written beside it.
    const jsx =
      "import Taro from '@tarojs/taro'\nTaro.createAudioContext('a')\nexport const P = () => <audio id='a' />\n";
    expect(rewriteSource(jsx, path.join(dir, 'pages/jsx/index.jsx')).report.templateFiles).toEqual([
      path.join(dir, 'pages/jsx/index.wxml'),
    ]);
    // A .vue component: the component itself.
    const vue = `<template>\n  <audio id="a" />\n</template>\n\n<script setup>\nimport Taro from '@tarojs/taro'\nconst ctx = Taro.createAudioContext('a')\n</script>\n`;
    expect(rewriteFile(vue, path.join(dir, 'Comp.vue')).report.templateFiles).toEqual([path.join(dir, 'Comp.vue')]);
    expect(rewriteSource('wx.startRecord({})\n', path.join(dir, 'pages/index/index.js')).report).not.toHaveProperty(
      'templateFiles',
    );
  });

  it('does not read a <wxs> module as markup, and reports a template that does not parse', () => {
    expect(
      page(
        '<wxs module="m">\nvar less = function (a, b) { return a<b }\nmodule.exports = { less: less }\n</wxs>\n<audio id="a"/>',
      ).report.rewritten,
    ).toHaveLength(1);
    expect(reasons(page('<view>\n<audio id="a"/>\n<view>').report)[0]).toMatch(
      /^the template could not be read: index\.wxml, line \d+: Element is missing end tag/,
    );
  });

  it("reads a .vue component's template from the text in hand, and from disk for a door that sees one block", () => {
    const vue = `<template>\n  <audio id="a" src="/a.mp3" @ended="next" />\n</template>\n\n<script setup>\nimport Taro from '@tarojs/taro'\nconst ctx = Taro.createAudioContext('a')\n</script>\n`;
    const dir = project({ 'Comp.vue': vue.replace(' @ended="next"', '') });
    // the codemod's text wins over the file on disk (an editor's unsaved buffer)
    expect(reasons(rewriteFile(vue, path.join(dir, 'Comp.vue')).report)).toEqual([
      'the <audio id="a"> at Comp.vue:2: the page listens to @ended',
    ]);
    // the build's Babel pass on a block (vue-loader names it Comp.vue), and the audit's virtual block file
    const script = "import Taro from '@tarojs/taro'\nconst ctx = Taro.createAudioContext('a')\n";
    const babel = transformSync(script, {
      filename: path.join(dir, 'Comp.vue'),
      babelrc: false,
      configFile: false,
      plugins: [babelPlugin],
    })!;
    expect(babel.code).toContain('createAudioContext({\n  id: \'a\',\n  src: "/a.mp3"\n})');
    expect(analyzeSource(script, path.join(dir, 'Comp.vue.script0.ts')).manual).toEqual([]);
  });

  it("reads the JSX of a Taro file: Taro's <Audio> under any local name, spread attributes reported", () => {
    const script = (audio: string) =>
      `import Taro from '@tarojs/taro'\nimport { Audio as A } from '@tarojs/components'\nTaro.createAudioContext('a')\nexport const Page = () => ${audio}\n`;
    expect(rewriteSource(script("<A id='a' src={'/a.mp3'} loop={false} />"), 'page.jsx').output).toContain(
      "createAudioContext({ id: 'a', src: '/a.mp3' })",
    );
    expect(reasons(rewriteSource(script("<A id='a' controls />"), 'page.jsx').report)).toEqual([
      'the <A id="a"> at page.jsx:4 shows its own controls',
    ]);
    expect(reasons(rewriteSource(script("<A id='a' {...props} />"), 'page.jsx').report)).toEqual([
      'the <A id="a"> at page.jsx:4 spreads attributes the migration cannot read ({...props})',
    ]);
    // a component of the name that is not Taro's is no <audio>
    expect(reasons(rewriteSource(script("<Audio id='a' />").replace('Audio as A', 'View'), 'page.jsx').report)).toEqual(
      ['\'a\' is the <Audio id="a"> at page.jsx:4, not an <audio>'],
    );
  });

  it('finds no template for code without a file name (Babel given text alone), or a script with neither a .wxml nor JSX', () => {
    const babel = transformSync("wx.createAudioContext('a')\n", {
      babelrc: false,
      configFile: false,
      plugins: [babelPlugin],
    })!;
    expect(babel.code).toBe("wx.createAudioContext('a');");
    expect(reasons((babel.metadata as unknown as { recordCompat: RewriteReport }).recordCompat)).toEqual([
      "no template found for id 'a'",
    ]);
    expect(reasons(rewriteSource("wx.createAudioContext('a')\n", path.join(root, 'nowhere/page.js')).report)).toEqual([
      "no template found for id 'a'",
    ]);
  });
});

describe('createAudioContext: an element rendered other than once', () => {
  const audio = '<audio id="a" src="/a.mp3"/>';
  it.each([
    [`<view wx:for="{{list}}">\n  ${audio}\n</view>`, 'is repeated by wx:for at index.wxml:1'],
    [
      `<block wx:for="{{list}}" wx:key="id">\n  <view>${audio}</view>\n</block>`,
      'is repeated by wx:for at index.wxml:1',
    ],
    ['<audio wx:for="{{list}}" id="a" src="/a.mp3"/>', 'is repeated by wx:for at index.wxml:1'],
    [`<view wx:for-items="{{list}}">${audio}</view>`, 'is repeated by wx:for-items at index.wxml:1'],
    ['<audio wx:if="{{on}}" id="a" src="/a.mp3"/>', 'is rendered conditionally (wx:if at index.wxml:1)'],
    [
      `<view wx:if="{{x}}"/>\n<block wx:elif="{{y}}">\n  ${audio}\n</block>`,
      'is rendered conditionally (wx:elif at index.wxml:2)',
    ],
    [`<view wx:if="{{x}}"/>\n<view wx:else>${audio}</view>`, 'is rendered conditionally (wx:else at index.wxml:2)'],
    [
      `<view wx:for="{{list}}">\n  <view wx:if="{{item.on}}">\n    <audio id="a" src="/a.mp3" controls/>\n  </view>\n</view>`,
      'shows its own controls, is rendered conditionally (wx:if at index.wxml:2) and is repeated by wx:for at index.wxml:1',
    ],
  ])('reports a WXML list or condition around the element: %s', (wxml, said) => {
    const { output, report } = page(wxml);
    expect(output).toBeNull();
    expect(reasons(report)[0]).toMatch(
      new RegExp(`^the <audio id="a"> at index\\.wxml:\\d+ ${said.replace(/[()]/g, '\\$&')}$`),
    );
  });

  it('keeps what hidden and v-show only hide: the element is there', () => {
    expect(
      page('<view hidden="{{!on}}"><audio id="a" src="/a.mp3" hidden="{{x}}"/></view>').report.rewritten,
    ).toHaveLength(1);
    const vue = `<template>\n  <audio v-show="on" id="a" src="/a.mp3" />\n</template>\n\n<script setup>\nimport Taro from '@tarojs/taro'\nconst ctx = Taro.createAudioContext('a')\n</script>\n`;
    expect(rewriteFile(vue, path.join(root, 'Shown.vue')).report.manual).toEqual([]);
  });

  it('follows an <include> and a <template is> to where they are rendered', () => {
    const files = {
      'app.json': '{}',
      'common/player.wxml': '<template name="player">\n  <audio id="a" src="/a.mp3"/>\n</template>\n',
      'pages/index/part.wxml': '<audio id="a" src="/a.mp3"/>',
    };
    // an include inside a list, and one file included twice
    expect(reasons(page('<view wx:for="{{list}}"><include src="part.wxml"/></view>', PAGE, files).report)).toEqual([
      'the <audio id="a"> at part.wxml:1 is repeated by wx:for at index.wxml:1',
    ]);
    expect(reasons(page('<include src="part.wxml"/>\n<include src="part.wxml"/>', PAGE, files).report)).toEqual([
      'the <audio id="a"> at part.wxml:1 is repeated by the <include> of part.wxml at index.wxml:1, index.wxml:2',
    ]);
    // a template used once is rendered as its use is; used under a condition, twice, or by a bound name, it is not one
    // element
    const imported = (wxml: string) =>
      reasons(page(`<import src="/common/player.wxml"/>\n${wxml}`, PAGE, files).report);
    expect(imported('<template is="player"/>')).toEqual([]);
    expect(imported('<template wx:if="{{on}}" is="player"/>')).toEqual([
      'the <audio id="a"> at ../../common/player.wxml:2 is rendered conditionally (wx:if at index.wxml:2)',
    ]);
    expect(imported('<template is="player"/>\n<template is="player"/>')).toEqual([
      'the <audio id="a"> at ../../common/player.wxml:2 is rendered by <template name="player"> at ../../common/player.wxml:1, which may render it any number of times',
    ]);
    expect(imported('<template is="{{kind}}"/>')).toEqual([
      'the <audio id="a"> at ../../common/player.wxml:2 is rendered by <template name="player"> at ../../common/player.wxml:1, which may render it any number of times',
    ]);
  });

  it('reports a Vue list or condition on the element or around it, <template> included', () => {
    const vue = (markup: string) =>
      `<template>\n  ${markup}\n</template>\n\n<script setup>\nimport Taro from '@tarojs/taro'\nconst ctx = Taro.createAudioContext('a')\n</script>\n`;
    const said = (markup: string) => reasons(rewriteFile(vue(markup), path.join(root, 'Comp.vue')).report);
    expect(said('<template v-for="w in words"><audio id="a" src="/a.mp3" /></template>')).toEqual([
      'the <audio id="a"> at Comp.vue:2 is repeated by v-for at Comp.vue:2',
    ]);
    expect(said('<view v-if="x" />\n  <audio v-else-if="y" id="a" src="/a.mp3" />')).toEqual([
      'the <audio id="a"> at Comp.vue:3 is rendered conditionally (v-else-if at Comp.vue:3)',
    ]);
    expect(said('<view v-if="x" />\n  <view v-else><audio id="a" src="/a.mp3" /></view>')).toEqual([
      'the <audio id="a"> at Comp.vue:3 is rendered conditionally (v-else at Comp.vue:3)',
    ]);
  });

  it('reports JSX under a condition, in a list or in a function that is not the component', () => {
    const said = (body: string) =>
      reasons(
        rewriteSource(
          `import Taro from '@tarojs/taro'\nimport { Audio } from '@tarojs/components'\nTaro.createAudioContext('a')\n${body}\n`,
          'page.jsx',
        ).report,
      );
    const audio = "<Audio id='a' src='/a.mp3' />";
    expect(said(`export default function Page({ on }) { return <View>{on ? ${audio} : null}</View> }`)).toEqual([
      'the <Audio id="a"> at page.jsx:4 is rendered conditionally (on ? … : … at page.jsx:4)',
    ]);
    expect(said(`export default function Page({ ready }) {\n  if (!ready) return null\n  return ${audio}\n}`)).toEqual([
      'the <Audio id="a"> at page.jsx:6 is rendered conditionally (the return before it at page.jsx:5)',
    ]);
    expect(
      said(`export default function Page({ on }) {\n  if (on) {\n    return ${audio}\n  }\n  return null\n}`),
    ).toEqual(['the <Audio id="a"> at page.jsx:6 is rendered conditionally (if (on) at page.jsx:5)']);
    expect(said(`export const Page = ({ n }) => <View>{Array.from({ length: n }, () => ${audio})}</View>`)).toEqual([
      'the <Audio id="a"> at page.jsx:4 is repeated by Array.from(…) at page.jsx:4',
    ]);
    expect(
      said(`const renderPlayer = () => ${audio}\nexport const Page = () => <View>{renderPlayer()}</View>`),
    ).toEqual([
      'the <Audio id="a"> at page.jsx:4 is rendered by renderPlayer at page.jsx:4, which may render it any number of times',
    ]);
    expect(said(`export const Page = () => <List renderItem={() => ${audio}} />`)).toEqual([
      'the <Audio id="a"> at page.jsx:4 is rendered by a function at page.jsx:4, which may render it any number of times',
    ]);
    // a component: a class's render, a capitalised function, memo(…), the default export; hidden by a style or a prop,
    // it is there
    expect(said(`export class Page { render() { return ${audio} } }`)).toEqual([]);
    expect(said(`const Player = memo(() => ${audio})`)).toEqual([]);
    expect(said(`export default () => <View hidden={!on}>${audio}</View>`)).toEqual([]);
  });
});

describe('createAudioContext: the manual-audio-context-* fixtures', () => {
  // fixture → each call left for a person, as `line: reason` (the harness checks they are left byte for byte)
  const expected: Record<string, string[]> = {
    'manual-audio-context-bind-capitalized.js': [
      '6: the <audio id="lesson"> at manual-audio-context-bind-capitalized.input.wxml:2: the page listens to bindEnded',
    ],
    'manual-audio-context-jsx-lowercase-handler.jsx': [
      '11: the <Audio id="chime"> at manual-audio-context-jsx-lowercase-handler.input.jsx:16: the page listens to onended',
    ],
    'manual-audio-context-wx-for.js': [
      '6: the <audio id="say"> at manual-audio-context-wx-for.input.wxml:4 is repeated by wx:for at manual-audio-context-wx-for.input.wxml:2',
    ],
    'manual-audio-context-wx-if.js': [
      '6: the <audio id="bgm"> at manual-audio-context-wx-if.input.wxml:3 is rendered conditionally (wx:if at manual-audio-context-wx-if.input.wxml:2)',
    ],
    'manual-audio-context-jsx-map.jsx': [
      '6: the <Audio id="say"> at manual-audio-context-jsx-map.input.jsx:13 is repeated by words.map(…) at manual-audio-context-jsx-map.input.jsx:10',
    ],
    'manual-audio-context-jsx-conditional.tsx': [
      '10: the <Audio id="bgm"> at manual-audio-context-jsx-conditional.input.tsx:16 is rendered conditionally (soundOn && … at manual-audio-context-jsx-conditional.input.tsx:16)',
    ],
    'manual-audio-context-vue-for.vue': [
      '19: the <audio id="say"> at manual-audio-context-vue-for.input.vue:5 is repeated by v-for at manual-audio-context-vue-for.input.vue:3',
    ],
    'manual-audio-context-vue-if.vue': [
      '16: the <audio id="bgm"> at manual-audio-context-vue-if.input.vue:4 is rendered conditionally (v-if at manual-audio-context-vue-if.input.vue:4)',
    ],
  };
  const fixtures = loadFixtures().filter((fixture) => Object.prototype.hasOwnProperty.call(expected, fixture.name));

  it('are all there', () =>
    expect(fixtures.map((fixture) => fixture.name).sort()).toEqual(Object.keys(expected).sort()));

  it.each(fixtures)("$name names the element's place and the reason", (fixture) => {
    const { output, report } = rewriteFile(fixture.input, fixture.inputPath);
    expect(output).toBeNull();
    const calls = report.manual.filter((site) => !site.api?.startsWith('AudioContext.'));
    expect(calls.map((site) => `${site.line}: ${reasons({ ...report, manual: [site] })[0]}`)).toEqual(
      expected[fixture.name],
    );
    // each method called on the context it would have made is left with it, and says so
    for (const site of report.manual.filter((m) => m.api?.startsWith('AudioContext.')))
      expect(site.reason).toMatch(
        /^AudioContext\.\w+ is deprecated .* by hand, with createAudioContext\(…\), which is left for a person$/,
      );
  });
});
