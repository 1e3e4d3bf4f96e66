/**
 * Packaging: what `npm pack` ships must be enough for a user. The tarballs are
 * installed into a copy of the example app (no link to this repository) as the README
 * says: the tool (and the eslintrc plugin) as devDependencies, the runtime package as a
 * dependency; its entry points, bin and types are exercised, and the app is built with it, on
 * Node 18 too, and with an invalid option that must be reported by name. (A strict build that must
 * fail: dependency-build.test.ts.)
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packedTarballs } from './helpers/packed';
import { scanDist } from './helpers/scan-dist';
import {
  BACKGROUND_AUDIO_RUNTIME_MARKER,
  EXAMPLE,
  ROOT,
  RUNTIME_MARKER,
  TMP,
  VOICE_RUNTIME_MARKER,
  buildExample,
  cleanEnv,
  copyInstall,
  countLegacyCallsInSource,
  expectedSummary,
  run,
  setMinified,
  summaryLines,
  type RunResult,
} from './helpers/example';
import { NODE_12, NODE_16, NODE_18, nodeFromRegistry } from './helpers/node-from-registry';
import { snapshot } from '../helpers/temp-project';
import { LEGACY_API_TABLE, ROUTED_APP_APIS, type LegacyApiRow } from '../../src/rewrite/rules/legacy-apis';

/** Tests that run a Taro build or tsc: minutes on a loaded 2-core machine. */
const SLOW = 300_000;

const APP = path.join(TMP, 'pack-app');
let tarball = '';
let tarFiles: string[] = [];
/** The tarballs of this repository's other packages: the runtime, and the eslintrc plugin. */
let runtimeTarball = '';
let eslintPluginTarball = '';

const rootPkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/**
 * A copy of the app's source at `dir`, in a git working tree of its own, committed: the codemod
 * migrates a git working tree (.tmp/ is ignored by this repository's).
 */
function committedCopyOfAppSource(dir: string): string {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(APP, 'src'), dir, { recursive: true });
  return committedAsItIs(dir);
}

/** `dir` made a git working tree of its own, everything in it committed: clean, as a user's before a migration. */
function committedAsItIs(dir: string): string {
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'before');
  return dir;
}

function copyExample(): void {
  fs.rmSync(APP, { recursive: true, force: true });
  fs.mkdirSync(APP, { recursive: true });
  for (const entry of fs.readdirSync(EXAMPLE)) {
    if (entry === 'node_modules' || entry === 'dist' || entry === '.swc') continue;
    fs.cpSync(path.join(EXAMPLE, entry), path.join(APP, entry), { recursive: true });
  }
}

beforeAll(async () => {
  // Packed once per run: install.test.ts installs the same tarballs (helpers/packed.ts).
  const packed = await packedTarballs();
  tarball = packed.tool.file;
  tarFiles = packed.tool.files;
  runtimeTarball = packed.runtime.file;
  eslintPluginTarball = packed.eslintPlugin.file;

  copyExample();
  // Unminified: these builds are read for which calls went out, how often the runtime is there, and what the build
  // said, none of which the minifier changes. The app that ships no runtime turns it back on (below).
  setMinified(APP, false);
  // npm installs the tarballs over a copy of the example's install, as over a user's (helpers/example.ts).
  await copyInstall(EXAMPLE, APP);
  const pkgPath = path.join(APP, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
  // As the README installs them: the tool a devDependency, the runtime the app runs a dependency.
  delete pkg.dependencies['taro-plugin-record-compat'];
  pkg.dependencies['record-compat-runtime'] = `file:${runtimeTarball}`;
  pkg.devDependencies['taro-plugin-record-compat'] = `file:${tarball}`;
  pkg.devDependencies['eslint-plugin-record-compat'] = `file:${eslintPluginTarball}`;
  fs.writeFileSync(pkgPath, JSON.stringify(pkg, null, 2));
  const installed = await run('npm', ['install', '--no-audit', '--no-fund'], {
    cwd: APP,
    env: cleanEnv(),
    timeoutMs: 20 * 60_000,
  });
  if (installed.code !== 0) throw new Error(`npm install of the tarball failed:\n${installed.output.slice(-4000)}`);
}, 1_200_000);

describe('npm pack', () => {
  it('ships the built code and no sources or tests', () => {
    expect(tarFiles).toContain('package.json');
    expect(tarFiles).toContain('dist/src/taro-plugin/index.js');
    expect(tarFiles).toContain('dist/src/taro-plugin/index.d.ts');
    expect(tarFiles).toContain('dist/src/babel.js');
    expect(tarFiles.some((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('examples/'))).toBe(
      false,
    );
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
    // The folders for resolvers that ignore "exports", and Taro 2's root index.js.
    for (const f of tarFiles.filter((f) => /^(runtime|babel|transform|eslint)\/(.*\/)?package\.json$/.test(f))) {
      const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, f), 'utf8'));
      for (const field of ['main', 'module', 'types']) {
        if (manifest[field]) targets.push(path.posix.join(path.posix.dirname(f), manifest[field]));
      }
    }
    expect(targets.length).toBeGreaterThan(10);
    const missing = targets.filter((t) => !tarFiles.includes(t));
    expect(missing).toEqual([]);
  });

  it('has a folder with its own package.json for every subpath export, and a root index.js', () => {
    const subpaths = Object.keys(rootPkg.exports).filter((k) => k !== '.' && k !== './package.json');
    expect(subpaths.length).toBeGreaterThanOrEqual(4);
    for (const subpath of subpaths) expect(tarFiles).toContain(`${subpath.slice(2)}/package.json`);
    expect(tarFiles).toContain('index.js');
    expect(rootPkg.sideEffects).toBe(false);
  });
});

describe('installed from the tarball into a copy of the example', () => {
  const installedDir = () => path.join(APP, 'node_modules/taro-plugin-record-compat');

  it('is a real copy, not a link to this repository', () => {
    expect(fs.lstatSync(installedDir()).isSymbolicLink()).toBe(false);
    expect(fs.existsSync(path.join(installedDir(), 'src'))).toBe(false);
    expect(fs.lstatSync(path.join(APP, 'node_modules/record-compat-runtime')).isSymbolicLink()).toBe(false);
  });

  it(
    "grows the app's production dependencies by the runtime package alone, which has none of its own",
    async () => {
      const lock = JSON.parse(fs.readFileSync(path.join(APP, 'package-lock.json'), 'utf8'));
      const runtime = lock.packages['node_modules/record-compat-runtime'];
      expect(runtime.dev).toBeUndefined();
      expect(runtime.dependencies).toBeUndefined();
      expect(runtime.optionalDependencies).toBeUndefined();
      expect(Object.keys(runtime.peerDependencies ?? {})).toEqual(['@tarojs/taro']);
      expect(lock.packages['node_modules/taro-plugin-record-compat'].dev).toBe(true);
      expect(lock.packages['node_modules/eslint-plugin-record-compat'].dev).toBe(true);
      // What a production install has (npm ls --omit=dev): the runtime, and none of the toolchain the tool brings.
      const listed = await run('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: APP, env: cleanEnv() });
      const production = new Set(
        listed.output
          .split('\n')
          .filter((l) => l.includes('node_modules'))
          .map((l) => l.slice(l.lastIndexOf('node_modules') + 'node_modules/'.length)),
      );
      expect(production.has('record-compat-runtime')).toBe(true);
      for (const tool of [
        'taro-plugin-record-compat',
        'eslint-plugin-record-compat',
        'ts-morph',
        'jscodeshift',
        'oxc-parser',
        '@breezystack/lamejs',
      ])
        expect(production.has(tool), tool).toBe(false);
      // A dependency of the tool that a production install has is one a production package of the app names too
      // (picomatch, through chokidar): none is there for the tool alone. (The runtime's peers are checked above: an
      // optional peer is installed too.)
      type LockEntry = {
        dev?: boolean;
        dependencies?: object;
        optionalDependencies?: object;
        peerDependencies?: object;
      };
      const shipped = (Object.entries(lock.packages) as [string, LockEntry][]).filter(
        ([at, entry]) => at !== '' && !entry.dev,
      );
      const named = new Set([
        ...Object.keys(lock.packages[''].dependencies),
        ...shipped.flatMap(([, e]) =>
          Object.keys({ ...e.dependencies, ...e.optionalDependencies, ...e.peerDependencies }),
        ),
      ]);
      const toolDependencies = Object.keys({ ...rootPkg.dependencies, ...rootPkg.optionalDependencies }).filter(
        (name) => name !== 'record-compat-runtime',
      );
      expect(toolDependencies.filter((name) => production.has(name) && !named.has(name))).toEqual([]);
    },
    SLOW,
  );

  it("keeps the former runtime entries: taro-plugin-record-compat/runtime/native is the runtime package's native entry, the same module", () => {
    const script = `
      const former = require('taro-plugin-record-compat/runtime/native');
      const runtime = require('record-compat-runtime/native');
      console.log(JSON.stringify({ same: former.startRecord === runtime.startRecord, exports: Object.keys(runtime).length }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: APP, env: cleanEnv() }).toString());
    expect(out).toEqual({ same: true, exports: expect.any(Number) });
    expect(out.exports).toBeGreaterThan(10);
  });

  it('installs the eslintrc plugin from its tarball, which loads the rule from the tool', () => {
    const script = `const plugin = require('eslint-plugin-record-compat'); console.log(JSON.stringify({ rules: Object.keys(plugin.rules), configs: Object.keys(plugin.configs) }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: APP, env: cleanEnv() }).toString());
    expect(out.rules).toContain('no-deprecated-api');
    expect(out.configs).toContain('recommended');
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
        runtimePackage: require.resolve('record-compat-runtime'),
        pkg: require.resolve('taro-plugin-record-compat/package.json'),
      }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: APP, env: cleanEnv() }).toString());
    expect(out.plugin).toBe('function');
    expect(out.taroDefault).toBe('function');
    expect(out.babel).toBe('function');
    expect(out.runtime).toBe(path.join(installedDir(), 'dist/runtime/cjs/taro.js'));
    expect(out.runtimePackage).toBe(path.join(APP, 'node_modules/record-compat-runtime/dist/cjs/taro.js'));
    expect(out.pkg.startsWith(installedDir())).toBe(true);
  });

  it('resolves every subpath with resolvers that ignore "exports" (webpack 4, TypeScript node10)', async () => {
    const subpaths = Object.keys(rootPkg.exports).filter((k) => k !== '.' && k !== './package.json');
    // webpack 4's resolver reads no "exports": enhanced-resolve with exportsFields off does the same.
    const fromApp = createRequire(path.join(APP, 'package.json'));
    const { ResolverFactory, CachedInputFileSystem } = fromApp('enhanced-resolve');
    const resolver = ResolverFactory.createResolver({
      fileSystem: new CachedInputFileSystem(fs, 4000),
      useSyncFileSystemCalls: true,
      exportsFields: [],
      mainFields: ['browser', 'module', 'main'],
      extensions: ['.js', '.json'],
    });
    const ts = fromApp('typescript');
    for (const subpath of subpaths) {
      const request = `taro-plugin-record-compat/${subpath.slice(2)}`;
      const target = rootPkg.exports[subpath];
      const webpack4 = resolver.resolveSync({}, APP, request);
      expect(path.relative(installedDir(), webpack4), request).toBe(path.normalize(target.import ?? target.default));
      const node10 = ts.resolveModuleName(
        request,
        path.join(APP, 'x.ts'),
        { moduleResolution: ts.ModuleResolutionKind.Node10 },
        ts.sys,
      );
      expect(path.relative(installedDir(), node10.resolvedModule?.resolvedFileName ?? '(unresolved)'), request).toBe(
        path.normalize(target.types),
      );
    }
  });

  it(
    'has a working bin',
    async () => {
      const bin = path.join(APP, 'node_modules/.bin/taro-plugin-record-compat');
      expect(fs.existsSync(bin)).toBe(true);
      const res = await run(bin, ['--help'], { cwd: APP, env: cleanEnv() });
      expect(res.code).toBe(0);
      expect(res.output.length).toBeGreaterThan(20);
    },
    SLOW,
  );

  it(
    'has types a TypeScript user can import',
    () => {
      fs.writeFileSync(
        path.join(APP, 'types-check.ts'),
        [
          "import type { RecordCompatPluginOptions } from 'taro-plugin-record-compat'",
          "import { startRecord, stopRecord } from 'record-compat-runtime'",
          'const options: RecordCompatPluginOptions = { durationMs: 30000, strict: true }',
          'startRecord({ success: (res) => console.log(res.tempFilePath.length, options) })',
          'stopRecord()',
          '',
        ].join('\n'),
      );
      // The app's TypeScript, with declaration files checked (skipLibCheck off): this package's typings and the user
      // file must be clean. Only their diagnostics are computed; other packages' typings (webpack's,
      // @tarojs/components') have errors of their own, and checking all of them took most of this test's CPU.
      const ts = createRequire(path.join(APP, 'package.json'))('typescript');
      const { options, errors } = ts.convertCompilerOptionsFromJson(
        {
          strict: true,
          noEmit: true,
          module: 'esnext',
          moduleResolution: 'bundler',
          target: 'es2020',
          skipLibCheck: false,
          types: [],
        },
        APP,
      );
      expect(errors).toEqual([]);
      const program = ts.createProgram([path.join(APP, 'types-check.ts')], options);
      const ours = (program.getSourceFiles() as { fileName: string }[]).filter((f) =>
        /taro-plugin-record-compat|record-compat-runtime|types-check\.ts/.test(f.fileName),
      );
      // Both packages' declarations are in the program: each import resolved.
      for (const pkg of ['taro-plugin-record-compat', 'record-compat-runtime'])
        expect(
          ours.some((f) => f.fileName.includes(`/node_modules/${pkg}/`)),
          pkg,
        ).toBe(true);
      const diagnostics = ours.flatMap((f) => [
        ...program.getSyntacticDiagnostics(f),
        ...program.getSemanticDiagnostics(f),
      ]);
      const text: string = ts.formatDiagnostics(diagnostics, {
        getCanonicalFileName: (f: string) => f,
        getCurrentDirectory: () => APP,
        getNewLine: () => '\n',
      });
      expect(text).toBe('');
    },
    SLOW,
  );

  describe("the codemod's output type-checks", () => {
    // Inside the app, so that imports resolve from its node_modules as they would in src/.
    const before = path.join(APP, 'migrate-check/before');
    const after = path.join(APP, 'migrate-check/after');
    type Diagnostic = { file: string; code: number; text: string };

    /**
     * The typings (every file outside the folder checked), parsed once for the six programs below, by path, language
     * version and module format (what a parse depends on), as TypeScript's language service shares files between
     * programs (and test/helpers/typescript.ts for the repository's TypeScript).
     */
    const parsed = new Map<string, unknown>();

    /** Diagnostics of the app's own files, type-checked with the app's TypeScript and typings. */
    function typeCheck(dir: string, settings: Record<string, string>): Diagnostic[] {
      const ts = createRequire(path.join(APP, 'package.json'))('typescript');
      const files = [...listFiles(dir), ...listFiles(path.join(APP, 'types'))];
      const { options, errors } = ts.convertCompilerOptionsFromJson(
        {
          strict: true,
          noEmit: true,
          target: 'es2017',
          jsx: 'react-jsx',
          allowSyntheticDefaultImports: true,
          esModuleInterop: true,
          skipLibCheck: true,
          types: [],
          ...settings,
        },
        APP,
      );
      expect(errors).toEqual([]);
      const host = ts.createCompilerHost(options);
      const parse = host.getSourceFile;
      host.getSourceFile = (
        fileName: string,
        language: number | { languageVersion: number; impliedNodeFormat?: number },
        ...rest: unknown[]
      ) => {
        if (fileName.startsWith(dir + path.sep)) return parse(fileName, language, ...rest);
        const parsedAs = typeof language === 'object' ? language : { languageVersion: language };
        const key = [fileName, parsedAs.languageVersion, parsedAs.impliedNodeFormat].join('\0');
        if (!parsed.has(key)) parsed.set(key, parse(fileName, language, ...rest));
        return parsed.get(key);
      };
      const program = ts.createProgram(files, options, host);
      return files
        .filter((f) => f.startsWith(dir))
        .flatMap((f) => [
          ...program.getSyntacticDiagnostics(program.getSourceFile(f)),
          ...program.getSemanticDiagnostics(program.getSourceFile(f)),
        ])
        .map((d: { file?: { fileName: string }; code: number; messageText: unknown }) => ({
          file: path.relative(dir, d.file?.fileName ?? ''),
          code: d.code,
          text: ts.flattenDiagnosticMessageText(d.messageText, ' '),
        }));
    }
    const listFiles = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
        .map((e) => path.join(e.parentPath, e.name));
    /** What the migration added: diagnostics after that were not there before (lines may move). */
    const added = (was: Diagnostic[], now: Diagnostic[]) =>
      now.filter((d) => !was.some((b) => b.file === d.file && b.code === d.code && b.text === d.text));

    beforeAll(async () => {
      fs.rmSync(before, { recursive: true, force: true });
      fs.cpSync(path.join(APP, 'src'), before, { recursive: true });
      committedCopyOfAppSource(after);
      const bin = path.join(APP, 'node_modules/.bin/taro-plugin-record-compat');
      const migrated = await run(bin, ['.'], { cwd: after, env: cleanEnv() });
      expect(migrated.code, migrated.output).toBe(0);
      expect(countLegacyCallsInSource(after)).toBe(0);
      expect(countLegacyCallsInSource(before)).toBeGreaterThan(0);
    }, SLOW);

    for (const [name, settings] of [
      ['"moduleResolution": "node" (the Taro 3 template)', { module: 'commonjs', moduleResolution: 'node' }],
      ['"moduleResolution": "bundler"', { module: 'esnext', moduleResolution: 'bundler' }],
      ['"moduleResolution": "node16"', { module: 'node16', moduleResolution: 'node16' }],
    ] as const) {
      it(
        `under strict and ${name}`,
        () => {
          const now = typeCheck(after, settings);
          expect(now.filter((d) => d.code === 7006 || (d.code === 2307 && d.text.includes('record-compat')))).toEqual(
            [],
          );
          expect(added(typeCheck(before, settings), now)).toEqual([]);
        },
        SLOW,
      );
    }
  });

  /*
   * The packed install's builds run on Node 18, the oldest the package allows. On this Node, taro-app.test.ts builds
   * the example with the same files as npm pack ships them.
   */
  describe(`on Node ${NODE_18}, the oldest Node package.json's "engines" allows`, () => {
    let node18 = '';
    const bin = () => path.join(installedDir(), 'dist/src/cli/bin.js');
    // Node 18 first on PATH too, for anything the build or the CLI starts by name.
    const node18Env = (extra: Record<string, string> = {}) => ({
      PATH: `${path.dirname(node18)}${path.delimiter}${process.env.PATH}`,
      ...extra,
    });
    beforeAll(async () => {
      node18 = await nodeFromRegistry(NODE_18);
    }, 15 * 60_000);
    const committedCopyOfSource = (name: string): string =>
      committedCopyOfAppSource(path.join(APP, 'node18-check', name));

    for (const compiler of ['webpack5', 'vite'] as const) {
      it(
        `builds the app for weapp (${compiler}): every legacy call rewritten, runtime once`,
        async () => {
          const b = await buildExample({
            appDir: APP,
            platform: 'weapp',
            compiler,
            out: `dist/node18-${compiler}`,
            node: node18,
            env: node18Env(),
          });
          console.log(
            `[e2e] packed install on Node ${NODE_18}: taro build weapp (${compiler}): ${(b.ms / 1000).toFixed(1)} s`,
          );
          expect(b.code, b.output.slice(-3000)).toBe(0);
          expect(countLegacyCallsInSource(path.join(APP, 'src'))).toBeGreaterThan(0);
          expect(summaryLines(b.output)).toEqual([expectedSummary(path.join(APP, 'src'), 5)]);
          const scan = scanDist(b.dist, RUNTIME_MARKER);
          expect(scan.legacy).toEqual([]);
          expect(scan.runtimeFiles).toHaveLength(1);
        },
        SLOW,
      );
    }

    it(
      'migrates a git working tree to the same bytes and report as on this Node, with the planning thread and without',
      async () => {
        const runs = [
          { name: 'this-node', node: process.execPath, env: {} },
          { name: 'node18', node: node18, env: node18Env() },
          { name: 'node18-thread', node: node18, env: node18Env({ RECORD_COMPAT_PLAN_THREAD: 'worker' }) },
        ];
        const outputs: string[] = [];
        for (const r of runs) {
          const dir = committedCopyOfSource(r.name);
          const migrated = await run(r.node, [bin(), '.'], { cwd: dir, env: cleanEnv(r.env) });
          expect(migrated.code, migrated.output).toBe(0);
          expect(countLegacyCallsInSource(dir), r.name).toBe(0);
          outputs.push(migrated.output);
        }
        expect(countLegacyCallsInSource(path.join(APP, 'src'))).toBeGreaterThan(0);
        expect(outputs[1]).toBe(outputs[0]);
        expect(outputs[2]).toBe(outputs[0]);
        const [reference, ...others] = runs.map((r) => snapshot(path.join(APP, 'node18-check', r.name)));
        expect(reference.size).toBeGreaterThan(5);
        for (const other of others) expect(other).toEqual(reference);
      },
      SLOW,
    );

    it(
      'says in one sentence, before any file, that the oxc parser does not load there, and writes nothing',
      async () => {
        const dir = committedCopyOfSource('node18-oxc');
        expect(countLegacyCallsInSource(dir)).toBeGreaterThan(0);
        const before = snapshot(dir);
        for (const [args, env] of [
          [['--parser', 'oxc', '.'], {}],
          [['.'], { RECORD_COMPAT_PARSER: 'oxc' }],
        ] as const) {
          const res = await run(node18, [bin(), ...args], { cwd: dir, env: cleanEnv(node18Env(env)) });
          expect(res.code, res.output).toBe(2);
          expect(res.stderr).toContain(
            `error: the parser is oxc (option "parser" or RECORD_COMPAT_PARSER), but oxc-parser does not load on Node ${NODE_18} (`,
          );
          expect(res.stderr).toContain('Use the parser "auto" (oxc where it loads, else Babel) or "babel"');
          expect(res.stderr).not.toMatch(/\n\s+at /);
          expect(res.stdout).toBe('');
        }
        expect(snapshot(dir)).toEqual(before);
        // The build says it the same way, as a bad plugin option, before any file.
        const b = await buildExample({
          appDir: APP,
          platform: 'weapp',
          compiler: 'vite',
          out: 'dist/node18-oxc',
          node: node18,
          env: node18Env({ RECORD_COMPAT_PARSER: 'oxc' }),
        });
        expect(b.code).not.toBe(0);
        expect(b.output).toContain(
          `[taro-plugin-record-compat] the parser is oxc (option "parser" or RECORD_COMPAT_PARSER), but oxc-parser does not load on Node ${NODE_18} (`,
        );
        expect(b.output).not.toMatch(/\n\s+at /);
      },
      SLOW,
    );

    it(
      'audits the app with the same findings as on this Node',
      async () => {
        const audit = async (node: string, env: Record<string, string>) => {
          const res = await run(node, [bin(), 'audit', '--json', '.'], { cwd: APP, env: cleanEnv(env) });
          expect(res.code, res.stderr).toBe(0);
          const report = JSON.parse(res.stdout);
          delete report.stats.milliseconds;
          return report;
        };
        const here = await audit(process.execPath, {});
        expect(here.findings.length).toBeGreaterThan(5);
        expect(await audit(node18, node18Env())).toEqual(here);
      },
      SLOW,
    );
  });

  // Node 12 cannot parse the CLI's modules (`??`), Node 16 can but is past its end of life.
  for (const version of [NODE_12, NODE_16]) {
    it(
      `on Node ${version}, below package.json's "engines", the command and the audit say so in one sentence and touch nothing`,
      async () => {
        const old = await nodeFromRegistry(version);
        const minimum = /^>=(\d+)$/.exec(rootPkg.engines.node)![1];
        const dir = committedCopyOfAppSource(path.join(APP, `node${version}-check`));
        const before = snapshot(dir);
        for (const args of [['.'], ['audit', '--json', '.']]) {
          const res = await run(old, [path.join(installedDir(), 'dist/src/cli/bin.js'), ...args], {
            cwd: dir,
            env: cleanEnv(),
          });
          expect(res.code, res.output).toBe(1);
          expect(res.stderr).toBe(
            `taro-plugin-record-compat needs Node ${minimum} or later, and this is Node ${version}: run it with a current Node (20 or 22, say).\n`,
          );
          expect(res.stdout).toBe('');
        }
        expect(snapshot(dir)).toEqual(before);
      },
      SLOW,
    );
  }

  it(
    'reports a bad option by name with the allowed values, before building',
    async () => {
      const b = await buildExample({
        appDir: APP,
        platform: 'weapp',
        compiler: 'webpack5',
        out: 'dist/bad',
        pluginOptions: { format: 'ogg' },
      });
      expect(b.code).not.toBe(0);
      expect(b.output).toContain(
        '[taro-plugin-record-compat] invalid plugin options: option "format" must be one of aac, mp3, wav, PCM, pcm, got "ogg"',
      );
      const unknown = await buildExample({
        appDir: APP,
        platform: 'weapp',
        compiler: 'webpack5',
        out: 'dist/bad',
        pluginOptions: { strict: 'yes' },
      });
      expect(unknown.code).not.toBe(0);
      expect(unknown.output).toContain('option "strict" must be true or false, got "yes"');
    },
    SLOW,
  );
});

/**
 * An app whose only legacy call sits in a function nothing uses: the call is rewritten,
 * and the bundler drops the then-unused runtime (the package declares `"sideEffects": false`
 * and the runtime's exports are pure constructions, so no bundler has to prove it).
 */
describe('an app in which no code reaches a legacy call', () => {
  const LABEL = 'voice-label-kept-in-the-bundle';
  beforeAll(() => {
    // Minified, as an app ships: what ships is the question, and dropping the unused function that calls the runtime
    // may be the minifier's part of it.
    setMinified(APP, true);
    fs.rmSync(path.join(APP, 'src'), { recursive: true, force: true });
    fs.cpSync(path.join(EXAMPLE, 'src'), path.join(APP, 'src'), { recursive: true });
    fs.mkdirSync(path.join(APP, 'src/utils'), { recursive: true });
    fs.writeFileSync(
      path.join(APP, 'src/utils/voice.ts'),
      [
        "import Taro from '@tarojs/taro'",
        `export const VOICE_LABEL = '${LABEL}'`,
        '// Never called by any page.',
        'export function recordLegacy() {',
        '  return Taro.startRecord({})',
        '}',
        '',
      ].join('\n'),
    );
    // Every page (the dictaphone's own getRecorderManager() too) now only shows the label.
    for (const page of fs.readdirSync(path.join(APP, 'src/pages'))) {
      fs.writeFileSync(
        path.join(APP, `src/pages/${page}/index.tsx`),
        [
          "import { View } from '@tarojs/components'",
          "import { VOICE_LABEL } from '../../utils/voice'",
          'export default function Page() {',
          '  return <View>{VOICE_LABEL}</View>',
          '}',
          '',
        ].join('\n'),
      );
    }
  });

  for (const compiler of ['webpack5', 'vite'] as const) {
    it(
      `ships 0 bytes of runtime (${compiler})`,
      async () => {
        const b = await buildExample({ appDir: APP, platform: 'weapp', compiler, out: `dist/unused-${compiler}` });
        expect(b.code, b.output.slice(-3000)).toBe(0);
        expect(summaryLines(b.output)).toEqual([
          '[record-compat] rewrote 1 legacy record call in 1 file; nothing left for manual review',
        ]);
        const scan = scanDist(b.dist, RUNTIME_MARKER);
        expect(scan.files.some((f) => fs.readFileSync(f, 'utf8').includes(LABEL))).toBe(true);
        expect(scan.runtimeFiles).toEqual([]);
        expect(scan.legacy).toEqual([]);
      },
      SLOW,
    );
  }
});

/**
 * A new user's first migration, from the tarballs installed above: the bin of the app's
 * node_modules (where `npx` finds it), run with no flag in a project that is a clean git working
 * tree, and the audit before and after. Each project is migrated once, in its beforeAll (audit,
 * --dry in text and JSON, the migration, audit --verify); the tests read what each step said and left.
 */
describe('a first migration from the tarballs, with the audit before and after', () => {
  const bin = () => path.join(APP, 'node_modules/.bin/taro-plugin-record-compat');
  const tool = (dir: string, ...args: string[]) => run(bin(), args, { cwd: dir, env: cleanEnv() });
  const gitStatus = (dir: string) =>
    execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: dir }).toString();

  interface CodemodReport {
    runtime: { mode: string; copies: { file: string; written: boolean; families: string[] }[] };
    summary: {
      scanned: number;
      namingLegacyApi: number;
      changed: number;
      failed: number;
      callsTotal: number;
      calls: Record<string, number>;
      callsByKind: Record<string, number>;
      manualReview: number;
    };
    files: {
      path: string;
      status: string;
      importSource: string | null;
      rewritten: { line: number; column: number; api: string }[];
    }[];
    manualReview: { path: string; line: number; column: number; reason: string }[];
    exitCode: number;
  }
  interface AuditReport {
    findings: {
      file: string;
      line: number;
      column: number;
      api: string | null;
      status: 'handled' | 'manual';
      reason: string;
    }[];
    needsPerson: number;
    verify?: { migratedFiles: string[]; introduced: unknown[]; newFiles: string[]; unchecked?: string };
    stats: { filesLookedAt: number; filesNamingLegacyApi: number };
  }
  interface FirstRun {
    auditBefore: { code: number | null; report: AuditReport };
    dryText: RunResult;
    dry: CodemodReport;
    dryCode: number | null;
    /** Whether the --dry runs left every file's bytes as they were, and git's status after them. */
    dryWroteNothing: boolean;
    statusAfterDry: string;
    migration: RunResult;
    statusAfterMigration: string;
    auditAfter: { code: number | null; report: AuditReport };
  }

  const parsed = <T>(res: RunResult, what: string): T => {
    try {
      return JSON.parse(res.stdout) as T;
    } catch {
      throw new Error(`${what} printed no JSON report (exit ${res.code}):\n${res.output.slice(-3000)}`);
    }
  };

  /** The README's path, with no flag: audit, see what would change, migrate, audit --verify (before committing). */
  async function firstRun(dir: string): Promise<FirstRun> {
    const auditBefore = await tool(dir, 'audit', '--json');
    const before = snapshot(dir);
    const dryText = await tool(dir, '--dry');
    const dryJson = await tool(dir, '--dry', '--json');
    const dryWroteNothing = JSON.stringify([...snapshot(dir)]) === JSON.stringify([...before]);
    const statusAfterDry = gitStatus(dir);
    const migration = await tool(dir);
    const statusAfterMigration = gitStatus(dir);
    const auditAfter = await tool(dir, 'audit', '--verify', '--json');
    return {
      auditBefore: { code: auditBefore.code, report: parsed<AuditReport>(auditBefore, 'audit --json') },
      dryText,
      dry: parsed<CodemodReport>(dryJson, '--dry --json'),
      dryCode: dryJson.code,
      dryWroteNothing,
      statusAfterDry,
      migration,
      statusAfterMigration,
      auditAfter: { code: auditAfter.code, report: parsed<AuditReport>(auditAfter, 'audit --verify --json') },
    };
  }

  const routedAppApis: readonly string[] = ROUTED_APP_APIS;
  const table: readonly LegacyApiRow[] = LEGACY_API_TABLE;
  /** A call of a deprecated API through wx, as a native mini-program writes it (`wx.startRecord(`…). */
  const wxDeprecatedCall = new RegExp(
    `\\bwx\\.(?:${table
      .filter((row) => !row.onlyWithLegacyCalls)
      .map((row) => row.name)
      .join('|')})\\(`,
  );
  /**
   * The deprecated APIs' places the codemod rewrites (the app's own managers it routes aside), named as the audit names
   * a place: its column is 1-based.
   */
  const rewrittenPlaces = (report: CodemodReport) =>
    report.files
      .flatMap((f) =>
        f.rewritten
          .filter((r) => !routedAppApis.includes(r.api))
          .map((r) => `${f.path}:${r.line}:${r.column + 1} ${r.api}`),
      )
      .sort();
  /** The audit's words for a method of an object a rewritten call made (`ctx.arc` after `createCanvasContext`). */
  const followsCreator = /^migrated with the \w+\(…\) at line (\d+),/;
  /** The places the audit says the rewrite takes itself; a method riding on its object's rewrite is not one. */
  const handledPlaces = (audit: AuditReport) =>
    audit.findings
      .filter((f) => f.status === 'handled' && !followsCreator.test(f.reason))
      .map((f) => `${f.file}:${f.line}:${f.column} ${f.api}`)
      .sort();
  /** For each method the audit says is migrated with its object: the file and line of the call that made it. */
  const creatorsFollowed = (audit: AuditReport) =>
    audit.findings
      .filter((f) => f.status === 'handled' && followsCreator.test(f.reason))
      .map((f) => `${f.file}:${followsCreator.exec(f.reason)![1]}`);
  const placeLines = (places: string[]) => places.map((p) => p.replace(/:\d+ .*$/, ''));
  const leftByCodemod = (report: CodemodReport) => report.manualReview.map((p) => `${p.path}:${p.line}`).sort();
  const leftByAudit = (audit: AuditReport) =>
    audit.findings
      .filter((f) => f.status === 'manual')
      .map((f) => `${f.file}:${f.line}`)
      .sort();
  /** The "Next:" block a text run ends with: its lines, or null when the output does not end with one. */
  const nextBlock = (text: string): string[] | null => {
    const m = /\nNext:\n((?: {2}.+\n)+)$/.exec(text);
    return m
      ? m[1]
          .trimEnd()
          .split('\n')
          .map((l) => l.trim())
      : null;
  };

  describe('a native WeChat mini-program (examples/legacy/miniprogram), with no flag', () => {
    const SOURCE = path.join(ROOT, 'examples/legacy/miniprogram');
    let dir = '';
    let first: FirstRun;
    /** The example's scripts that call a deprecated API (`wx.startRecord(`…), from their text. */
    let callingFiles: string[] = [];

    beforeAll(async () => {
      // Outside this repository, as a user's project is: nothing above it resolves a package.
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-native-'));
      fs.cpSync(SOURCE, dir, { recursive: true });
      expect(fs.existsSync(path.join(dir, 'project.config.json')) && fs.existsSync(path.join(dir, 'app.json'))).toBe(
        true,
      );
      committedAsItIs(dir);
      callingFiles = fs
        .readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter(
          (f) =>
            f.endsWith('.js') &&
            !f.startsWith('.git') &&
            wxDeprecatedCall.test(fs.readFileSync(path.join(dir, f), 'utf8')),
        )
        .map((f) => f.split(path.sep).join('/'))
        .sort();
      expect(callingFiles.length).toBeGreaterThan(1);
      first = await firstRun(dir);
    }, SLOW);
    afterAll(() => {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('--dry names each file that would change and the local runtime copy it would write, and writes nothing', () => {
      const { dry, dryText } = first;
      expect(first.dryCode, dryText.output).toBe(0);
      expect(dryText.code, dryText.output).toBe(0);
      expect(dry.exitCode).toBe(0);
      expect(dry.runtime.mode).toBe('auto');
      expect(dry.files.filter((f) => f.status === 'changed').map((f) => f.path)).toEqual(callingFiles);
      expect(dry.summary.failed).toBe(0);
      // The local route: each file would require the copy by a relative path, and the copy is not written yet.
      const copy = dry.runtime.copies[0];
      expect(copy.file).toMatch(/\.js$/);
      expect(dry.runtime.copies.every((c) => !c.written)).toBe(true);
      for (const f of dry.files)
        expect(`${path.posix.join(path.posix.dirname(f.path), f.importSource ?? '(none)')}.js`, f.path).toBe(copy.file);
      // The text says the same, ends with its summary and the next step: the same command, no flag to add.
      for (const f of callingFiles) expect(dryText.stdout).toContain(`would change  ${f} `);
      for (const c of dry.runtime.copies) expect(dryText.stdout).toContain(`would write ${c.file} `);
      expect(dryText.stdout).toContain('\nSummary (dry run: nothing was written)\n');
      const next = nextBlock(dryText.stdout);
      expect(next, dryText.stdout).not.toBeNull();
      expect(next!.some((l) => l.endsWith(': npx taro-plugin-record-compat'))).toBe(true);
      expect(next!.join('\n')).not.toContain('--');
      expect(first.dryWroteNothing).toBe(true);
      expect(first.statusAfterDry).toBe('');
    });

    it('migrates with no flag: the files rewritten, one local runtime copy of the families it calls, required by a relative path that resolves', () => {
      const { dry, migration } = first;
      expect(migration.code, migration.output).toBe(0);
      // What --dry named is what changed: those files, and the copy as new files.
      const copies = dry.runtime.copies.map((c) => c.file);
      expect(first.statusAfterMigration.split('\n').filter(Boolean).sort()).toEqual(
        [...callingFiles.map((f) => ` M ${f}`), ...copies.map((f) => `?? ${f}`)].sort(),
      );
      for (const f of callingFiles) expect(migration.stdout).toContain(`changed  ${f} `);
      for (const c of copies) expect(migration.stdout).toContain(`wrote ${c} `);
      expect(migration.stdout).toContain('\nSummary\n');
      expect(migration.stdout).toContain(`  handled by the rewrite: ${dry.summary.callsTotal} places (`);
      expect(
        nextBlock(migration.stdout)?.some((l) => l.endsWith('audit --verify')),
        migration.stdout,
      ).toBe(true);

      const runtimeCopy = path.join(dir, copies[0]);
      for (const f of callingFiles) {
        const file = path.join(dir, f);
        const text = fs.readFileSync(file, 'utf8');
        expect(text, f).not.toMatch(wxDeprecatedCall);
        const required = [...text.matchAll(/require\((['"])([^'"]+)\1\)/g)]
          .map((m) => m[2])
          .filter((spec) => spec.includes('record-compat'));
        expect(required, f).toHaveLength(1);
        expect(required[0].startsWith('.'), f).toBe(true);
        expect(createRequire(file).resolve(required[0]), f).toBe(runtimeCopy);
        execFileSync(process.execPath, ['--check', file]);
      }

      // Only the families the app calls: each rewritten API is exported, none of a kind it never calls.
      const exported: string[] = JSON.parse(
        execFileSync(process.execPath, [
          '-e',
          `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(runtimeCopy)}))))`,
        ]).toString(),
      );
      for (const api of Object.keys(dry.summary.calls)) expect(exported, api).toContain(api);
      const uncalled = table.filter(
        (row) => row.runtimeExport && (dry.summary.callsByKind[row.routedWith ?? row.kind] ?? 0) === 0,
      );
      expect(uncalled.length).toBeGreaterThan(0);
      for (const row of uncalled) expect(exported, row.name).not.toContain(row.runtimeExport);
      const copyText = fs.readFileSync(runtimeCopy, 'utf8');
      expect(copyText).toContain(RUNTIME_MARKER);
      expect(copyText).toContain(VOICE_RUNTIME_MARKER);
      expect(copyText).not.toContain(BACKGROUND_AUDIO_RUNTIME_MARKER);
      expect(
        fs.readFileSync(path.join(APP, 'node_modules/record-compat-runtime/dist/cjs/background-audio.js'), 'utf8'),
      ).toContain(BACKGROUND_AUDIO_RUNTIME_MARKER);
      const sizes = copies.map((c) => `${c} ${(fs.statSync(path.join(dir, c)).size / 1024).toFixed(1)} KB`).join(', ');
      console.log(
        `[e2e] native mini-program from the tarball: ${dry.summary.callsTotal} places in ${callingFiles.length} files; runtime copy (${dry.runtime.copies[0].families.join(', ')}): ${sizes}`,
      );
    });

    it('the audit agrees with the codemod before the migration, and after it finds nothing for the rewrite and --verify passes', () => {
      const { auditBefore, auditAfter, dry } = first;
      expect(auditBefore.code).toBe(0);
      expect(handledPlaces(auditBefore.report)).toEqual(rewrittenPlaces(dry));
      expect(handledPlaces(auditBefore.report)).toHaveLength(dry.summary.callsTotal);
      expect(auditBefore.report.needsPerson).toBe(dry.summary.manualReview);
      expect(leftByAudit(auditBefore.report)).toEqual(leftByCodemod(dry));
      // And the same files: looked at, and naming a legacy API.
      expect(auditBefore.report.stats).toMatchObject({
        filesLookedAt: dry.summary.scanned,
        filesNamingLegacyApi: dry.summary.namingLegacyApi,
      });
      console.log(
        `[e2e] native mini-program, audit: ${handledPlaces(auditBefore.report).length} handled by the rewrite, ${auditBefore.report.needsPerson} left for a person before; ${handledPlaces(auditAfter.report).length} and ${auditAfter.report.needsPerson} after`,
      );

      expect(auditAfter.code, JSON.stringify(auditAfter.report)).toBe(0);
      expect(handledPlaces(auditAfter.report)).toEqual([]);
      expect(creatorsFollowed(auditAfter.report)).toEqual([]);
      expect(auditAfter.report.needsPerson).toBe(0);
      const verify = auditAfter.report.verify!;
      expect(verify.unchecked).toBeUndefined();
      expect(verify.introduced).toEqual([]);
      expect([...verify.migratedFiles].sort()).toEqual(callingFiles);
    });
  });

  describe('the Taro app, the tool a devDependency and the runtime a dependency', () => {
    // Inside the app, so that imports resolve from its node_modules, the tarballs' install; its own git working tree.
    const dir = path.join(APP, 'first-run');
    let first: FirstRun;

    beforeAll(async () => {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      // The example's own source (the tests above change the app's src/), with the app's manifest naming the tarballs.
      for (const entry of fs.readdirSync(EXAMPLE)) {
        if (entry === 'node_modules' || entry === 'dist' || entry === '.swc') continue;
        fs.cpSync(path.join(EXAMPLE, entry), path.join(dir, entry), { recursive: true });
      }
      fs.copyFileSync(path.join(APP, 'package.json'), path.join(dir, 'package.json'));
      committedAsItIs(dir);
      first = await firstRun(dir);
    }, SLOW);

    it('before the migration, the audit names the places the codemod rewrites and leaves for a person what it leaves', () => {
      const { auditBefore, dry } = first;
      expect(auditBefore.code).toBe(0);
      expect(first.dryCode).toBe(0);
      expect(dry.summary.changed).toBeGreaterThan(0);
      expect(handledPlaces(auditBefore.report)).toEqual(rewrittenPlaces(dry));
      // The poster's context methods are migrated with its createCanvasContext, which the codemod rewrites.
      const followed = creatorsFollowed(auditBefore.report);
      expect(followed.length).toBeGreaterThan(0);
      expect(placeLines(rewrittenPlaces(dry))).toEqual(expect.arrayContaining([...new Set(followed)]));
      // The codemod's count also holds the app's own managers it routes through the runtime, which are no deprecated
      // API to the audit.
      const routed = routedAppApis.reduce((sum, api) => sum + (dry.summary.calls[api] ?? 0), 0);
      expect(handledPlaces(auditBefore.report)).toHaveLength(dry.summary.callsTotal - routed);
      expect(auditBefore.report.needsPerson).toBe(dry.summary.manualReview);
      expect(leftByAudit(auditBefore.report)).toEqual(leftByCodemod(dry));
      // And the same files: looked at, and naming a legacy API.
      expect(auditBefore.report.stats).toMatchObject({
        filesLookedAt: dry.summary.scanned,
        filesNamingLegacyApi: dry.summary.namingLegacyApi,
      });
      console.log(
        `[e2e] Taro app, audit before: ${handledPlaces(auditBefore.report).length} handled by the rewrite, ${auditBefore.report.needsPerson} left for a person (the codemod: ${dry.summary.callsTotal} places, ${routed} of them the app's own managers it routes)`,
      );
    });

    it('migrates with no flag, and after it the audit finds nothing for the rewrite nor for a person', () => {
      const { auditAfter, dry, migration } = first;
      expect(migration.code, migration.output).toBe(0);
      expect(first.statusAfterMigration.split('\n').filter(Boolean).sort()).toEqual(
        dry.files
          .filter((f) => f.status === 'changed')
          .map((f) => ` M ${f.path}`)
          .sort(),
      );
      expect(migration.stdout).toContain('\nSummary\n');
      expect(
        nextBlock(migration.stdout)?.some((l) => l.endsWith('audit --verify')),
        migration.stdout,
      ).toBe(true);
      expect(handledPlaces(auditAfter.report)).toEqual([]);
      expect(creatorsFollowed(auditAfter.report)).toEqual([]);
      expect(auditAfter.report.needsPerson).toBe(0);
      const verify = auditAfter.report.verify!;
      expect(verify.unchecked).toBeUndefined();
      expect([...verify.migratedFiles].sort()).toEqual(
        dry.files
          .filter((f) => f.status === 'changed')
          .map((f) => f.path)
          .sort(),
      );
      console.log(
        `[e2e] Taro app, audit --verify after: exit ${auditAfter.code}, new diagnostics: ${JSON.stringify(verify.introduced)}`,
      );
    });

    it("audit --verify passes after the migration, under the app's own tsconfig", () => {
      const { auditAfter } = first;
      expect(auditAfter.report.verify!.introduced).toEqual([]);
      expect(auditAfter.code).toBe(0);
    });
  });
});
