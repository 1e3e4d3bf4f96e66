/**
 * Installing: `npm i -D taro-plugin-record-compat` (and pnpm's and yarn's `add`) in each kind of
 * Taro project the suite builds, from the packed tarball, must work as typed and leave the app's
 * ESLint as it was. Each project is its package.json with the ESLint its Taro template writes
 * (ESLint 5.16 in Taro 1.3 and 2, which Taro's own packages pin too; 8.x in Taro 3.6 and 4), and
 * npm its package-lock.json too: the dependency trees are resolved against the npm registry, not
 * downloaded (npm's `--package-lock-only`, pnpm's `--lockfile-only`, Yarn 4's
 * `--mode=update-lockfile`), which is where a peer range refuses or replaces a version.
 *
 * Then the rule under the ESLint those Taro 1.3 and 2 projects pin: ESLint 5.16 with the Taro 2
 * template's parser (babel-eslint) and eslintrc fixes the Taro 2 example's scripts as the codemod
 * writes them, and an ESLint older than the rule is tested on (4.19) is told in one sentence what
 * it needs.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, TARO2_EXAMPLE, TMP, cleanEnv, migrateCopyWithCli, run, withLock } from './helpers/example';
import { packageFromRegistry } from './helpers/node-from-registry';
import { packedTarballs } from './helpers/packed';
import { snapshot } from '../helpers/temp-project';

const PACKAGE = 'taro-plugin-record-compat';
const DIR = path.join(TMP, 'install');
/**
 * The package managers, pinned: the newest pnpm 9 and Yarn 4 (Yarn 1 leaves optional peers unchecked). Each is one
 * script with no dependencies, unpacked once under .tmp/ from the registry and run by this Node (npx looked each up
 * again on every call).
 */
const PNPM = { name: 'pnpm', version: '9.15.9', bin: 'bin/pnpm.cjs' };
const YARN = { name: '@yarnpkg/cli-dist', version: '4.18.1', bin: 'bin/yarn.js' };
const packageManager = async ({ name, version, bin }: typeof PNPM): Promise<string> =>
  path.join(await packageFromRegistry(name, version, `${name}@${version} is not on the registry`), bin);
/** Resolving a Taro project's tree against the registry: a minute or two each on a loaded 2-core machine. */
const RESOLVE = 15 * 60_000;

/** Each kind of Taro project the suite builds, with the ESLint range its `taro init` template writes. */
const PROJECTS = [
  { name: 'Taro 1.3', from: 'test/e2e/taro1', eslint: '^5.16.0' },
  { name: 'Taro 2.2', from: 'test/e2e/taro2', eslint: '^5.16.0' },
  { name: 'Taro 3.6, webpack 4', from: 'test/e2e/taro3-webpack4', eslint: '^8.12.0' },
  { name: 'Taro 3.6', from: 'test/e2e/taro36', eslint: '^8.12.0' },
  { name: 'Taro 4', from: 'examples/taro-app', eslint: '^8.57.0' },
] as const;

let tarball = '';
/**
 * The runtime package's tarball, which the tool depends on and the app lists: not on the registry before it is
 * published.
 */
let runtimeTarball = '';
const RUNTIME = 'record-compat-runtime';

beforeAll(async () => {
  // Packed once per run: pack.test.ts installs the same tarballs (helpers/packed.ts).
  const packed = await packedTarballs();
  tarball = packed.tool.file;
  runtimeTarball = packed.runtime.file;
}, RESOLVE);

/**
 * The project's package.json as its user has it before adding this package: the template's ESLint, and no line for this
 * package.
 */
function userManifest(from: string, eslint: string): Record<string, Record<string, string> | unknown> {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, from, 'package.json'), 'utf8'));
  delete manifest.dependencies[PACKAGE];
  // A package the test app takes from this repository by a relative path (its UI library) means nothing in a folder of
  // its own; a user's project lists packages from a registry.
  for (const deps of [manifest.dependencies, manifest.devDependencies ?? {}]) {
    for (const [name, spec] of Object.entries(deps)) if (String(spec).startsWith('file:')) delete deps[name];
  }
  manifest.devDependencies = { ...manifest.devDependencies, eslint };
  // The runtime the app lists, from its tarball; each package manager is told to take it for the tool's dependency too.
  const runtime = `file:${runtimeTarball}`;
  manifest.dependencies[RUNTIME] = runtime;
  manifest.overrides = { ...manifest.overrides, [RUNTIME]: runtime };
  manifest.pnpm = { ...manifest.pnpm, overrides: { ...manifest.pnpm?.overrides, [RUNTIME]: runtime } };
  return manifest;
}

/** A fresh folder under .tmp/install/ holding `files`. */
function projectFolder(name: string, files: Record<string, string>): string {
  const dir = path.join(DIR, name.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
  return dir;
}

/** Every ESLint in an npm lock, by where it is installed. */
function eslintsInLock(dir: string): Record<string, string> {
  const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
  return Object.fromEntries(
    Object.entries(lock.packages as Record<string, { version: string }>)
      .filter(([at]) => /(^|\/)node_modules\/eslint$/.test(at))
      .map(([at, node]) => [at, node.version]),
  );
}

/** What a run printed, for a failure's message. */
const tail = (output: string) => output.slice(-6000);

describe.each(PROJECTS)('$name project', ({ name, from, eslint }) => {
  it(
    `npm: installs with a plain \`npm install -D\`, every ESLint of the tree left as it was`,
    async () => {
      const dir = projectFolder(`${name}-npm`, {
        'package.json': JSON.stringify(userManifest(from, eslint), null, 2),
        'package-lock.json': fs.readFileSync(path.join(ROOT, from, 'package-lock.json'), 'utf8'),
      });
      // The registry's data as npm's cache holds it, as pnpm's --prefer-offline below: a first run fetches it.
      const lockOnly = ['--package-lock-only', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'];
      // The project as its user has it: its lock with the template's ESLint in it.
      const before = await run('npm', ['install', ...lockOnly], { cwd: dir, env: cleanEnv(), timeoutMs: RESOLVE });
      expect(before.code, tail(before.output)).toBe(0);
      const eslints = eslintsInLock(dir);
      expect(eslints['node_modules/eslint']).toBeDefined();

      const added = await run('npm', ['install', '--save-dev', tarball, ...lockOnly], {
        cwd: dir,
        env: cleanEnv(),
        timeoutMs: RESOLVE,
      });
      expect(added.output).not.toMatch(/ERESOLVE/);
      expect(added.code, tail(added.output)).toBe(0);
      expect(
        JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8')).packages[`node_modules/${PACKAGE}`],
      ).toBeDefined();
      expect(eslintsInLock(dir)).toEqual(eslints);
    },
    RESOLVE,
  );

  it(
    `pnpm: installs with \`pnpm add -D\`, no peer dependency of this package unmet`,
    async () => {
      const dir = projectFolder(`${name}-pnpm`, {
        'package.json': JSON.stringify(userManifest(from, eslint), null, 2),
      });
      const added = await run(
        process.execPath,
        [
          await packageManager(PNPM),
          'add',
          '--save-dev',
          tarball,
          '--lockfile-only',
          '--prefer-offline',
          '--reporter=ndjson',
        ],
        { cwd: dir, env: cleanEnv(), timeoutMs: RESOLVE },
      );
      expect(added.code, tail(added.output)).toBe(0);
      expect(fs.readFileSync(path.join(dir, 'pnpm-lock.yaml'), 'utf8')).toContain(PACKAGE);
      expect(pnpmPeerIssuesOf(added.stdout + added.stderr)).toEqual([]);
    },
    RESOLVE,
  );

  it(
    `yarn 4: installs with \`yarn install\`, no peer dependency of this package unmet`,
    async () => {
      const manifest = userManifest(from, eslint) as { devDependencies: Record<string, string> };
      manifest.devDependencies[PACKAGE] = `file:${tarball}`;
      const dir = projectFolder(`${name}-yarn`, {
        'package.json': JSON.stringify(yarnManifest(manifest), null, 2),
        // Its own project: Yarn looks no further up for one.
        'yarn.lock': '',
        '.yarnrc.yml': 'nodeLinker: node-modules\nenableTelemetry: false\n',
      });
      const added = await run(
        process.execPath,
        [await packageManager(YARN), 'install', '--mode=update-lockfile', '--json'],
        {
          cwd: dir,
          env: cleanEnv({ YARN_ENABLE_IMMUTABLE_INSTALLS: 'false' }),
          timeoutMs: RESOLVE,
        },
      );
      expect(added.code, tail(added.output)).toBe(0);
      expect(fs.readFileSync(path.join(dir, 'yarn.lock'), 'utf8')).toContain(PACKAGE);
      expect(yarnPeerWarningsOf(added.stdout)).toEqual([]);
    },
    RESOLVE,
  );
});

/**
 * The peer dependencies of this package pnpm warns of (its ndjson log), as `name wanted found`:
 * each one found at a version its range does not take, and each one missing that is not optional.
 */
function pnpmPeerIssuesOf(ndjson: string): string[] {
  type Issue = { parents: { name: string }[]; wantedRange: string; foundVersion?: string; optional?: boolean };
  const issues: string[] = [];
  for (const line of ndjson.split('\n')) {
    if (!line.includes('pnpm:peer-dependency-issues')) continue;
    const byProject = (
      JSON.parse(line) as {
        issuesByProjects: Record<string, { bad: Record<string, Issue[]>; missing: Record<string, Issue[]> }>;
      }
    ).issuesByProjects;
    for (const { bad, missing } of Object.values(byProject)) {
      const warned = [
        ...Object.entries(bad),
        ...Object.entries(missing).map(([peer, list]) => [peer, list.filter((issue) => !issue.optional)] as const),
      ];
      for (const [peer, list] of warned) {
        for (const issue of list)
          if (issue.parents.at(-1)?.name === PACKAGE)
            issues.push(`${peer} ${issue.wantedRange} ${issue.foundVersion ?? 'missing'}`);
      }
    }
  }
  return issues;
}

/** Yarn's warnings that a peer dependency of this package is missing or mismatched (YN0002, YN0060). */
function yarnPeerWarningsOf(json: string): string[] {
  return json
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { displayName?: string; data?: string })
    .filter(
      (entry) => (entry.displayName === 'YN0002' || entry.displayName === 'YN0060') && entry.data?.includes(PACKAGE),
    )
    .map((entry) => `${entry.displayName} ${entry.data}`);
}

/**
 * The manifest as a Yarn user of the project writes it: npm's `overrides` (the platform packages
 * Taro names at versions never published) as Yarn's `resolutions`.
 */
function yarnManifest(manifest: Record<string, unknown>): Record<string, unknown> {
  const { overrides, ...rest } = manifest as { overrides?: Record<string, unknown> };
  if (!overrides) return rest;
  const resolutions: Record<string, string> = {};
  for (const [name, value] of Object.entries(overrides)) {
    if (typeof value === 'string') resolutions[name] = value;
    else
      for (const [child, version] of Object.entries(value as Record<string, string>))
        resolutions[`${name}/${child}`] = version;
  }
  return { ...rest, resolutions };
}

/**
 * The ESLint a Taro 1.3 or 2 project pins (eslint-config-taro's, the template's), and the one before the oldest the
 * rule takes.
 */
const TARO2_ESLINT = '5.16.0';
const TOO_OLD_ESLINT = '4.19.1';
/** The parser the Taro 1.3 and 2 templates give ESLint. */
const BABEL_ESLINT = '8.2.6';

/**
 * ESLint `version` with babel-eslint from the registry, installed once under .tmp/install/, with
 * this package (the build) and its eslintrc re-export beside it, where ESLint 5's eslintrc
 * looks a plugin up (its own node_modules).
 */
async function eslintFromRegistry(version: string): Promise<string> {
  const dir = path.join(DIR, `eslint-${version}`);
  return withLock(`eslint-${version}`, async () => {
    if (!fs.existsSync(path.join(dir, 'node_modules/eslint/package.json'))) {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `eslint-${version}`, private: true }));
      const installed = await run(
        'npm',
        [
          'install',
          '--prefer-offline',
          '--no-audit',
          '--no-fund',
          '--ignore-scripts',
          `eslint@${version}`,
          `babel-eslint@${BABEL_ESLINT}`,
        ],
        { cwd: dir, env: cleanEnv(), timeoutMs: RESOLVE },
      );
      if (installed.code !== 0) throw new Error(`installing ESLint ${version} failed:\n${tail(installed.output)}`);
    }
    const modules = path.join(dir, 'node_modules');
    fs.rmSync(path.join(modules, PACKAGE), { recursive: true, force: true });
    fs.symlinkSync(ROOT, path.join(modules, PACKAGE), 'dir');
    fs.rmSync(path.join(modules, 'eslint-plugin-record-compat'), { recursive: true, force: true });
    fs.cpSync(
      path.join(ROOT, 'packages/eslint-plugin-record-compat'),
      path.join(modules, 'eslint-plugin-record-compat'),
      { recursive: true },
    );
    return dir;
  });
}

/**
 * The Taro 2 example's project (its source, and the Taro 2 project's package.json) at `dir`, with the Taro 2 template's
 * eslintrc.
 */
function taro2ProjectWithEslintrc(dir: string, eslint: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  // A repository of its own, as the codemod's copy is: the rule walks the project by its git rules (.tmp/ is this
  // repository's ignored folder).
  execFileSync('git', ['init', '-q'], { cwd: dir });
  fs.cpSync(path.join(TARO2_EXAMPLE, 'src'), path.join(dir, 'src'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'test/e2e/taro2/package.json'), path.join(dir, 'package.json'));
  const eslintrc = {
    root: true,
    parser: path.join(eslint, 'node_modules/babel-eslint'),
    parserOptions: { ecmaVersion: 2018, sourceType: 'module', ecmaFeatures: { jsx: true, legacyDecorators: true } },
    extends: ['plugin:record-compat/recommended'],
  };
  fs.writeFileSync(path.join(dir, '.eslintrc.json'), JSON.stringify(eslintrc, null, 2));
}

/**
 * ESLint of the install at `eslint`, run in `cwd` over its src/ (.js and .jsx, as ESLint 5 lints by default), with
 * `args`.
 */
function lint(eslint: string, cwd: string, args: string[]) {
  return run(
    process.execPath,
    [
      path.join(eslint, 'node_modules/eslint/bin/eslint.js'),
      '--no-eslintrc',
      '--config',
      '.eslintrc.json',
      '--ext',
      '.js,.jsx',
      ...args,
      'src',
    ],
    { cwd, env: cleanEnv(), timeoutMs: RESOLVE },
  );
}

/** The JavaScript files of a project's src/, by path, with their bytes (base64). */
const scripts = (dir: string) => snapshot(path.join(dir, 'src'), (rel, isFolder) => isFolder || /\.jsx?$/.test(rel));

describe("the rule under the ESLint of a Taro 1.3 or 2 project's eslintrc", () => {
  it(
    `ESLint ${TARO2_ESLINT} (babel-eslint): --fix leaves the Taro 2 example's scripts as the codemod writes them`,
    async () => {
      const eslint = await eslintFromRegistry(TARO2_ESLINT);
      const linted = path.join(eslint, 'taro2-app');
      taro2ProjectWithEslintrc(linted, eslint);
      const codemod = path.join(DIR, 'taro2-app-codemod');
      const report = await migrateCopyWithCli(linted, codemod, ['src', 'package.json']);
      expect(Object.values(report.summary.callsByKind).reduce((sum, n) => sum + n, 0)).toBeGreaterThan(10);

      const before = await lint(eslint, linted, ['--format', 'json']);
      const reported = (
        JSON.parse(before.stdout) as { messages: { ruleId: string | null; fatal?: boolean }[] }[]
      ).flatMap((file) => file.messages);
      expect(reported.filter((m) => m.fatal || m.ruleId !== 'record-compat/no-deprecated-api')).toEqual([]);
      expect(reported.length).toBeGreaterThan(10);

      const fixed = await lint(eslint, linted, ['--fix']);
      expect(fixed.code, tail(fixed.output)).toBe(0);
      const expected = scripts(codemod);
      expect(expected.size).toBeGreaterThan(5);
      expect(scripts(linted)).toEqual(expected);
    },
    RESOLVE,
  );

  it(
    `ESLint ${TOO_OLD_ESLINT}: the plugin fails to load with one sentence saying what it needs, no stack`,
    async () => {
      const eslint = await eslintFromRegistry(TOO_OLD_ESLINT);
      const linted = path.join(eslint, 'taro2-app');
      taro2ProjectWithEslintrc(linted, eslint);
      const r = await lint(eslint, linted, []);
      expect(r.code).not.toBe(0);
      expect(r.output).toContain(
        `taro-plugin-record-compat/eslint needs ESLint 5.16.0 or newer, and this is ESLint ${TOO_OLD_ESLINT} (${path.join(eslint, 'node_modules/eslint')})`,
      );
      expect(r.output).not.toMatch(/\n\s+at /);
    },
    RESOLVE,
  );
});
