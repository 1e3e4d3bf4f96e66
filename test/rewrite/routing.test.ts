/**
 * The project-level routing decision (src/rewrite/project/routing.ts), one place for the CLI and the
 * build plugin: each routed app API's option is on exactly when a file holds a legacy call of
 * its family that the rewrite takes; a name in a comment or a method of the app's own does not count.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, describe, expect, it } from 'vitest';
// The built engine: the decision loads the parsers lazily with require(), which needs the compiled files.
import { routingDecisionIn, RoutingSoFar, scopedRoutingIn, ScopedRouting, treeRouting } from '../../dist/src/rewrite';
import { RING_PAGE } from '../helpers/canvas-pages';

const RECORD = { file: 'src/record.js', text: 'wx.startRecord({ success() {} })\n' };
const BACKGROUND = { file: 'src/music.js', text: "wx.playBackgroundAudio({ dataUrl: 'a.mp3' })\n" };
/** A Taro page whose `<Canvas>` is in its own JSX: the codemod moves it to Canvas 2D. */
const MOVED_CANVAS = { file: 'src/Ring.jsx', text: RING_PAGE };
const NEAR_MISSES = [
  { file: 'src/comment.js', text: '// wx.startRecord() and wx.playBackgroundAudio() are gone\n' },
  {
    file: 'src/own.js',
    text: 'const player = { playBackgroundAudio() {}, startRecord() {} }\nplayer.playBackgroundAudio()\nplayer.startRecord()\n',
  },
];

describe('routingDecisionIn', () => {
  it.each([
    ['no legacy call', [], false, false],
    ['a record call', [RECORD], true, false],
    ['a background-audio call', [BACKGROUND], false, true],
    ['both, in different files', [BACKGROUND, RECORD], true, true],
  ])('%s', (_, files, routeRecorderManager, routeBackgroundAudioManager) => {
    expect(routingDecisionIn([...NEAR_MISSES, ...files])).toEqual({
      routeRecorderManager,
      routeBackgroundAudioManager,
      routeCanvasPixels: false,
    });
  });

  it("counts a call already migrated: a file importing the runtime's function of the family, from the package or a local copy", () => {
    const migrated = [
      { file: 'src/a.js', text: "import { startRecord } from 'record-compat-runtime'\nstartRecord({})\n" },
      {
        file: 'src/b.js',
        text: "var playBackgroundAudio = require('../../utils/record-compat').playBackgroundAudio\nplayBackgroundAudio({ dataUrl: 'a.mp3' })\n",
      },
    ];
    expect(routingDecisionIn(migrated)).toEqual({
      routeRecorderManager: true,
      routeBackgroundAudioManager: true,
      routeCanvasPixels: false,
    });
    // the wrapped one, destructured; an alias in an import list
    expect(
      routingDecisionIn([
        { file: 'c.js', text: "const { playVoiceWrapped: play, stopRecord } = require('record-compat-runtime')\n" },
      ]),
    ).toMatchObject({ routeRecorderManager: true });
    expect(
      routingDecisionIn([{ file: 'd.ts', text: "import { stopRecord as stop } from './utils/record-compat.ts'\n" }]),
    ).toMatchObject({ routeRecorderManager: true });
    // the runtime's own manager, or another module's function of the same name, is no call of the family
    expect(
      routingDecisionIn([
        { file: 'e.js', text: "import { getRecorderManager } from 'record-compat-runtime'\n// startRecord is gone\n" },
        { file: 'f.js', text: "import { startRecord } from './recorder'\nstartRecord()\n" },
      ]),
    ).toEqual({ routeRecorderManager: false, routeBackgroundAudioManager: false, routeCanvasPixels: false });
  });

  it('stops reading the files once every option is on', () => {
    const read: string[] = [];
    function* sources() {
      for (const source of [RECORD, BACKGROUND, MOVED_CANVAS, ...NEAR_MISSES]) {
        read.push(source.file);
        yield source;
      }
    }
    expect(routingDecisionIn(sources())).toEqual({
      routeRecorderManager: true,
      routeBackgroundAudioManager: true,
      routeCanvasPixels: true,
    });
    expect(read).toEqual([RECORD.file, BACKGROUND.file, MOVED_CANVAS.file]);
  });

  it('lets a wrong parser choice through instead of taking it for "no legacy call", and still says no for a file that does not parse', () => {
    process.env.RECORD_COMPAT_PARSER = 'swc';
    try {
      expect(() => routingDecisionIn([RECORD])).toThrow(
        "RECORD_COMPAT_PARSER=swc: the parser must be 'auto', 'babel' or 'oxc'",
      );
    } finally {
      delete process.env.RECORD_COMPAT_PARSER;
    }
    expect(routingDecisionIn([{ file: 'src/broken.js', text: 'wx.startRecord({ success() {\n' }])).toEqual({
      routeRecorderManager: false,
      routeBackgroundAudioManager: false,
      routeCanvasPixels: false,
    });
  });
});

describe("RoutingSoFar (the decision file by file, for the CLI's planning thread)", () => {
  const OWN_RECORDER = { file: 'src/own-recorder.js', text: 'const rm = wx.getRecorderManager()\n' };
  const OWN_PLAYER = { file: 'src/own-player.js', text: 'const p = wx.getBackgroundAudioManager()\n' };
  const COMPUTED = { file: 'src/computed.js', text: "wx['getRecorder' + 'Manager']()\n" };
  const ESCAPED = { file: 'src/escaped.js', text: 'wx.getRecorder\\u004danager()\n' };
  const OWN_EXPORT = { file: 'src/poster.js', text: "wx.canvasToTempFilePath({ canvasId: 'ring' })\n" };

  it('says which files a later file could still change, until their option is on', () => {
    const routing = new RoutingSoFar();
    for (const near of NEAR_MISSES) routing.add(near);
    expect(routing.decision).toEqual({
      routeRecorderManager: false,
      routeBackgroundAudioManager: false,
      routeCanvasPixels: false,
    });
    for (const source of [OWN_RECORDER, OWN_PLAYER, COMPUTED, ESCAPED])
      expect(routing.undecidedFor(source.text), source.file).toBe(true);
    expect(routing.undecidedFor(RECORD.text)).toBe(false);
    expect(routing.undecidedFor(NEAR_MISSES[1].text)).toBe(false);
    // An escape elsewhere (a string), or a namespace's bracket with no name in it, reaches no manager.
    expect(routing.undecidedFor("wx.startRecord({ success() { show('caf\\u00e9') } })\n")).toBe(false);
    expect(routing.undecidedFor('wx.startRecord()\nconst first = wx[0]\n')).toBe(false);
    routing.add(RECORD);
    expect(routing.decision).toEqual({
      routeRecorderManager: true,
      routeBackgroundAudioManager: false,
      routeCanvasPixels: false,
    });
    expect(routing.undecidedFor(OWN_RECORDER.text)).toBe(false);
    // The player's option is still off; a computed or escaped member could reach it.
    for (const source of [OWN_PLAYER, COMPUTED, ESCAPED])
      expect(routing.undecidedFor(source.text), source.file).toBe(true);
    routing.add(BACKGROUND);
    expect(routing.undecidedFor(OWN_PLAYER.text)).toBe(false);
    // A helper's canvas export waits until a canvas moves, as do the computed and escaped members.
    for (const source of [OWN_EXPORT, COMPUTED, ESCAPED])
      expect(routing.undecidedFor(source.text), source.file).toBe(true);
    routing.add(MOVED_CANVAS);
    expect(routing.settled).toBe(true);
    for (const source of [OWN_PLAYER, OWN_EXPORT, COMPUTED, ESCAPED])
      expect(routing.undecidedFor(source.text), source.file).toBe(false);
  });

  it('ends where routingDecisionIn ends, whatever the order of the files', () => {
    const files = [OWN_RECORDER, BACKGROUND, ...NEAR_MISSES, OWN_PLAYER, RECORD];
    for (let shift = 0; shift < files.length; shift++) {
      const order = [...files.slice(shift), ...files.slice(0, shift)];
      const routing = new RoutingSoFar();
      for (const source of order) routing.add(source);
      expect(routing.decision).toEqual(routingDecisionIn(order));
      expect(routing.decision).toEqual({
        routeRecorderManager: true,
        routeBackgroundAudioManager: true,
        routeCanvasPixels: false,
      });
    }
  });
});

describe('ScopedRouting (the CLI: one decision per mini-program, Taro project, or the rest of the run)', () => {
  // A scope by the file's first folder; files at the top are in none (the run's scope).
  const scopeOf = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : undefined);
  const at = (file: string, text: string) => ({ file, text });

  it("decides each scope over its own files, and waits a file only on its own scope's options", () => {
    const routing = new ScopedRouting(scopeOf);
    routing.add(at('appA/rec.js', RECORD.text));
    expect(routing.decisionFor('appA/own.js')).toEqual({
      routeRecorderManager: true,
      routeBackgroundAudioManager: false,
      routeCanvasPixels: false,
    });
    expect(routing.decisionFor('appB/own.js')).toEqual({
      routeRecorderManager: false,
      routeBackgroundAudioManager: false,
      routeCanvasPixels: false,
    });
    expect(routing.undecidedFor('appA/own.js', 'const rm = wx.getRecorderManager()\n')).toBe(false);
    expect(routing.undecidedFor('appB/own.js', 'const rm = wx.getRecorderManager()\n')).toBe(true);
    routing.add(at('top.js', BACKGROUND.text));
    expect(routing.decisionFor('other.js')).toEqual({
      routeRecorderManager: false,
      routeBackgroundAudioManager: true,
      routeCanvasPixels: false,
    });
    expect(routing.decisionFor('appA/own.js').routeBackgroundAudioManager).toBe(false);
    // The run as a whole: on where it is on in at least one scope.
    expect(routing.any).toEqual({
      routeRecorderManager: true,
      routeBackgroundAudioManager: true,
      routeCanvasPixels: false,
    });
  });

  it('is routingDecisionIn where every file is in one scope', () => {
    const files = [RECORD, ...NEAR_MISSES].map((s) => at(s.file.replace('src/', ''), s.text));
    expect(scopedRoutingIn(files, scopeOf).decisionFor('any.js')).toEqual(routingDecisionIn(files));
    expect(scopedRoutingIn([], scopeOf).any).toEqual({
      routeRecorderManager: false,
      routeBackgroundAudioManager: false,
      routeCanvasPixels: false,
    });
  });
});

describe('routeCanvasPixels: on only where the codemod moves a canvas to Canvas 2D, with its template', () => {
  const PAGE_SCRIPT =
    "Page({\n  onReady() {\n    const ctx = wx.createCanvasContext('poster')\n    ctx.setFillStyle('red')\n    ctx.draw()\n  },\n})\n";
  const movesACanvas = (sources: { file: string; text: string }[]) => routingDecisionIn(sources).routeCanvasPixels;
  const dirs: string[] = [];
  const tempDir = () => {
    dirs.push(fs.mkdtempSync(path.join(os.tmpdir(), 'routing-canvas-')));
    return dirs[dirs.length - 1]!;
  };
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A native page's script with its `.wxml` beside it, in a folder of its own. */
  function pageOnDisk(wxml: string | null): { file: string; text: string } {
    const dir = tempDir();
    const file = path.join(dir, 'poster.js');
    fs.writeFileSync(file, PAGE_SCRIPT);
    if (wxml !== null) fs.writeFileSync(path.join(dir, 'poster.wxml'), wxml);
    return { file, text: PAGE_SCRIPT };
  }

  it("a page whose .wxml the codemod writes, and a template in the file (Taro's JSX, a Vue <script setup>)", () => {
    expect(movesACanvas([pageOnDisk('<canvas canvas-id="poster"></canvas>\n')])).toBe(true);
    expect(movesACanvas([MOVED_CANVAS])).toBe(true);
    const vueSetup =
      "<template>\n  <canvas canvas-id=\"badge\" />\n</template>\n\n<script setup>\nimport Taro from '@tarojs/taro'\nimport { onMounted } from 'vue'\n\nonMounted(() => {\n  const ctx = Taro.createCanvasContext('badge')\n  ctx.draw()\n})\n</script>\n";
    expect(movesACanvas([{ file: 'src/Badge.vue', text: vueSetup }])).toBe(true);
    // Without <script setup> its template cannot read the runtime's canvasType: the canvas stays, and nothing routes.
    const vuePlain = vueSetup
      .replace('<script setup>', '<script>')
      .replace("import { onMounted } from 'vue'\n\nonMounted(() => {", 'export default {\n  mounted() {')
      .replace('\n})\n</script>', '\n  },\n}\n</script>');
    expect(movesACanvas([{ file: 'src/Badge.vue', text: vuePlain }])).toBe(false);
  });

  it('not a canvas without its template, nor one that stays legacy with its setters written as properties (C5)', () => {
    const alone = pageOnDisk(null);
    expect(movesACanvas([alone])).toBe(false);
    // An id unlike the canvas-id keeps the canvas legacy; the rewrite still changes the file (fillStyle = …).
    const stays = pageOnDisk('<canvas canvas-id="poster" id="other"></canvas>\n');
    expect(movesACanvas([stays])).toBe(false);
    expect(movesACanvas([{ file: 'src/comment.js', text: "// wx.createCanvasContext('poster')\n" }])).toBe(false);
  });

  it("counts a canvas moved by an earlier run: a file that imports the runtime's createCanvasContext", () => {
    const migrated =
      "import { createCanvasContext } from 'record-compat-runtime'\ncreateCanvasContext('poster').draw()\n";
    expect(movesACanvas([{ file: 'src/a.js', text: migrated }])).toBe(true);
  });

  it("with the build's templates (Taro's JSX only): a canvas in the component's JSX moves, one in a .wxml does not", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'rec.js'), RECORD.text);
    fs.mkdirSync(path.join(dir, 'poster'));
    fs.writeFileSync(path.join(dir, 'poster/poster.js'), PAGE_SCRIPT);
    fs.writeFileSync(path.join(dir, 'poster/poster.wxml'), '<canvas canvas-id="poster"></canvas>\n');
    // The codemod writes the .wxml and moves its canvas; the build writes no .wxml, so nothing moves there.
    expect(treeRouting([dir], { gitignore: false }).decision.routeCanvasPixels).toBe(true);
    expect(treeRouting([dir], { gitignore: false }, 'jsx')).toEqual({
      decision: { routeRecorderManager: true, routeBackgroundAudioManager: false, routeCanvasPixels: false },
      causes: { routeRecorderManager: { file: path.join(dir, 'rec.js'), migrated: false } },
    });
    fs.writeFileSync(path.join(dir, 'Ring.jsx'), MOVED_CANVAS.text);
    expect(treeRouting([dir], { gitignore: false }, 'jsx').causes.routeCanvasPixels).toEqual({
      file: path.join(dir, 'Ring.jsx'),
      migrated: false,
    });
    // A door that writes no template moves none.
    const none = new RoutingSoFar(false);
    none.add(MOVED_CANVAS);
    expect(none.decision.routeCanvasPixels).toBe(false);
    const jsx = new RoutingSoFar('jsx');
    jsx.add(MOVED_CANVAS);
    expect(jsx.decision.routeCanvasPixels).toBe(true);
  });
});
