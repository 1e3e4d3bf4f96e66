#!/usr/bin/env node
/**
 * bench:canvas — what the legacy canvas runtime costs a frame (docs/contract.md, trap 7: animations and
 * signature pads call draw(true) dozens of times a second).
 *
 * In Chromium (Debian's, /usr/bin/chromium, driven by playwright-core), at pixel ratio 2, on a
 * 320×200 canvas: each frame makes the same 50 legacy calls (strokes, rectangles, an arc, a
 * translation inside save/restore, setters) either through the runtime's context and draw(true),
 * awaited, or directly on the 2D context (setters as properties) as hand-migrated code would, then
 * reads one pixel back (the canvas made for it, willReadFrequently), so that each frame's drawing
 * is done and paid for on both sides, and yields (awaits), as a frame ends in an app. Frames run back to back, each way in a page of its own, the
 * order alternating by round; a page first draws WARM_UP frames untimed (an animation that has run
 * for some seconds: the engine has optimized its code), then FRAMES timed ones. What is compared
 * is the renderer main thread's CPU time (CDP Performance.getMetrics' ThreadTime), not wall time: the
 * host's other processes stay out of it. The figures a frame are medians of the rounds; the ratio is the median of
 * the rounds' own ratios. Target: the runtime ≤ 1.10× direct.
 *
 *   npm run bench:canvas                      # 9 rounds (and one dropped) of 600 frames each way
 *   BENCH_ROUNDS=15 BENCH_FRAMES=1200 npm run bench:canvas
 *   BENCH_VERBOSE=1 npm run bench:canvas      # each round's figures on stderr
 *   node scripts/bench-canvas.mjs --smoke     # 1 round of 60 frames after 60: seconds
 *   node scripts/bench-canvas.mjs --json
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { median } from './lib/measure.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = '/usr/bin/chromium';
const SMOKE = process.argv.includes('--smoke');
const ROUNDS = SMOKE ? 1 : Number(process.env.BENCH_ROUNDS) || 9;
const FRAMES = SMOKE ? 60 : Number(process.env.BENCH_FRAMES) || 600;
const WARM_UP = SMOKE ? 60 : 3000;
const TARGET = 1.1;

/**
 * The page's script: the runtime's canvas family over a `wx` that hands out the page's <canvas> as
 * WeChat's Canvas 2D node, and the two ways of drawing a frame. `legacyFrame` and `directFrame` make
 * the same 50 calls.
 */
const PAGE = `
import { createCanvasCompat } from ${JSON.stringify(path.join(ROOT, 'src/runtime/canvas.ts'))};

const wx = {
  createSelectorQuery() {
    const q = {
      in: () => q,
      select: (selector) => ({ fields: () => ({ exec: (cb) => {
        const node = document.querySelector(selector);
        node.createImage = () => new Image();
        const box = node.getBoundingClientRect();
        setTimeout(() => cb([{ node, width: box.width, height: box.height }]), 0);
      } }) }),
    };
    return q;
  },
  createOffscreenCanvas: () => new OffscreenCanvas(300, 150),
  getWindowInfo: () => ({ pixelRatio: devicePixelRatio }),
};
const [createCanvasContext] = createCanvasCompat(() => wx, () => wx, () => []);

function legacyFrame(ctx, i) {
  const x = i % 200;
  ctx.setStrokeStyle('#1a1a1a');
  ctx.setLineWidth(3);
  ctx.setLineCap('round');
  ctx.setLineJoin('round');
  ctx.beginPath();
  for (let k = 0; k < 16; k++) {
    ctx.moveTo(x + k * 8, 20 + (k % 3) * 10);
    ctx.lineTo(x + k * 8 + 6, 30 + (k % 4) * 10);
  }
  ctx.stroke();
  ctx.setFillStyle('rgba(0, 120, 255, 0.5)');
  ctx.fillRect(x, 100, 20, 20);
  ctx.setFillStyle('#e64340');
  ctx.fillRect(x + 30, 100, 20, 20);
  ctx.save();
  ctx.translate(160, 100);
  ctx.beginPath();
  ctx.arc(0, 0, 10 + (i % 20), 0, Math.PI);
  ctx.fill();
  ctx.restore();
  ctx.setGlobalAlpha(1);
  ctx.clearRect(0, 180, 320, 20);
}

function directFrame(ctx, i) {
  const x = i % 200;
  ctx.strokeStyle = '#1a1a1a';
  ctx.lineWidth = 3;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.beginPath();
  for (let k = 0; k < 16; k++) {
    ctx.moveTo(x + k * 8, 20 + (k % 3) * 10);
    ctx.lineTo(x + k * 8 + 6, 30 + (k % 4) * 10);
  }
  ctx.stroke();
  ctx.fillStyle = 'rgba(0, 120, 255, 0.5)';
  ctx.fillRect(x, 100, 20, 20);
  ctx.fillStyle = '#e64340';
  ctx.fillRect(x + 30, 100, 20, 20);
  ctx.save();
  ctx.translate(160, 100);
  ctx.beginPath();
  ctx.arc(0, 0, 10 + (i % 20), 0, Math.PI);
  ctx.fill();
  ctx.restore();
  ctx.globalAlpha = 1;
  ctx.clearRect(0, 180, 320, 20);
}

/** \`frames\` frames through the runtime: each frame's draw(true) awaited, then a pixel read. */
async function runtime(frames) {
  const node = document.querySelector('#canvas');
  const ctx = createCanvasContext('canvas');
  await new Promise((r) => ctx.draw(false, r));
  const raw = node.getContext('2d');
  for (let i = 0; i < frames; i++) {
    legacyFrame(ctx, i);
    await new Promise((r) => ctx.draw(true, r));
    raw.getImageData(0, 0, 1, 1);
  }
}

/** \`frames\` frames drawn directly on the 2D context, sized and scaled as the runtime sizes its node, each then yielding. */
async function direct(frames) {
  const node = document.querySelector('#canvas');
  const box = node.getBoundingClientRect();
  node.width = Math.round(box.width * devicePixelRatio);
  node.height = Math.round(box.height * devicePixelRatio);
  const ctx = node.getContext('2d');
  ctx.scale(devicePixelRatio, devicePixelRatio);
  for (let i = 0; i < frames; i++) {
    directFrame(ctx, i);
    ctx.getImageData(0, 0, 1, 1);
    // Frames are tasks of their own in an app (a touch, a timer): each yields, as the runtime's awaited draw does.
    await null;
  }
}

// The canvas is read back at every frame: made for it (willReadFrequently), so that it does not change its mode midway.
document.querySelector('#canvas').getContext('2d', { willReadFrequently: true });

globalThis.bench = { runtime, direct };
`;

const HTML =
  '<!doctype html><meta charset="utf-8"><body>' +
  '<canvas id="canvas" style="width:320px;height:200px"></canvas><script src="/main.js"></script>';

async function main() {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`bench:canvas needs Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  const bundle = await build({
    stdin: { contents: PAGE, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0].text;
  const server = http.createServer((req, res) => {
    const js = req.url === '/main.js';
    res.writeHead(200, { 'content-type': js ? 'text/javascript' : 'text/html' });
    res.end(js ? script : HTML);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const rounds = { runtime: [], direct: [] };
    for (let round = 0; round < ROUNDS + (SMOKE ? 0 : 1); round++) {
      // Each way in a page of its own, the order alternating; the first round (not in a smoke run) warms up and is
      // dropped.
      const order = round % 2 ? ['direct', 'runtime'] : ['runtime', 'direct'];
      const took = {};
      for (const way of order) {
        const page = await browser.newPage({ deviceScaleFactor: 2 });
        await page.goto(`http://127.0.0.1:${server.address().port}/`);
        await page.waitForFunction(() => 'bench' in globalThis);
        // The main thread's CPU time (CDP's ThreadTime): on a busy host, wall time measures the other processes too.
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
        const threadTime = async () =>
          (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime').value * 1000;
        // Steady state, as an animation that runs for seconds is: WARM_UP frames first, untimed.
        await page.evaluate(([way, frames]) => globalThis.bench[way](frames), [way, WARM_UP]);
        const before = await threadTime();
        await page.evaluate(([way, frames]) => globalThis.bench[way](frames), [way, FRAMES]);
        took[way] = (await threadTime()) - before;
        await page.close();
      }
      if (SMOKE || round > 0) for (const way of order) rounds[way].push(took[way]);
      if (process.env.BENCH_VERBOSE)
        console.error(round, order.map((w) => `${w} ${((took[w] / FRAMES) * 1000).toFixed(0)}`).join(' '));
    }
    const perFrame = (way) => (median(rounds[way]) / FRAMES) * 1000;
    // Each round's two pages ran side by side: the median of the rounds' own ratios leaves the host's drift out.
    const ratio = median(rounds.runtime.map((t, i) => t / rounds.direct[i]));
    const result = {
      chromium: browser.version(),
      rounds: ROUNDS,
      frames: FRAMES,
      warmUp: WARM_UP,
      callsPerFrame: 50,
      directMicrosecondsPerFrame: Math.round(perFrame('direct')),
      runtimeMicrosecondsPerFrame: Math.round(perFrame('runtime')),
      ratio: Number(ratio.toFixed(3)),
      target: TARGET,
      met: ratio <= TARGET,
    };
    if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
    else
      console.log(
        `Chromium ${result.chromium}, pixel ratio 2, ${ROUNDS} round(s) of ${FRAMES} frames after ${WARM_UP}, ` +
          `50 legacy calls a frame, main-thread CPU time, medians of the rounds:\n` +
          `  directly on the 2D context: ${result.directMicrosecondsPerFrame} µs a frame\n` +
          `  through the runtime, draw(true) awaited: ${result.runtimeMicrosecondsPerFrame} µs a frame\n` +
          `  ratio ${ratio.toFixed(3)} (+${((ratio - 1) * 100).toFixed(1)} %, the rounds' own ratios' median), target ≤ ${TARGET}: ${result.met ? 'met' : 'NOT met'}`,
      );
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
