/*
 * A real browser for the H5 recorder's tests: Debian's Chromium driven by playwright-core,
 * a fake microphone that plays a WAV file this module writes, and a localhost page whose
 * script esbuild bundles from the runtime's sources.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

import { ROOT } from '../helpers/paths';
import { EXAMPLE } from '../e2e/helpers/example';

export { ROOT };
export const TMP = path.join(ROOT, '.tmp');
export const CHROMIUM = '/usr/bin/chromium';

/** Why the browser tests cannot run here, or undefined when they can. */
export function browserMissing(): string | undefined {
  if (fs.existsSync(CHROMIUM)) return undefined;
  return `no Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium; .ci/run does) to run the H5 recorder's browser tests`;
}

/** The fake microphone's sound: a sine per channel (left 440 Hz, right 660 Hz), 16-bit WAV. */
export const TONE = { sampleRate: 48000, seconds: 30, hz: [440, 660], amplitude: 0.5 };

export function writeToneWav(file: string, t = TONE): string {
  const frames = t.sampleRate * t.seconds;
  const channels = t.hz.length;
  const b = Buffer.alloc(44 + frames * channels * 2);
  b.write('RIFF', 0, 'ascii');
  b.writeUInt32LE(36 + frames * channels * 2, 4);
  b.write('WAVEfmt ', 8, 'ascii');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(channels, 22);
  b.writeUInt32LE(t.sampleRate, 24);
  b.writeUInt32LE(t.sampleRate * channels * 2, 28);
  b.writeUInt16LE(channels * 2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36, 'ascii');
  b.writeUInt32LE(frames * channels * 2, 40);
  for (let i = 0; i < frames; i++)
    for (let c = 0; c < channels; c++)
      b.writeInt16LE(
        Math.round(t.amplitude * 32767 * Math.sin((2 * Math.PI * t.hz[c]! * i) / t.sampleRate)),
        44 + (i * channels + c) * 2,
      );
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, b);
  return file;
}

/** Bundles the test page (test/h5/page/main.ts) into `dir`, code-split as an app's bundler would. */
export async function bundlePage(dir: string): Promise<string[]> {
  fs.rmSync(dir, { recursive: true, force: true });
  const r = await build({
    entryPoints: { main: path.join(__dirname, 'page/main.ts') },
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2020',
    outdir: dir,
    alias: { '@tarojs/taro': path.join(__dirname, 'page/taro-h5.ts') },
    // The sources ask whether they are in a Taro build for WeChat; an H5 app's bundler (Taro's) answers `h5`.
    define: { 'process.env.TARO_ENV': '"h5"' },
    metafile: true,
    logLevel: 'silent',
  });
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>record-compat H5</title><body><h1>record-compat H5 recorder</h1><script type="module" src="/main.js"></script></body>',
  );
  return Object.keys(r.metafile.outputs).map((f) => path.relative(dir, path.resolve(ROOT, f)));
}

/**
 * Bundles a page (test/h5/page/<name>.ts) over modules of the example app's own Taro H5 into `dir`,
 * with an index.html that loads it: `alias` maps the names the page imports to Taro H5's files,
 * which resolve their imports from the app with process.env defined, as Taro's own build has them.
 */
export async function bundleTaroH5Page(
  name: string,
  dir: string,
  appModules: string,
  alias: Record<string, string>,
): Promise<void> {
  fs.rmSync(dir, { recursive: true, force: true });
  await build({
    entryPoints: { main: path.join(__dirname, `page/${name}.ts`) },
    bundle: true,
    format: 'esm',
    target: 'es2020',
    outdir: dir,
    alias,
    nodePaths: [appModules],
    define: {
      'process.env.NODE_ENV': '"production"',
      'process.env.TARO_ENV': '"h5"',
      'process.env.TARO_PLATFORM': '"web"',
    },
    banner: { js: 'var process = { env: {} };' },
    logLevel: 'silent',
  });
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>${name}</title><button id="play">play</button><script type="module" src="/main.js"></script>`,
  );
}

/**
 * A published Taro package (`@tarojs/<name>` at `version`), unpacked (not installed: its imports
 * resolve from the example app, as bundleTaroH5Page has them) into .tmp once; returns its folder.
 */
export function taroPackage(name: string, version: string): string {
  const dir = path.join(TMP, `tarojs-${name}-${version}`);
  const pkg = path.join(dir, 'package');
  if (fs.existsSync(path.join(pkg, 'package.json'))) return pkg;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const tarball = execFileSync('npm', ['pack', `@tarojs/${name}@${version}`, '--pack-destination', dir, '--silent'], {
    cwd: dir,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .pop()!;
  execFileSync('tar', ['xzf', path.join(dir, tarball)], { cwd: dir });
  return pkg;
}

/**
 * A page (test/h5/page/<name>.ts, bundled as bundleTaroH5Page does over the example app's modules)
 * served with a 20 s tone (`/tone.wav`) and open in Chromium, whose autoplay policy lets it play
 * at once (music pages start on a tap), once the page has set `window.page`. close() ends both.
 */
export async function openTaroH5Page(
  name: string,
  dir: string,
  alias: Record<string, string>,
): Promise<{ page: Page; close: () => Promise<void> }> {
  await bundleTaroH5Page(name, dir, path.join(EXAMPLE, 'node_modules'), alias);
  writeToneWav(path.join(dir, 'tone.wav'), { sampleRate: 8000, seconds: 20, hz: [440], amplitude: 0.5 });
  const server = await serve(dir);
  const browser = await launch({ grant: false, args: ['--autoplay-policy=no-user-gesture-required'] });
  const page = await browser.context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => 'page' in window, undefined, { timeout: 60_000 });
  return {
    page,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
  '.wav': 'audio/wav',
};

/**
 * Serves `dir` on 127.0.0.1 (a secure context for the browser, as localhost is). Unknown paths fall back to index.html.
 */
export async function serve(dir: string): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = path.join(dir, p);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory())
      file = path.join(dir, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, port, close: () => new Promise((r) => server.close(() => r())) };
}

export interface LaunchOptions {
  /** The WAV the fake microphone plays; none: Chromium's own beeps. */
  microphone?: string;
  /** Accept the microphone prompt (--use-fake-ui-for-media-stream). Without it headless Chromium refuses. */
  grant: boolean;
  /** A fake microphone (default); false: the machine's own devices (none on a server). */
  fakeDevice?: boolean;
  args?: string[];
}

/** Chromium with the flags this machine needs (no network but loopback), in a new profile; close() removes it. */
export async function launch(o: LaunchOptions): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(TMP, 'chromium-profile-'));
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    ...(o.fakeDevice === false ? [] : ['--use-fake-device-for-media-stream']),
    ...(o.microphone ? [`--use-file-for-fake-audio-capture=${o.microphone}`] : []),
    ...(o.grant ? ['--use-fake-ui-for-media-stream'] : []),
    ...(o.args ?? []),
  ];
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    },
  };
}
