/**
 * The rule's words, case by case, with ESLint 9's RuleTester: what each kind of place says
 * (a deprecated call with its replacement and runtime entry, the app's own routed manager,
 * a place left to a person), the fix's output, what is not reported, and its options.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Linter, RuleTester } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../../src/eslint';
import { rewriteFile } from '../../src/rewrite';
import { forgetProjects } from '../../src/eslint/project';
import { eslintVersionProblem, loadedEslints, OLDEST_ESLINT } from '../../src/eslint/version';
import { RULE_DOCS_PATH } from '../../src/eslint/types';
import { ROOT } from '../helpers/paths';
import { ESLINTS, flatConfigFor, RULE } from './helpers';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const rule = plugin.rules['no-deprecated-api'];

// A native page with its template, in a package that lists the runtime and not Taro (the native runtime entry is
// chosen, and nothing is said of the dependency).
const audioPageDir = mkdtempSync(path.join(tmpdir(), 'record-compat-eslint-audio-'));
afterAll(() => rmSync(audioPageDir, { recursive: true, force: true }));
writeFileSync(
  path.join(audioPageDir, 'package.json'),
  JSON.stringify({ dependencies: { 'record-compat-runtime': '^0.1.0' } }),
);
writeFileSync(
  path.join(audioPageDir, 'index.wxml'),
  '<view>\n  <audio id="player" src="/a.mp3"></audio>\n  <audio id="listened" src="/b.mp3" bindended="next"></audio>\n</view>\n',
);
const AUDIO_PAGE = path.join(audioPageDir, 'index.js');
const tester = new RuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } });
// Inside this repository: its package.json depends on @tarojs/taro, so the Taro entry is chosen.
const filename = path.join(ROOT, 'src', 'page.js');

tester.run('no-deprecated-api', rule as never, {
  valid: [
    { code: "import { startRecord } from 'record-compat-runtime'\nstartRecord({})\n", filename },
    { code: 'const camera = Taro.createCameraContext()\ncamera.startRecord({})\n', filename },
    { code: 'const wx = { startRecord() {} }\nwx.startRecord()\n', filename },
    // the app's own manager, in a file (and a project decision) without legacy record calls
    { code: 'const m = wx.getRecorderManager()\n', filename, options: [{ routeRecorderManager: false }] },
  ],
  invalid: [
    {
      code: "import Taro from '@tarojs/taro'\nTaro.startRecord({})\nTaro.stopRecord()\n",
      filename,
      output:
        "import Taro from '@tarojs/taro'\nimport { startRecord, stopRecord } from 'record-compat-runtime'\nstartRecord({})\nstopRecord()\n",
      errors: [
        {
          message:
            "Taro.startRecord is deprecated (base library 1.6.0): use startRecord from 'record-compat-runtime', built on getRecorderManager()",
          line: 2,
          column: 1,
        },
        { messageId: 'deprecated', line: 3, column: 1 },
      ],
    },
    {
      code: "wx['playVoice']({ filePath: 'a.silk' })\n",
      filename,
      options: [{ importSource: 'my-runtime' }],
      output: "var { playVoice } = require('my-runtime')\nplayVoice({ filePath: 'a.silk' })\n",
      errors: [
        {
          message:
            "wx['playVoice'] is deprecated (base library 1.6.0): use playVoice from 'my-runtime', built on createInnerAudioContext()",
        },
      ],
    },
    {
      code: "import { startRecord as sr } from '@tarojs/taro'\nsr({})\n",
      filename,
      output: "import { startRecord } from 'record-compat-runtime'\nstartRecord({})\n",
      errors: [
        {
          message:
            "sr (startRecord, imported from '@tarojs/taro') is deprecated (base library 1.6.0): use startRecord from 'record-compat-runtime', built on getRecorderManager()",
        },
      ],
    },
    {
      // the app's own manager beside a legacy record call: routed, with its own words
      code: 'const m = wx.getRecorderManager()\nwx.startRecord({})\n',
      filename,
      output:
        "const { startRecord, getRecorderManager } = require('record-compat-runtime')\nconst m = getRecorderManager()\nstartRecord({})\n",
      errors: [
        {
          message:
            "wx.getRecorderManager: this project has legacy record calls, so the app's own getRecorderManager() goes through getRecorderManager from 'record-compat-runtime', which shares the one RecorderManager with them",
        },
        { messageId: 'deprecated' },
      ],
    },
    {
      // the same for the app's own background-audio manager, in its family's words
      code: "const m = wx.getBackgroundAudioManager()\nwx.playBackgroundAudio({ dataUrl: 'a.mp3' })\n",
      filename,
      output:
        "const { playBackgroundAudio, getBackgroundAudioManager } = require('record-compat-runtime')\nconst m = getBackgroundAudioManager()\nplayBackgroundAudio({ dataUrl: 'a.mp3' })\n",
      errors: [
        {
          message:
            "wx.getBackgroundAudioManager: this project has background-audio calls, so the app's own getBackgroundAudioManager() goes through getBackgroundAudioManager from 'record-compat-runtime', which shares the one BackgroundAudioManager with them",
        },
        { messageId: 'deprecated' },
      ],
    },
    {
      // TypeScript's CommonJS output of `import Taro from '@tarojs/taro'`: Taro's default export, read off the module,
      // is Taro
      code: 'const taro_1 = require("@tarojs/taro")\ntaro_1.default.startRecord({})\n',
      filename,
      output:
        'const { startRecord } = require("record-compat-runtime")\nconst taro_1 = require("@tarojs/taro")\nstartRecord({})\n',
      errors: [
        {
          message:
            "taro_1.default.startRecord is deprecated (base library 1.6.0): use startRecord from 'record-compat-runtime', built on getRecorderManager()",
          line: 2,
          column: 1,
        },
      ],
    },
    {
      // through a namespace import: rewritten like Taro.stopRecord; passed on, left to a person like Taro
      code: "import * as Taro from '@tarojs/taro'\nTaro.default.stopRecord()\nregisterApi(Taro.default)\n",
      filename,
      output:
        "import * as Taro from '@tarojs/taro'\nimport { stopRecord } from 'record-compat-runtime'\nstopRecord()\nregisterApi(Taro.default)\n",
      errors: [
        { messageId: 'deprecated', line: 2, column: 1 },
        {
          message:
            "Taro is stored or passed on here; deprecated APIs (startRecord, playVoice, …) called through it cannot be rewritten safely: call them on Taro itself (Taro.startRecord(…)) where they are used, which the rewrite migrates, or change them to the runtime's functions by hand",
          line: 3,
          column: 13,
        },
      ],
    },
    {
      // left to a person: reported with the engine's reason (no page.wxml beside src/page.js), no fix
      code: 'wx.createAudioContext("player")\n',
      filename,
      output: null,
      errors: [
        {
          message:
            "no template found for id 'player'; migrate this createAudioContext to createInnerAudioContext by hand",
          line: 1,
          column: 1,
        },
      ],
    },
    {
      // a hidden <audio> in the page's template: the codemod's edit, its src passed on
      code: "Page({ onReady() { this.ctx = wx.createAudioContext('player') } })\n",
      filename: AUDIO_PAGE,
      output:
        "var { createAudioContext } = require('record-compat-runtime/native')\nPage({ onReady() { this.ctx = createAudioContext({ id: 'player', src: '/a.mp3' }) } })\n",
      errors: [
        {
          message:
            "wx.createAudioContext is deprecated (base library 1.6.0): use createAudioContext from 'record-compat-runtime/native', built on createInnerAudioContext()",
        },
      ],
    },
    {
      // the page hears the element's end: the call stays, the template's line named
      code: "Page({ onReady() { this.ctx = wx.createAudioContext('listened') } })\n",
      filename: AUDIO_PAGE,
      output: null,
      errors: [
        {
          message:
            'the <audio id="listened"> at index.wxml:3: the page listens to bindended; migrate this createAudioContext to createInnerAudioContext by hand',
          line: 1,
          column: 31,
        },
      ],
    },
  ],
});

/** The rule with these options, in a flat config. */
const config = (options: object = {}) =>
  [{ plugins: { 'record-compat': plugin }, rules: { 'record-compat/no-deprecated-api': ['error', options] } }] as never;
/** Lints `code` as the file `rel` of the project in `cwd` (ESLint 9 finds no config for a file outside its cwd). */
const lintIn = (cwd: string, rel: string, code: string, options: object = {}) =>
  new Linter({ configType: 'flat', cwd }).verify(code, config(options), { filename: path.join(cwd, rel) });

describe("the app's own manager where part of the project cannot be read", () => {
  // A project with a script the walk will not open (a FIFO: unreadable for root too; an
  // unreadable folder, as another user, is in tree.test.ts): a legacy call there would route the
  // app's manager.
  const project = mkdtempSync(path.join(tmpdir(), 'record-compat-eslint-unread-'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));
  writeFileSync(
    path.join(project, 'package.json'),
    '{ "name": "unread", "private": true, "dependencies": { "record-compat-runtime": "0.1.0" } }\n',
  );
  mkdirSync(path.join(project, 'vendor'));
  execFileSync('mkfifo', [path.join(project, 'vendor', 'player.js')]);
  const lint = (code: string, options: object = {}) => lintIn(project, 'pages/own.js', code, options);

  it('is reported, with what could not be read and the option that decides, and left as it is', () => {
    forgetProjects();
    const messages = lint('// the player\nconst m = wx.getBackgroundAudioManager()\n');
    expect(messages).toMatchObject([
      {
        messageId: 'undecided',
        line: 2,
        column: 11,
        message:
          "getBackgroundAudioManager: cannot tell whether this project has background-audio calls, which would route the app's own getBackgroundAudioManager() through the runtime (vendor/player.js: a FIFO (named pipe), not a regular file: not opened); it is left as it is: set the rule's option routeBackgroundAudioManager to decide",
      },
    ]);
    expect(messages[0].fix).toBeUndefined();
    // a file that only names it (no use the rewrite would route) has nothing to say
    forgetProjects();
    expect(lint('// uses getBackgroundAudioManager elsewhere\nconst names = ["getBackgroundAudioManager"]\n')).toEqual(
      [],
    );
  });

  it('is not reported where the option decides, or where a legacy call of the family was found anyway', () => {
    forgetProjects();
    expect(lint('const m = wx.getBackgroundAudioManager()\n', { routeBackgroundAudioManager: false })).toEqual([]);
    expect(
      lint('const m = wx.getBackgroundAudioManager()\n', { routeBackgroundAudioManager: true }).map((m) => m.messageId),
    ).toEqual(['routed']);
    writeFileSync(path.join(project, 'pages.js'), "wx.playBackgroundAudio({ dataUrl: 'b.mp3' })\n");
    forgetProjects();
    expect(lint('const m = wx.getBackgroundAudioManager()\n').map((m) => m.messageId)).toEqual(['routed']);
    rmSync(path.join(project, 'pages.js'));
    // the other family is not asked: a recorder in the same project says nothing of it
    forgetProjects();
    expect(lint('const r = wx.getRecorderManager()\n').map((m) => m.message)).toEqual([
      expect.stringMatching(/^getRecorderManager: cannot tell whether this project has legacy record calls/),
    ]);
  });
});

/** A Taro project with this config/index.ts, removed after the describe block; the rule on a file of it. */
function lintInTaroProject(configText: string) {
  const project = mkdtempSync(path.join(tmpdir(), 'record-compat-eslint-taro-'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));
  writeFileSync(
    path.join(project, 'package.json'),
    '{ "name": "copies", "dependencies": { "@tarojs/taro": "4.1.0", "record-compat-runtime": "0.1.0" } }\n',
  );
  mkdirSync(path.join(project, 'config'));
  writeFileSync(path.join(project, 'config', 'index.ts'), configText);
  return (rel: string, code: string) => lintIn(project, rel, code);
}

describe("a file Taro's copy option copies", () => {
  const lint = lintInTaroProject(
    "export default { copy: { patterns: [{ from: 'src/native/', to: 'dist/native/' }], options: {} } }\n",
  );

  it('is reported with the way out, and not fixed with an import that would not resolve there', () => {
    const messages = lint('src/native/sdk.js', 'module.exports = function play(p) { wx.playVoice({ filePath: p }) }\n');
    expect(messages).toMatchObject([
      {
        messageId: 'notImportable',
        line: 1,
        column: 37,
        message:
          'wx.playVoice is deprecated (base library 1.6.0), and cannot be fixed here: ' +
          "Taro's copy option copies this file without compiling it (config/index.ts: from 'src/native/'), so an import of record-compat-runtime would not resolve in the mini-program; left as it is: migrate it with `npx taro-plugin-record-compat --runtime local=src/native/record-compat.js src/native/`",
      },
    ]);
    expect(messages[0].fix).toBeUndefined();
    // the app's own pages, which Taro compiles, are fixed as before
    expect(lint('src/pages/index.js', 'wx.playVoice({})\n').map((m) => [m.messageId, Boolean(m.fix)])).toEqual([
      ['deprecated', true],
    ]);
  });
});

describe("a package WeChat's npm build wrote into miniprogram_npm", () => {
  const project = mkdtempSync(path.join(tmpdir(), 'record-compat-eslint-built-'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));
  writeFileSync(
    path.join(project, 'package.json'),
    '{ "name": "app", "dependencies": { "@scope/voice-sdk": "1.0.0", "record-compat-runtime": "0.1.0" } }\n',
  );

  it('is reported with the package and the way out, and never fixed (the next build npm would write it again)', () => {
    const messages = lintIn(
      project,
      'miniprogram_npm/@scope/voice-sdk/dist/index.js',
      'module.exports = function talk() { wx.startRecord({}) }\n',
    );
    expect(messages).toMatchObject([
      {
        messageId: 'notImportable',
        line: 1,
        column: 36,
        message:
          'wx.startRecord is deprecated (base library 1.6.0), and cannot be fixed here: ' +
          `package '@scope/voice-sdk', which the mini-program loads from miniprogram_npm; not edited there, as WeChat's "build npm" writes it again from node_modules: update or replace the package, or fork it`,
      },
    ]);
    expect(messages[0].fix).toBeUndefined();
    // a fixed import of another module is refused there too: nothing is edited in the built packages
    expect(
      lintIn(project, 'miniprogram_npm/@scope/voice-sdk/dist/index.js', 'wx.startRecord({})\n', {
        importSource: '../../vendor/record-compat',
      }).map((m) => Boolean(m.fix)),
    ).toEqual([false]);
    // the app's own page is fixed as before
    expect(lintIn(project, 'pages/index.js', 'wx.startRecord({})\n').map((m) => Boolean(m.fix))).toEqual([true]);
  });
});

describe('a native mini-program WeChat loads as it is (project.config.json names the folder of app.json)', () => {
  const project = mkdtempSync(path.join(tmpdir(), 'record-compat-eslint-native-'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));
  writeFileSync(path.join(project, 'project.config.json'), '{ "miniprogramRoot": "miniprogram/" }\n');
  mkdirSync(path.join(project, 'miniprogram'));
  writeFileSync(path.join(project, 'miniprogram', 'app.json'), '{ "pages": [] }\n');

  it('is reported with the way out, and not fixed with a package import that would not resolve there', () => {
    const messages = lintIn(
      project,
      'miniprogram/pages/voice.js',
      "wx.playVoice({})\nfunction stop() {\n  wx['stopVoice']()\n}\n",
    );
    // each place, named, as the audit lists them; the reason in full at the first, the line where it was said at the
    // others the way out is the codemod's default, which copies the runtime there: no flag to type
    const reason =
      /, and cannot be fixed here: WeChat loads this mini-program as it is, .*migrate it with `npx taro-plugin-record-compat`, which copies the runtime into the mini-program/;
    expect(messages).toMatchObject([
      {
        messageId: 'notImportable',
        line: 1,
        column: 1,
        message: expect.stringMatching(
          new RegExp(/^wx\.playVoice is deprecated \(base library 1\.6\.0\)/.source + reason.source),
        ),
      },
      {
        messageId: 'notImportableRepeated',
        line: 3,
        column: 3,
        message: "wx['stopVoice'] is deprecated (base library 1.6.0), and cannot be fixed here: same reason as line 1",
      },
    ]);
    expect(messages.map((m) => m.fix)).toEqual([undefined, undefined]);
    // a fixed import of another module (the rule's importSource option) is not the package's: fixed as asked
    expect(
      lintIn(project, 'miniprogram/pages/voice.js', 'wx.playVoice({})\n', {
        importSource: '../../vendor/record-compat',
      }).map((m) => Boolean(m.fix)),
    ).toEqual([true]);
  });

  it("says why the app's own manager is reported there: the project's legacy calls route it, and it cannot be fixed here", () => {
    mkdirSync(path.join(project, 'miniprogram', 'pages', 'music'), { recursive: true });
    writeFileSync(
      path.join(project, 'miniprogram', 'pages', 'music', 'music.js'),
      "Page({ play() { wx.playBackgroundAudio({ dataUrl: 'a.mp3' }) } })\n",
    );
    forgetProjects();
    const messages = lintIn(project, 'miniprogram/pages/player.js', 'const player = wx.getBackgroundAudioManager()\n');
    expect(messages).toMatchObject([
      {
        messageId: 'routedNotImportable',
        line: 1,
        column: 16,
        message: expect.stringMatching(
          /^getBackgroundAudioManager\(\) is here only because the project's background-audio calls route the app's own BackgroundAudioManager through the runtime, but WeChat loads this mini-program as it is, .*migrate it with `npx taro-plugin-record-compat`, which copies/,
        ),
      },
    ]);
    expect(messages[0].fix).toBeUndefined();
  });
});

describe('a reason repeated in a file: each place reported, the reason said once', () => {
  const project = mkdtempSync(path.join(tmpdir(), 'record-compat-eslint-repeated-'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));
  writeFileSync(path.join(project, 'project.config.json'), '{ "miniprogramRoot": "./" }\n');
  writeFileSync(path.join(project, 'app.json'), '{ "pages": ["pages/voice/voice"] }\n');
  writeFileSync(path.join(project, 'package.json'), '{ "name": "app", "private": true }\n');

  it('in a page WeChat loads as it is: the first place gives the reason, the others its line, in a few words', () => {
    forgetProjects();
    const page =
      'Page({\n  start() { wx.startRecord({}) },\n  stop() { wx.stopRecord() },\n  play(p) { wx.playVoice({ filePath: p }) },\n  onUnload() {\n    wx.stopRecord()\n    wx.stopVoice()\n  }\n})\n';
    const messages = lintIn(project, 'pages/voice/voice.js', page);
    expect(messages.map((m) => [m.line, m.messageId])).toEqual([
      [2, 'notImportable'],
      [3, 'notImportableRepeated'],
      [4, 'notImportableRepeated'],
      [6, 'notImportableRepeated'],
      [7, 'notImportableRepeated'],
    ]);
    expect(messages[0].message).toMatch(
      /^wx\.startRecord is deprecated \(base library 1\.6\.0\), and cannot be fixed here: WeChat loads this mini-program as it is/,
    );
    expect(messages.slice(1).map((m) => m.message)).toEqual([
      'wx.stopRecord is deprecated (base library 1.6.0), and cannot be fixed here: same reason as line 2',
      'wx.playVoice is deprecated (base library 1.6.0), and cannot be fixed here: same reason as line 2',
      'wx.stopRecord is deprecated (base library 1.6.0), and cannot be fixed here: same reason as line 2',
      'wx.stopVoice is deprecated (base library 1.6.0), and cannot be fixed here: same reason as line 2',
    ]);
    expect(messages.every((m) => m.fix === undefined)).toBe(true);
  });

  it('where the first place is switched off by an eslint-disable comment, the next one says the reason in full', () => {
    forgetProjects();
    const page =
      '// eslint-disable-next-line record-compat/no-deprecated-api -- kept until the recorder page is redone\nwx.startRecord({})\nwx.stopRecord()\nwx.stopVoice()\n';
    const messages = lintIn(project, 'pages/voice/voice.js', page);
    expect(messages.map((m) => [m.line, m.messageId])).toEqual([
      [3, 'notImportable'],
      [4, 'notImportableRepeated'],
    ]);
    expect(messages[1].message).toMatch(/same reason as line 3$/);
  });

  it('left for a person at several places (Taro passed on): the reason once, then the place and its line; another reason in full', () => {
    const code =
      "import Taro from '@tarojs/taro'\nregisterApi(Taro)\nconst api = { rec: Taro }\nwx[name]()\nhandOn(Taro)\nTaro.startRecord({})\n";
    const messages = new Linter({ configType: 'flat' }).verify(code, config(), { filename });
    expect(messages.map((m) => [m.line, m.messageId, m.message])).toEqual([
      [2, 'manual', expect.stringMatching(/^Taro is stored or passed on here; /)],
      [3, 'manualRepeated', 'Taro: left for a person, same reason as line 2'],
      [4, 'manual', expect.stringMatching(/^dynamic access on wx: /)],
      [5, 'manualRepeated', 'Taro: left for a person, same reason as line 2'],
      [6, 'deprecated', expect.stringMatching(/^Taro\.startRecord is deprecated/)],
    ]);
  });
});

describe('a native mini-program whose project.config.json does not parse (a trailing comma)', () => {
  const project = mkdtempSync(path.join(tmpdir(), 'record-compat-eslint-unread-config-'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));
  writeFileSync(
    path.join(project, 'package.json'),
    '{ "devDependencies": { "webpack": "^5.0.0", "taro-plugin-record-compat": "*" } }\n',
  );
  writeFileSync(path.join(project, 'project.config.json'), '{ "miniprogramRoot": "miniprogram/", }\n');
  mkdirSync(path.join(project, 'miniprogram'));
  writeFileSync(path.join(project, 'miniprogram', 'app.json'), '{ "pages": [] }\n');

  it('is reported as the codemod refuses it, naming the config and where it breaks, and not fixed', () => {
    forgetProjects();
    const messages = lintIn(project, 'miniprogram/pages/voice.js', 'wx.playVoice({})\n');
    expect(messages).toMatchObject([
      {
        messageId: 'notImportable',
        line: 1,
        message: expect.stringMatching(
          /, and cannot be fixed here: cannot tell how WeChat loads this folder: \.\.\/\.\.\/project\.config\.json cannot be read \(not valid JSON at line 1, column 36: a trailing comma before '\}'/,
        ),
      },
    ]);
    expect(messages[0].fix).toBeUndefined();
  });
});

describe('two native mini-programs under one package.json: each decides its own routing, as the codemod does', () => {
  const project = mkdtempSync(path.join(tmpdir(), 'record-compat-eslint-apps-'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));
  writeFileSync(
    path.join(project, 'package.json'),
    '{ "name": "apps", "private": true, "dependencies": { "record-compat-runtime": "0.1.0" } }\n',
  );
  for (const app of ['appA', 'appB']) {
    mkdirSync(path.join(project, app, 'pages'), { recursive: true });
    writeFileSync(path.join(project, app, 'app.json'), '{ "pages": ["pages/p"] }\n');
  }
  writeFileSync(path.join(project, 'appA', 'pages', 'p.js'), "wx.playBackgroundAudio({ dataUrl: 'a.mp3' })\n");

  it("routes the manager of the mini-program with a legacy call, and leaves the other's alone", () => {
    forgetProjects();
    expect(
      lintIn(project, 'appA/pages/own.js', 'const m = wx.getBackgroundAudioManager()\n').map((m) => m.messageId),
    ).toEqual(['routed']);
    expect(lintIn(project, 'appB/pages/p.js', 'const m = wx.getBackgroundAudioManager()\n')).toEqual([]);
  });
});

describe('a project whose copy option this rule cannot read in full', () => {
  const lint = lintInTaroProject(
    "const native = () => 'src/' + 'native/'\nexport default { copy: { patterns: [{ from: native(), to: 'dist/native/' }], options: {} } }\n",
  );

  it('offers the fix, and once per file the check the codemod asks for: that Taro does not copy it', () => {
    const messages = lint('src/pages/index.js', 'wx.playVoice({})\nwx.stopVoice()\n');
    expect(messages.map((m) => [m.messageId, m.line, Boolean(m.fix)])).toEqual([
      ['copiesUnknown', 1, false],
      ['deprecated', 1, true],
      ['deprecated', 2, true],
    ]);
    expect(messages[0].message).toMatch(
      /^config\/index\.ts: a copy pattern is built by code this tool does not follow.*: a file Taro copies without bundling would not resolve the runtime's import; check that this file is not copied \(then migrate its folder with --runtime local=<folder>\/record-compat\.js\)$/,
    );
    // nothing to fix, nothing to check
    expect(lint('src/pages/plain.js', 'export const n = 1\n')).toEqual([]);
  });
});

describe.each(ESLINTS)(
  'configs.standalone: the rule alone, with a parser of its own ($name)',
  ({ Linter: LinterOf }) => {
    const project = mkdtempSync(path.join(tmpdir(), 'record-compat-eslint-standalone-'));
    afterAll(() => rmSync(project, { recursive: true, force: true }));
    writeFileSync(
      path.join(project, 'package.json'),
      '{ "name": "t2", "dependencies": { "@tarojs/taro": "2.2.22" } }\n',
    );
    const file = path.join(project, 'src', 'pages', 'index.jsx');
    const linter = () => new LinterOf({ configType: 'flat', cwd: project });
    const standalone = [plugin.configs.standalone] as never;

    it("reads what the codemod reads (a decorator, class properties, JSX), where espree fails, and fixes it to the codemod's bytes", () => {
      forgetProjects();
      const code =
        "import Taro, { Component } from '@tarojs/taro'\n\n@connect(({ notes }) => ({ notes }))\nexport default class Index extends Component {\n  config = { title: 'rec' }\n  go = () => Taro.startRecord({})\n  render () { return <View onClick={this.go} /> }\n}\n";
      expect(
        new LinterOf({ configType: 'flat', cwd: project }).verify(code, flatConfigFor(file), { filename: file }),
      ).toMatchObject([{ fatal: true }]);
      const result = linter().verifyAndFix(code, standalone, { filename: file });
      expect(result.messages).toEqual([]);
      expect(result.output).toBe(rewriteFile(code, file, { taroWrapper: true }).output);
    });

    it("honours the file's eslint-disable comments for the rule, and leaves those naming other rules (none is reported unused, --fix removes none)", () => {
      forgetProjects();
      const kept =
        '// eslint-disable-next-line record-compat/no-deprecated-api -- on purpose\nwx.startRecord({})\nwx.stopRecord()\n';
      expect(
        linter()
          .verify(kept, standalone, { filename: file })
          .map((m) => [m.line, m.messageId]),
      ).toEqual([[3, 'fixWithheld']]);
      // beside a rule of the project's own ESLint, which this one does not know
      const beside =
        '// eslint-disable-next-line react/jsx-key, record-compat/no-deprecated-api\nwx.startRecord({})\nwx.stopRecord()\n';
      expect(
        linter()
          .verify(beside, standalone, { filename: file })
          .map((m) => [m.line, m.messageId]),
      ).toEqual([[3, 'fixWithheld']]);
      const other =
        '// eslint-disable-next-line no-console\nconsole.log(1)\n/* eslint-disable react/prop-types */\nwx.startRecord({})\n';
      const fixed = linter().verifyAndFix(other, standalone, { filename: file });
      expect(fixed.messages).toEqual([]);
      expect(fixed.output).toContain(
        '// eslint-disable-next-line no-console\nconsole.log(1)\n/* eslint-disable react/prop-types */\n',
      );
      expect(fixed.output).not.toContain('wx.startRecord');
    });

    it('reports a file that does not parse as the codemod fails it, at its place', () => {
      forgetProjects();
      expect(linter().verify('wx.startRecord({)\n', standalone, { filename: file })).toMatchObject([
        {
          ruleId: RULE,
          messageId: 'failed',
          line: 1,
          message: expect.stringMatching(/^the migration cannot check this file: does not parse/),
        },
      ]);
    });
  },
);

describe("the rule's docs page (meta.docs.url)", () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    files: string[];
  };
  const page = readFileSync(path.join(ROOT, RULE_DOCS_PATH), 'utf8');

  it('is the page of this version in the package as published, which ships it', () => {
    expect(rule.meta.docs.url).toBe(`https://unpkg.com/${pkg.name}@${pkg.version}/${RULE_DOCS_PATH}`);
    expect(pkg.files.some((entry) => RULE_DOCS_PATH === entry || RULE_DOCS_PATH.startsWith(`${entry}/`))).toBe(true);
  });

  it('explains every message the rule gives, by its id', () => {
    expect(Object.keys(rule.meta.messages).filter((id) => !page.includes(`\`${id}\``))).toEqual([]);
  });

  it('links only to files the package ships', () => {
    const links = [...page.matchAll(/\]\((\.[^)#]+)(?:#[^)]*)?\)/g)].map((m) =>
      path.posix.normalize(path.posix.join(path.posix.dirname(RULE_DOCS_PATH), m[1])),
    );
    expect(links.length).toBeGreaterThan(0);
    expect(
      links.filter(
        (link) =>
          !existsSync(path.join(ROOT, link)) ||
          !pkg.files.some((entry) => link === entry || link.startsWith(`${entry}/`)),
      ),
    ).toEqual([]);
  });
});

describe('the rule options', () => {
  it('come from the options table, and ESLint refuses a name it does not list', () => {
    expect(Object.keys((rule.meta.schema[0] as { properties: object }).properties)).toEqual([
      'importSource',
      'routeRecorderManager',
      'routeBackgroundAudioManager',
      'taroWrapper',
      'families',
      'parser',
    ]);
    const linter = new Linter({ configType: 'flat' });
    expect(() => linter.verify('wx.startRecord()', config({ strict: true }), { filename })).toThrow(
      /additional properties/,
    );
  });

  it.each(ESLINTS)(
    'a value the option does not take is named with the option and what it allows ($name)',
    ({ Linter: LinterOf }) => {
      const linter = new LinterOf({ configType: 'flat' });
      const verify = (options: object) => () => linter.verify('wx.startRecord()', config(options), { filename });
      expect(verify({ parser: 'acorn' })).toThrow(
        `invalid ESLint rule options: option "parser" must be 'auto', 'babel' or 'oxc', got "acorn"`,
      );
      expect(verify({ routeRecorderManager: 'yes' })).toThrow(
        'invalid ESLint rule options: option "routeRecorderManager" must be true or false, got "yes"',
      );
      expect(verify({ importSource: '' })).toThrow(
        /invalid ESLint rule options: option "importSource" must be a module specifier: a package name.*, got ""/,
      );
      expect(verify({ families: ['recording'] })).toThrow(
        /\[taro-plugin-record-compat\] invalid ESLint rule options: option "families" must be a list of families, each one of 'record', 'voice', .*, got \["recording"\]$/m,
      );
    },
  );

  it('families: only the chosen families are reported and fixed; the others stay as they are, unreported', () => {
    const linter = new Linter({ configType: 'flat' });
    const code = "export const go = () => {\n  wx.startRecord({})\n  wx.playVoice({ filePath: 'a.silk' })\n}\n";
    const messages = linter.verify(code, config({ families: ['voice'] }), { filename });
    expect(messages.map((m) => [m.messageId, m.line])).toEqual([['deprecated', 3]]);
    const fixed = linter.verifyAndFix(code, config({ families: ['voice'] }), { filename });
    expect(fixed.output).toBe(
      "import { playVoice } from 'record-compat-runtime'\nexport const go = () => {\n  wx.startRecord({})\n  playVoice({ filePath: 'a.silk' })\n}\n",
    );
    expect(linter.verify(code, config({}), { filename }).map((m) => m.line)).toEqual([2, 3]);
  });

  it('a valid set of options lints', () => {
    const linter = new Linter({ configType: 'flat' });
    expect(
      linter
        .verify('wx.startRecord()', config({ parser: 'babel', routeRecorderManager: true }), { filename })
        .map((m) => m.messageId),
    ).toEqual(['deprecated']);
  });
});

describe.each(ESLINTS)(
  'a project that does not list the runtime package among its dependencies ($name)',
  ({ Linter: LinterOf }) => {
    const project = mkdtempSync(path.join(tmpdir(), 'record-compat-eslint-deps-'));
    afterAll(() => rmSync(project, { recursive: true, force: true }));
    const app = (name: string, pkg: object) => {
      mkdirSync(path.join(project, name, 'pages'), { recursive: true });
      writeFileSync(path.join(project, name, 'package.json'), JSON.stringify(pkg));
      return (code: string) =>
        new LinterOf({ configType: 'flat', cwd: project }).verifyAndFix(code, config(), {
          filename: path.join(project, name, 'pages/rec.js'),
        });
    };
    const LEGACY = "// pages/rec.js\nwx.startRecord({})\nwx.stopRecord()\nwx.playVoice({ filePath: 'a.silk' })\n";
    const unlisted = (name: string, importers: string) =>
      `${name}/package.json does not list record-compat-runtime, which ${importers}: add it to its dependencies (npm install record-compat-runtime, in ${name}/) before the app is built (the app runs the runtime; taro-plugin-record-compat can stay a devDependency)`;

    it('says so once for the file, not at each call: before the fix at its first line, after it at the import the fix wrote', () => {
      forgetProjects();
      const lint = app('fresh', { name: 'fresh', devDependencies: { 'taro-plugin-record-compat': '0.1.0' } });
      const before = new LinterOf({ configType: 'flat', cwd: project }).verify(LEGACY, config(), {
        filename: path.join(project, 'fresh/pages/rec.js'),
      });
      expect(before.map((m) => [m.messageId, m.line, Boolean(m.fix)])).toEqual([
        ['runtimeUnlisted', 1, false],
        ['deprecated', 2, true],
        ['deprecated', 3, true],
        ['deprecated', 4, true],
      ]);
      expect(before[0].message).toBe(unlisted('fresh', "this file's fix would import"));
      // What `eslint --fix` shows: the fixed file, which imports the package, said once at its import.
      const fixed = lint(LEGACY);
      expect(fixed.output).toMatch(/^var \{ startRecord(?:, \w+)* \} = require\('record-compat-runtime\/native'\)$/m);
      expect(fixed.messages.map((m) => [m.messageId, m.line])).toEqual([['runtimeUnlisted', 2]]);
      expect(fixed.messages[0].message).toBe(unlisted('fresh', 'this file imports'));
    });

    it('says that a devDependency is not enough, and nothing where the package is listed among the dependencies', () => {
      forgetProjects();
      const dev = app('dev', { name: 'dev', devDependencies: { 'record-compat-runtime': '0.1.0' } })(LEGACY);
      expect(dev.messages.map((m) => m.message)).toEqual([
        "dev/package.json lists record-compat-runtime among its devDependencies only, which this file imports: the app runs it, so move it to dependencies (npm install --save-prod record-compat-runtime, in dev/) before the app is built; WeChat's npm build and a production install (npm ci --omit=dev) leave devDependencies out",
      ]);
      const listed = app('listed', { name: 'listed', dependencies: { 'record-compat-runtime': '0.1.0' } })(LEGACY);
      expect(listed.output).toContain('record-compat-runtime/native');
      expect(listed.messages).toEqual([]);
    });

    it('says it of a file migrated before, with no legacy call left, at its import; and nothing of a former entry of this package or a comment', () => {
      forgetProjects();
      const lint = app('migrated', { name: 'migrated' });
      const migrated =
        "import Taro from '@tarojs/taro'\nimport { startRecord } from 'record-compat-runtime'\nstartRecord({})\n";
      expect(lint(migrated).messages.map((m) => [m.messageId, m.line])).toEqual([['runtimeUnlisted', 2]]);
      expect(
        lint("const { startRecord } = require('record-compat-runtime/native')\n").messages.map((m) => [
          m.messageId,
          m.line,
        ]),
      ).toEqual([['runtimeUnlisted', 1]]);
      expect(
        lint("import { startRecord } from 'taro-plugin-record-compat/runtime'\nstartRecord({})\n").messages,
      ).toEqual([]);
      expect(lint("// see record-compat-runtime's docs\nexport const n = 1\n").messages).toEqual([]);
    });
  },
);

describe.each(ESLINTS)('a place an eslint-disable comment keeps ($name)', ({ Linter: LinterOf }) => {
  const project = mkdtempSync(path.join(tmpdir(), 'record-compat-eslint-disable-'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));
  writeFileSync(
    path.join(project, 'package.json'),
    '{ "name": "kept", "private": true, "dependencies": { "record-compat-runtime": "0.1.0" } }\n',
  );
  const fixed = (code: string) =>
    new LinterOf({ configType: 'flat', cwd: project }).verifyAndFix(code, config(), {
      filename: path.join(project, 'pages/rec.js'),
    });

  it("withholds the file's fix, which would rewrite the kept place too, and says why at the others", () => {
    const code =
      '// eslint-disable-next-line record-compat/no-deprecated-api -- the old recorder, on purpose\nwx.startRecord({})\nwx.stopRecord()\n';
    const result = fixed(code);
    expect(result.output).toBe(code);
    expect(result.messages).toMatchObject([
      {
        messageId: 'fixWithheld',
        line: 3,
        message: expect.stringMatching(
          /^wx\.stopRecord is deprecated .*; no fix is offered in this file: it would also rewrite the place an eslint-disable comment keeps at line 2 /,
        ),
      },
    ]);
    // the same inside a block the comments switch off, and not after it is switched on again
    const block =
      '/* eslint-disable record-compat/no-deprecated-api */\nwx.startRecord({})\n/* eslint-enable */\nwx.stopRecord()\n';
    expect(fixed(block).output).toBe(block);
    expect(fixed(block).messages.map((m) => [m.messageId, m.line])).toEqual([['fixWithheld', 4]]);
  });

  it('fixes as before where the comments name other rules only', () => {
    const code =
      '// eslint-disable-next-line no-console, no-undef\nwx.startRecord({})\nwx.stopRecord() // eslint-disable-line no-undef\n';
    const result = fixed(code);
    expect(result.messages).toEqual([]);
    expect(result.output).toContain("require('record-compat-runtime/native')");
    expect(result.output).not.toMatch(/wx\.(startRecord|stopRecord)/);
  });
});

describe('a Taro project on a Taro that wrapped the API in a Promise (before 3.3.1)', () => {
  const project = mkdtempSync(path.join(tmpdir(), 'record-compat-eslint-taro2-'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));
  writeFileSync(
    path.join(project, 'package.json'),
    '{ "name": "t2", "dependencies": { "@tarojs/taro": "2.2.22", "record-compat-runtime": "0.1.0" } }\n',
  );

  it("names the function the fix writes: the one that keeps Taro's Promise", () => {
    forgetProjects();
    const messages = lintIn(
      project,
      'src/pages/voice.js',
      "import Taro from '@tarojs/taro'\nTaro.playVoice({ filePath: 'a.silk' }).then(() => {})\nTaro.stopVoice()\n",
    );
    expect(messages.map((m) => m.message)).toEqual([
      "Taro.playVoice is deprecated (base library 1.6.0): use playVoiceWrapped from 'record-compat-runtime', built on createInnerAudioContext()",
      "Taro.stopVoice is deprecated (base library 1.6.0): use stopVoice from 'record-compat-runtime', built on createInnerAudioContext()",
    ]);
  });
});

describe.each(ESLINTS)("a .vue template's own call of the API (vue-eslint-parser, $name)", ({ Linter: LinterOf }) => {
  const vueFile = path.join(ROOT, 'src', 'Rec.vue');
  const lint = (code: string) =>
    new LinterOf({ configType: 'flat' }).verify(code, flatConfigFor(vueFile) as never, { filename: vueFile });
  const reason = (use: string) =>
    `${use} in the template: the rewrite leaves the template as it is; call it from the script, which the rewrite migrates, or rewrite it by hand`;

  it('through a <script setup> name, and through what an Options API component hands its instance, at its place in the template', () => {
    const setup =
      '<template>\n  <view @tap="Taro.startRecord({})">rec</view>\n</template>\n\n<script setup>\nimport Taro from \'@tarojs/taro\'\n</script>\n';
    const options =
      '<template>\n  <view @tap="Taro.stopRecord()">stop</view>\n</template>\n\n<script>\nimport Taro from \'@tarojs/taro\'\nexport default { data() { return { Taro } } }\n</script>\n';
    expect(lint(setup).map((m) => [m.line, m.column, m.message])).toEqual([[2, 15, reason('Taro.startRecord')]]);
    expect(lint(options).map((m) => [m.line, m.column, m.message])).toEqual([[2, 15, reason('Taro.stopRecord')]]);
  });
});

describe.each(ESLINTS)(
  'a .vue component with an unclosed <script> (vue-eslint-parser, $name)',
  ({ Linter: LinterOf }) => {
    const vueFile = path.join(ROOT, 'src', 'Open.vue');

    it('is reported at the tag as the codemod fails it, not passed as a component with nothing to migrate', () => {
      const code =
        '<template>\n  <view @tap="go">rec</view>\n</template>\n\n<script>\nimport Taro from \'@tarojs/taro\'\nexport default { methods: { go() { Taro.startRecord({}) } } }\n';
      const messages = new LinterOf({ configType: 'flat' }).verify(code, flatConfigFor(vueFile) as never, {
        filename: vueFile,
      });
      expect(messages.map((m) => [m.messageId, m.line, m.column, m.message])).toEqual([
        [
          'failed',
          5,
          1,
          "the migration cannot check this file: not a valid single-file component: an unclosed <script> (Vue's compiler: Element is missing end tag.)",
        ],
      ]);
    });
  },
);

describe.each(ESLINTS)('a file whose lines end with lone CRs (classic Mac OS) ($name)', ({ Linter: LinterOf }) => {
  // ESLint counts a lone CR as a line's end, as JavaScript does: the places must be on its lines.
  const code = "import Taro from '@tarojs/taro'\rTaro.startRecord({})\rTaro.stopRecord()\r";
  const linter = () => new LinterOf({ configType: 'flat' });

  it('is linted (the run goes on), each place on its line, and fixed as the codemod writes it', () => {
    expect(
      linter()
        .verify(code, config(), { filename })
        .map((m) => [m.messageId, m.line, m.column]),
    ).toEqual([
      ['deprecated', 2, 1],
      ['deprecated', 3, 1],
    ]);
    expect(linter().verifyAndFix(code, config(), { filename }).output).toBe(
      "import Taro from '@tarojs/taro'\rimport { startRecord, stopRecord } from 'record-compat-runtime'\rstartRecord({})\rstopRecord()\r",
    );
  });
});

describe.each(ESLINTS)('a file that starts with more than one byte-order mark ($name)', ({ Linter: LinterOf }) => {
  // ESLint takes one mark off and edits the rest; the next marks are the code's whitespace, as they are to the codemod.
  const scripts = [
    ['page.js', 'const a = 1\nwx.stopRecord()\n'],
    ['page.ts', "import Taro from '@tarojs/taro'\nTaro.startRecord({})\n"],
    [
      'page.vue',
      "<script>\nimport Taro from '@tarojs/taro'\nexport default { methods: { stop() { Taro.stopRecord() } } }\n</script>\n",
    ],
  ] as const;

  it.each(
    scripts.flatMap(([name, code]) => [1, 2, 3].map((marks) => [name, marks, '\uFEFF'.repeat(marks) + code] as const)),
  )("%s with %i: fixed to the codemod's bytes", (name, _, code) => {
    const file = path.join(ROOT, 'src', name);
    const codemod = rewriteFile(code, file).output;
    expect(codemod).not.toBeNull();
    const fixed = new LinterOf({ configType: 'flat' }).verifyAndFix(code, flatConfigFor(file), { filename: file });
    expect(fixed.output).toBe(codemod);
    expect(fixed.messages.filter((m) => m.fix)).toEqual([]);
  });

  it('names the call at its place on the first line, as the parser placed it', () => {
    const messages = new LinterOf({ configType: 'flat' }).verify(
      '\uFEFF\uFEFFwx.stopRecord()\n',
      flatConfigFor(filename),
      { filename },
    );
    expect(messages.map((m) => [m.line, m.column, m.message])).toEqual([
      [
        1,
        2,
        "wx.stopRecord is deprecated (base library 1.6.0): use stopRecord from 'record-compat-runtime', built on getRecorderManager()",
      ],
    ]);
  });
});

describe.each(ESLINTS)('a file the codemod skips as minified or too large ($name)', ({ Linter: LinterOf }) => {
  // Bundled or generated code: the codemod leaves it as it is, and so does the fix; one report says why.
  const numbered = (count: number, line: (i: number) => string) =>
    Array.from({ length: count }, (_, i) => line(i)).join('');
  const minified =
    "import Taro from '@tarojs/taro';" +
    numbered(100, (i) => `function f${i}(a,b){return a+b}var x${i}=f${i}(1,2);`) +
    'Taro.startRecord({});\n';
  const huge =
    "import Taro from '@tarojs/taro'\nTaro.startRecord({})\n" + `// ${'generated '.repeat(8)}\n`.repeat(14 * 1024);

  it.each([
    ['minified', minified, 'minified or bundled code (long lines): not migrated'],
    ['too large', huge, 'too large to migrate (1.1 MB, the limit is 1 MB): generated or bundled code'],
  ])('%s: reported once at its first line, with the reason, and not fixed', (_, code, reason) => {
    const result = new LinterOf({ configType: 'flat' }).verifyAndFix(code, config(), { filename });
    expect(result.output).toBe(code);
    expect(result.messages.map((m) => [m.messageId, m.line, m.column, m.message])).toEqual([
      ['failed', 1, 1, `the migration cannot check this file: ${reason}`],
    ]);
  });
});

describe('the ESLint the plugin loads in (src/eslint/version.ts)', () => {
  it('is read from the ESLints this process has loaded: 9 and 8.57 here, both new enough', () => {
    const loaded = loadedEslints();
    expect(loaded.map((eslint) => eslint.version)).toEqual(
      expect.arrayContaining(ESLINTS.map((eslint) => eslint.version)),
    );
    expect(loaded.every((eslint) => path.basename(path.dirname(eslint.dir)) === 'node_modules')).toBe(true);
    expect(eslintVersionProblem(loaded)).toBeNull();
  });

  it(`an ESLint older than ${OLDEST_ESLINT} alone is told in one sentence what the rule needs; none known, or one new enough beside it, passes`, () => {
    const old = { version: '4.19.1', dir: '/app/node_modules/eslint' };
    expect(eslintVersionProblem([old])).toBe(
      'taro-plugin-record-compat/eslint needs ESLint 5.16.0 or newer, and this is ESLint 4.19.1 (/app/node_modules/eslint): upgrade ESLint in this project, or migrate its files with the codemod (npx taro-plugin-record-compat), which needs no ESLint',
    );
    expect(eslintVersionProblem([{ version: '5.15.3', dir: '/app/node_modules/eslint' }])).toMatch(
      /^taro-plugin-record-compat\/eslint needs ESLint 5\.16\.0 or newer, and this is ESLint 5\.15\.3 /,
    );
    expect(eslintVersionProblem([])).toBeNull();
    expect(eslintVersionProblem([old, { version: '5.16.0', dir: '/app/node_modules/eslint5' }])).toBeNull();
    expect(eslintVersionProblem([{ version: '10.0.0-rc.1', dir: '/app/node_modules/eslint' }])).toBeNull();
  });
});
