/**
 * Packaging: what `npm pack` ships must be enough for a user. The tarball is
 * installed into a copy of the example app (no link to this repository), its
 * entry points, bin and types are exercised, and the app is built with it —
 * including a strict build that must fail and an invalid option that must be
 * reported by name.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanDist } from './helpers/scan-dist';
import {
  EXAMPLE,
  ROOT,
  RUNTIME_MARKER,
  TMP,
  buildExample,
  cleanEnv,
  countLegacyCallsInSource,
  run,
  summaryLines,
} from './helpers/example';

/** Tests that run a Taro build or tsc: minutes on a loaded 2-core machine. */
const SLOW = 300_000;

const PACK_DIR = path.join(TMP, 'pack');
const APP = path.join(TMP, 'pack-app');
let tarball = '';
let tarFiles: string[] = [];

const rootPkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function copyExample(): void {
  fs.rmSync(APP, { recursive: true, force: true });
  fs.mkdirSync(APP, { recursive: true });
  for (const entry of fs.readdirSync(EXAMPLE)) {
    if (entry === 'node_modules' || entry === 'dist' || entry === '.swc') continue;
    fs.cpSync(path.join(EXAMPLE, entry), path.join(APP, entry), { recursive: true });
  }
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist/src/taro-plugin/index.js'))) {
    throw new Error('the package is not built: run `npm run build` first (npm test does)');
  }
  fs.rmSync(PACK_DIR, { recursive: true, force: true });
  fs.mkdirSync(PACK_DIR, { recursive: true });
  const packed = await run('npm', ['pack', '--json', '--pack-destination', PACK_DIR], { cwd: ROOT, env: cleanEnv() });
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.output}`);
  const info = JSON.parse(packed.output.slice(packed.output.indexOf('[')));
  tarball = path.join(PACK_DIR, info[0].filename);
  tarFiles = info[0].files.map((f: { path: string }) => f.path);

  copyExample();
  const pkgPath = path.join(APP, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
  pkg.dependencies['taro-plugin-record-compat'] = `file:${tarball}`;
  fs.writeFileSync(pkgPath, JSON.stringify(pkg, null, 2));
  const installed = await run('npm', ['install', '--no-audit', '--no-fund'], { cwd: APP, env: cleanEnv(), timeoutMs: 20 * 60_000 });
  if (installed.code !== 0) throw new Error(`npm install of the tarball failed:\n${installed.output.slice(-4000)}`);
}, 1_200_000);

describe('npm pack', () => {
  it('ships the built code and no sources or tests', () => {
    expect(tarFiles).toContain('package.json');
    expect(tarFiles).toContain('dist/src/taro-plugin/index.js');
    expect(tarFiles).toContain('dist/src/taro-plugin/index.d.ts');
    expect(tarFiles).toContain('dist/src/babel.js');
    expect(tarFiles.some((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('examples/'))).toBe(false);
  });

  it('every export and the bin point at files in the tarball', () => {
    const targets: string[] = [];
    const collect = (v: unknown) => {
      if (typeof v === 'string') targets.push(v.replace(/^\.\//, ''));
      else if (v && typeof v === 'object') Object.values(v).forEach(collect);
    };
    collect(rootPkg.exports);
    collect(rootPkg.bin);
    collect(rootPkg.main);
    collect(rootPkg.types);
    expect(targets.length).toBeGreaterThan(10);
    const missing = targets.filter((t) => !tarFiles.includes(t));
    expect(missing).toEqual([]);
  });
});

describe('installed from the tarball into a copy of the example', () => {
  const installedDir = () => path.join(APP, 'node_modules/taro-plugin-record-compat');

  it('is a real copy, not a link to this repository', () => {
    expect(fs.lstatSync(installedDir()).isSymbolicLink()).toBe(false);
    expect(fs.existsSync(path.join(installedDir(), 'src'))).toBe(false);
  });

  it('resolves its entry points the way Node and Taro load them', () => {
    // The runtime needs a Taro build (its @tarojs/taro import expects build-time
    // constants), so it is resolved here, not run; the build below runs it.
    const script = `
      const plugin = require('taro-plugin-record-compat');
      const babel = require('taro-plugin-record-compat/babel');
      const taroDefault = plugin.__esModule ? plugin.default : plugin;
      console.log(JSON.stringify({
        plugin: typeof plugin, taroDefault: typeof taroDefault, babel: typeof (babel.default || babel),
        runtime: require.resolve('taro-plugin-record-compat/runtime'),
        pkg: require.resolve('taro-plugin-record-compat/package.json'),
      }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: APP, env: cleanEnv() }).toString());
    expect(out.plugin).toBe('function');
    expect(out.taroDefault).toBe('function');
    expect(out.babel).toBe('function');
    expect(out.runtime).toBe(path.join(installedDir(), 'dist/src/runtime/taro.js'));
    expect(out.pkg.startsWith(installedDir())).toBe(true);
  });

  it('has a working bin', async () => {
    const bin = path.join(APP, 'node_modules/.bin/taro-plugin-record-compat');
    expect(fs.existsSync(bin)).toBe(true);
    const res = await run(bin, ['--help'], { cwd: APP, env: cleanEnv() });
    expect(res.code).toBe(0);
    expect(res.output.length).toBeGreaterThan(20);
  }, SLOW);

  it('has types a TypeScript user can import', async () => {
    fs.writeFileSync(
      path.join(APP, 'types-check.ts'),
      [
        "import type { RecordCompatPluginOptions } from 'taro-plugin-record-compat'",
        "import { startRecord, stopRecord } from 'taro-plugin-record-compat/runtime'",
        "const options: RecordCompatPluginOptions = { durationMs: 30000, strict: true }",
        'startRecord({ success: (res) => console.log(res.tempFilePath.length, options) })',
        'stopRecord()',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(APP, 'tsconfig.types-check.json'),
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, module: 'esnext', moduleResolution: 'bundler', target: 'es2020', skipLibCheck: false, types: [] },
        files: ['types-check.ts'],
      }),
    );
    const tsc = path.join(APP, 'node_modules/typescript/bin/tsc');
    const res = await run(process.execPath, [tsc, '-p', 'tsconfig.types-check.json'], { cwd: APP, env: cleanEnv() });
    // Full lib checking is on, so errors inside other packages' typings (webpack,
    // @tarojs/components) show up too; this package's typings and the user file must be clean.
    const ours = res.output.split('\n').filter((l) => /taro-plugin-record-compat|types-check\.ts/.test(l));
    expect(ours).toEqual([]);
    expect(res.output).not.toMatch(/Cannot find module 'taro-plugin-record-compat/);
  }, SLOW);

  it('builds the app for weapp: every legacy call rewritten, runtime once', async () => {
    const b = await buildExample({ appDir: APP, platform: 'weapp', compiler: 'webpack5', out: 'dist/weapp' });
    console.log(`[e2e] packed install: taro build weapp (webpack5): ${(b.ms / 1000).toFixed(1)} s`);
    expect(b.code, b.output.slice(-3000)).toBe(0);
    const n = countLegacyCallsInSource(path.join(APP, 'src'));
    expect(summaryLines(b.output)).toEqual([`[record-compat] rewrote ${n} legacy record calls in 3 files; nothing left for manual review`]);
    const scan = scanDist(b.dist, RUNTIME_MARKER);
    expect(scan.legacy).toEqual([]);
    expect(scan.runtimeFiles).toHaveLength(1);
  }, SLOW);

  it('reports a bad option by name with the allowed values, before building', async () => {
    const b = await buildExample({ appDir: APP, platform: 'weapp', compiler: 'webpack5', out: 'dist/bad', pluginOptions: { format: 'ogg' } });
    expect(b.code).not.toBe(0);
    expect(b.output).toContain('[taro-plugin-record-compat] invalid plugin options: option format must be one of aac,mp3,wav,PCM, got ogg');
    const unknown = await buildExample({ appDir: APP, platform: 'weapp', compiler: 'webpack5', out: 'dist/bad', pluginOptions: { strict: 'yes' } });
    expect(unknown.code).not.toBe(0);
    expect(unknown.output).toContain('option "strict" must be true or false, got "yes"');
  }, SLOW);

  describe('a call the rewrite cannot handle safely', () => {
    const reportedLines = (text: string) =>
      [...text.matchAll(/src\/utils\/legacy-helper\.ts:(\d+)/g)].map((m) => Number(m[1]));
    const helper = 'src/utils/legacy-helper.ts';
    // The rewrite may point at the call or at the place Taro escapes into the object.
    let lines: number[] = [];
    beforeAll(() => {
      const code = [
        "import Taro from '@tarojs/taro'",
        '',
        '// Taro kept in a lookup table: the call goes through api.rec.',
        'const api = { rec: Taro }',
        '',
        'export function recordFromTable(done: (path: string) => void) {',
        '  api.rec.startRecord({ success: (res) => done(res.tempFilePath) })',
        '}',
        '',
      ];
      lines = [code.findIndex((l) => l.includes('api.rec.startRecord')) + 1, code.findIndex((l) => l.includes('rec: Taro')) + 1];
      fs.mkdirSync(path.join(APP, 'src/utils'), { recursive: true });
      fs.writeFileSync(path.join(APP, helper), code.join('\n'));
      const page = path.join(APP, 'src/pages/memo/index.tsx');
      const src = fs.readFileSync(page, 'utf8');
      fs.writeFileSync(page, `import { recordFromTable } from '../../utils/legacy-helper'\n${src.replace('const MEMO_MS', 'export const fromTable = recordFromTable\nconst MEMO_MS')}`);
    });

    it('is listed for manual review in the summary (file:line)', async () => {
      const b = await buildExample({ appDir: APP, platform: 'weapp', compiler: 'webpack5', out: 'dist/manual' });
      expect(b.code, b.output.slice(-3000)).toBe(0);
      const summary = summaryLines(b.output);
      expect(summary).toHaveLength(1);
      expect(summary[0]).toMatch(/; 1 place left for manual review: /);
      expect(reportedLines(summary[0])).toHaveLength(1);
      expect(lines).toContain(reportedLines(summary[0])[0]);
    }, SLOW);

    it('fails a strict build (webpack5)', async () => {
      const b = await buildExample({ appDir: APP, platform: 'weapp', compiler: 'webpack5', out: 'dist/strict', pluginOptions: { strict: true } });
      expect(b.code).not.toBe(0);
      expect(b.output).toContain('[record-compat] strict:');
      expect(reportedLines(b.output).some((l) => lines.includes(l))).toBe(true);
    }, SLOW);

    it('fails a strict build (vite)', async () => {
      const b = await buildExample({ appDir: APP, platform: 'weapp', compiler: 'vite', out: 'dist/strict-vite', pluginOptions: { strict: true } });
      expect(b.code).not.toBe(0);
      expect(b.output).toContain('[record-compat] strict:');
      expect(reportedLines(b.output).some((l) => lines.includes(l))).toBe(true);
    }, SLOW);
  });
});
