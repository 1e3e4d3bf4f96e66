/*
 * The proof of docs/contract.md, Decision C6, in Chromium: each program of test/h5/canvas-programs
 * (a WeChat page's index.js and index.wxml) is bundled twice, as written over Taro H5's legacy
 * CanvasContext (reference-wx.ts), and as the codemod writes it (the built CLI, run over a
 * mini-program whose pages are the programs: its scripts, templates and copy of the runtime) over
 * WeChat's Canvas 2D on the browser's canvas (canvas2d-wx.ts); each runs in its own page, driven as
 * a user would, and every canvas is read back for comparison.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { build } from 'esbuild';
import { createCanvas, Image } from '@napi-rs/canvas';
import type { Page } from 'playwright-core';
import { runProcess } from '../../helpers/process';
import { makeTempProject, type Tree } from '../../helpers/temp-project';
import { ROOT, TMP, launch, serve } from '../harness';

export const PROGRAMS = path.join(__dirname, '..', 'canvas-programs');
export const OUT = path.join(TMP, 'canvas-proof');
export type Side = 'original' | 'migrated';
export interface Bitmap {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** A program's source: its page code and template. */
export function programSource(name: string): { js: string; wxml: string } {
  const dir = path.join(PROGRAMS, name);
  return {
    js: fs.readFileSync(path.join(dir, 'index.js'), 'utf8'),
    wxml: fs.readFileSync(path.join(dir, 'index.wxml'), 'utf8'),
  };
}

/** The codemod as a user runs it: the built CLI. */
const BIN = path.join(ROOT, 'dist', 'src', 'cli', 'bin.js');

/** What the codemod's run over the programs said (its --json report), and the mini-program it migrated. */
export interface Migration {
  project: string;
  report: { exitCode: number; manualReview: unknown[]; files: { path: string; status: string }[] };
}

/**
 * Runs the codemod over a native mini-program (app.json, project.config.json) whose pages are the programs
 * (pages/<name>/index.js and index.wxml), in a git repository with everything committed, as a user runs it:
 * `npx taro-plugin-record-compat` in the project's folder. It writes the scripts, their templates and the runtime's
 * copy (utils/record-compat.js) there.
 */
export async function migratePrograms(names: readonly string[]): Promise<Migration> {
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: run \`node scripts/build.mjs\` first`);
  const tree: Tree = {
    'app.json': JSON.stringify({ pages: names.map((name) => `pages/${name}/index`) }),
    'project.config.json': JSON.stringify({ miniprogramRoot: './' }),
  };
  for (const name of names) {
    const { js, wxml } = programSource(name);
    tree[`pages/${name}/index.js`] = js;
    tree[`pages/${name}/index.wxml`] = wxml;
  }
  const project = makeTempProject(tree, { prefix: 'canvas-proof-' });
  const run = await runProcess(process.execPath, [BIN, '--json'], {
    cwd: project,
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`the codemod failed (exit ${run.status}): ${run.stderr}${run.stdout}`);
  return { project, report: JSON.parse(run.stdout) };
}

/** The program as the codemod wrote it: its script's path in the migrated project, and its template. */
export function migratedProgram(migration: Migration, name: string): { file: string; wxml: string } {
  const page = path.join(migration.project, 'pages', name);
  return { file: path.join(page, 'index.js'), wxml: fs.readFileSync(path.join(page, 'index.wxml'), 'utf8') };
}

/**
 * Bundles `name` as `side` into OUT/<name>/<side>/, with an index.html that runs it: the original from the program's
 * folder, the migrated one from the project `migration` wrote (the runtime's copy it requires comes along).
 */
export async function buildProgram(name: string, side: Side, migration?: Migration): Promise<void> {
  const dir = path.join(OUT, name, side);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const { file: program, wxml } =
    side === 'original'
      ? { file: path.join(PROGRAMS, name, 'index.js'), wxml: programSource(name).wxml }
      : migratedProgram(migration!, name);
  const require = createRequire(__filename);
  const platform = path.join(__dirname, side === 'original' ? 'reference-wx.ts' : 'canvas2d-wx.ts');
  await build({
    stdin: {
      contents: [platform, path.join(__dirname, 'page-runtime.ts'), program]
        .map((f) => `import ${JSON.stringify(f)};`)
        .join('\n'),
      resolveDir: dir,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    target: 'es2020',
    outfile: path.join(dir, 'main.js'),
    define: { __WXML__: JSON.stringify(wxml) },
    // The repository's package.json says `sideEffects: false`: these imports are nothing but their side effects.
    ignoreAnnotations: true,
    alias: { 'taro-h5-canvas-context': require.resolve('@tarojs/taro-h5/dist/api/canvas/CanvasContext.js') },
    // The packages a program requires (qrcode-generator) resolve as its mini-program's npm build would hand them.
    nodePaths: [path.join(ROOT, 'node_modules')],
    logLevel: 'silent',
  });
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>${name} (${side})</title><body style="margin:0"><div id="page"></div><script src="main.js"></script>`,
  );
}

/** The images the programs draw, made here (nothing copied in): served at /images/… */
export function writeImages(): void {
  const dir = path.join(OUT, 'images');
  fs.mkdirSync(dir, { recursive: true });
  // What the server answers for a path it lacks (the browser asks for /favicon.ico).
  fs.writeFileSync(path.join(OUT, 'index.html'), '<!doctype html><title>canvas proof</title>');
  const png = (file: string, width: number, height: number, paint: (ctx: any) => void) => {
    const canvas = createCanvas(width, height);
    paint(canvas.getContext('2d'));
    fs.writeFileSync(path.join(dir, file), canvas.toBuffer('image/png'));
  };
  png('background.png', 300, 460, (ctx) => {
    const g = ctx.createLinearGradient(0, 0, 300, 460);
    g.addColorStop(0, '#4facfe');
    g.addColorStop(1, '#8e2de2');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, 300, 460);
    ctx.fillStyle = 'rgba(255,255,255,0.25)';
    for (let i = 0; i < 12; i++) ctx.fillRect(i * 29, (i * 37) % 120, 14, 14);
  });
  png('avatar.png', 96, 96, (ctx) => {
    ctx.fillStyle = '#ffe0b2';
    ctx.fillRect(0, 0, 96, 96);
    ctx.fillStyle = '#6d4c41';
    ctx.beginPath();
    ctx.arc(48, 40, 22, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillRect(18, 66, 60, 30);
  });
  png('logo.png', 64, 64, (ctx) => {
    ctx.fillStyle = '#07c160';
    ctx.fillRect(0, 0, 64, 64);
    ctx.fillStyle = '#ffffff';
    ctx.font = 'bold 36px sans-serif';
    ctx.fillText('W', 14, 46);
  });
}

/** Decodes a PNG data URL into its pixels. */
function decode(dataUrl: string): Bitmap {
  const image = new Image();
  image.src = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return ctx.getImageData(0, 0, image.width, image.height);
}

/** How a test drives a program once its page is ready, and when it has finished (an expression over `page.data`). */
export interface Drive {
  done: string;
  script?: (page: Page) => Promise<void>;
}

/** Two strokes of a signature, each a move every few ms, as touch events come. */
export async function signTwoStrokes(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const p = (window as unknown as { proofPage: Record<string, (e?: unknown) => void> }).proofPage;
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await sleep(50);
    const touch = (name: string, x: number, y: number) =>
      p[name]!({ type: name, touches: [{ x, y }], changedTouches: [{ x, y }] });
    const strokes = [
      (t: number) => [30 + 240 * t, 120 - 60 * Math.sin(t * Math.PI * 2.5)],
      (t: number) => [60 + 180 * t, 150 + 25 * Math.cos(t * Math.PI * 4)],
    ];
    for (const stroke of strokes) {
      const [x0, y0] = stroke(0);
      touch('touchStart', x0!, y0!);
      for (let i = 1; i <= 40; i++) {
        await sleep(4);
        const [x, y] = stroke(i / 40);
        touch('touchMove', x!, y!);
      }
      await sleep(4);
      p.touchEnd!({ type: 'touchEnd', touches: [] });
    }
  });
}

/** Chromium serving OUT; `run` opens a program's side in a fresh page, drives it and reads its canvases. */
export async function openProof(): Promise<{
  run: (name: string, side: Side, drive: Drive, query?: string) => Promise<Bitmap[]>;
  close: () => Promise<void>;
}> {
  const server = await serve(OUT);
  const browser = await launch({ grant: false, fakeDevice: false });
  return {
    run: async (name, side, drive, query = '') => {
      const page = await browser.context.newPage();
      try {
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`${server.url}${name}/${side}/index.html${query}`);
        await page.waitForFunction(() => 'proofPage' in window, undefined, { timeout: 30_000 });
        await drive.script?.(page);
        await page.waitForFunction(
          `(() => { const data = window.proofPage.data; return !!(${drive.done}); })()`,
          undefined,
          {
            timeout: 30_000,
          },
        );
        // The last draws the finishing state does not wait for (a frame, a move) settle.
        await page.waitForTimeout(250);
        if (errors.length) throw new Error(`${name} (${side}): ${errors.join('; ')}`);
        const canvases = (await page.evaluate('window.proof.canvases()')) as { png: string }[];
        return canvases.map((c) => decode(c.png));
      } finally {
        await page.close();
      }
    },
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Whether pixels i and j (byte offsets) of two bitmaps differ in a channel by more than `tolerance`. */
const unlike = (a: Bitmap, i: number, b: Bitmap, j: number, tolerance: number) =>
  [0, 1, 2, 3].some((k) => Math.abs(a.data[i + k]! - b.data[j + k]!) > tolerance);

/**
 * How many pixels of `b` differ from `a` beyond anti-aliasing's rounding (a channel by more than `tolerance`), and how
 * many of `a` are drawn over: unlike its first pixel (a ground of one colour is not a drawing).
 */
export function compare(a: Bitmap, b: Bitmap, tolerance = 2): { differing: number; drawn: number; total: number } {
  if (a.width !== b.width || a.height !== b.height)
    throw new Error(`sizes differ: ${a.width}×${a.height} vs ${b.width}×${b.height}`);
  let differing = 0;
  let drawn = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (unlike(a, i, b, i, tolerance)) differing++;
    if (unlike(a, i, a, 0, tolerance)) drawn++;
  }
  return { differing, drawn, total: a.data.length / 4 };
}
