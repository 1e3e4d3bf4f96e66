/**
 * The codemod and `eslint --fix` on the same trees: the example apps and a project of
 * every fixture input, each its own project (its package.json decides the runtime entry,
 * its files whether the app's own getRecorderManager is routed). The codemod runs per
 * project, as a team runs it; ESLint once over all of them, as installed from the tarball
 * would be (the built `taro-plugin-record-compat/eslint` through node_modules, and for
 * ESLint 8's eslintrc the small `eslint-plugin-record-compat` package of this repository):
 *
 * - ESLint 9 with eslint.config.js (configs.recommended), ESLint 8.57 with .eslintrc.json
 *   (`extends: plugin:record-compat/recommended`);
 * - the rule reports exactly the places the codemod's --json report lists for each file;
 * - `--fix` leaves every file byte for byte as the codemod writes it.
 *
 * Uses dist/ (npm run build).
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unprivileged, type OtherUser } from '../helpers/other-user';
import { ROOT } from '../helpers/paths';
import { runProcess } from '../helpers/process';
import { makeTempProject, removeTempProjects, snapshot } from '../helpers/temp-project';
import { assertBuilt, runJson } from '../cli/helpers';

const RULE = 'record-compat/no-deprecated-api';
const FIXTURES = path.join(ROOT, '__testfixtures__');
const EXTENSIONS = ['.js', '.jsx', '.ts', '.tsx', '.vue'];

/** Every project of the tree: where it comes from in the repository, and where it goes. */
const PROJECTS: { name: string; from: string }[] = [
  { name: 'taro-app', from: 'examples/taro-app' },
  { name: 'taro-vue-app', from: 'examples/taro-vue-app' },
  { name: 'taro2-app', from: 'examples/taro2-app' },
  { name: 'legacy-miniprogram', from: 'examples/legacy/miniprogram' },
  { name: 'legacy-taro', from: 'examples/legacy/taro' },
];

/** The files git tracks under a folder of the repository (not an example's node_modules or dist). */
function trackedFiles(from: string): string[] {
  const out = spawnSync('git', ['ls-files', '-z', from], { cwd: ROOT, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(out.stderr);
  return out.stdout.split('\0').filter((f) => f !== '');
}

/**
 * A fixture whose canvas the codemod moves with its template (NAME.output.wxml): the rule, which sees one file, leaves
 * it for a person by design (test/eslint/fixtures.test.ts holds what it does), so the two doors differ there.
 */
const movesWithTemplate = (file: string): boolean =>
  fs.existsSync(path.join(FIXTURES, `${file.slice(0, file.indexOf('.input.'))}.output.wxml`));
/** The example app's page whose canvas the codemod moves with its JSX, left out for the same reason. */
const EXAMPLE_CANVAS_PAGE = 'taro-app/src/pages/poster/index.tsx';

/** The projects' files, by path in the tree. */
function treeFiles(): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  for (const { name, from } of PROJECTS) {
    for (const file of trackedFiles(from))
      files[path.posix.join(name, path.posix.relative(from, file))] = fs.readFileSync(path.join(ROOT, file));
  }
  // What the rule does on such a page: test/eslint/canvas.test.ts.
  delete files[EXAMPLE_CANVAS_PAGE];
  // A project whose only use is the app's own RecorderManager: nothing to report, nothing to fix.
  files['own-recorder/package.json'] = Buffer.from(JSON.stringify({ name: 'own-recorder', private: true }, null, 2));
  for (const fixture of ['recorder-manager-wx-page', 'recorder-manager-taro-default']) {
    for (const file of fs.readdirSync(FIXTURES).filter((f) => f.startsWith(`${fixture}.input.`)))
      files[`own-recorder/${file}`] = fs.readFileSync(path.join(FIXTURES, file));
  }
  // A page saved in GBK (中文 in a comment and a string): the codemod fails it, the rule reports that and fixes nothing.
  files['gbk-page/package.json'] = Buffer.from(JSON.stringify({ name: 'gbk-page', private: true }, null, 2));
  const chinese = Buffer.from([0xd6, 0xd0, 0xce, 0xc4]); // 中文 in GBK
  files['gbk-page/index.js'] = Buffer.concat([
    Buffer.from('// '),
    chinese,
    Buffer.from("\nwx.startRecord({ success(res) { console.log('"),
    chinese,
    Buffer.from("', res.tempFilePath) } })\n"),
  ]);
  // Every fixture input, in a native mini-program project (no @tarojs/taro dependency) and in a Taro one.
  for (const [project, deps] of [
    ['fixtures-native', {}],
    ['fixtures-taro', { '@tarojs/taro': '^4.0.0' }],
  ] as const) {
    files[`${project}/package.json`] = Buffer.from(
      JSON.stringify({ name: project, private: true, dependencies: deps }, null, 2),
    );
    for (const file of fs.readdirSync(FIXTURES).filter((f) => f.includes('.input.') && !movesWithTemplate(f)))
      files[`${project}/${file}`] = fs.readFileSync(path.join(FIXTURES, file));
  }
  return files;
}

/** The script files of a tree (not node_modules, not ESLint's config), by path, with their bytes (base64). */
const scripts = (dir: string): Map<string, string> =>
  snapshot(dir, (rel, isFolder) => {
    const name = path.posix.basename(rel);
    return isFolder
      ? name !== 'node_modules'
      : EXTENSIONS.includes(path.extname(name)) && !/^(eslint\.config|\.eslintrc)/.test(name);
  });
/** A script's text from `scripts`, byte for byte (latin1). */
const textOf = (bytes: string): string => Buffer.from(bytes, 'base64').toString('latin1');

function linkPackages(dir: string): void {
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(modules, { recursive: true });
  fs.symlinkSync(ROOT, path.join(modules, 'taro-plugin-record-compat'), 'dir');
  // A copy, as npm installs it: its require() of taro-plugin-record-compat resolves from here.
  fs.cpSync(
    path.join(ROOT, 'packages/eslint-plugin-record-compat'),
    path.join(modules, 'eslint-plugin-record-compat'),
    { recursive: true },
  );
}

const resolved = (name: string) => JSON.stringify(require.resolve(name));

/** ESLint 9: eslint.config.js with the project's parsers and configs.recommended. */
const FLAT_CONFIG = `
const recordCompat = require('taro-plugin-record-compat/eslint');
const tsParser = require(${resolved('@typescript-eslint/parser')});
const vueParser = require(${resolved('vue-eslint-parser')});
module.exports = [
  { files: ['**/*.{js,jsx}'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } } },
  { files: ['**/*.{ts,tsx}'], languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } } },
  { files: ['**/*.vue'], languageOptions: { parser: vueParser, parserOptions: { parser: tsParser, sourceType: 'module' } } },
  recordCompat.configs.recommended,
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
];
`;

/** ESLint 8: .eslintrc.json as a Taro 3 template has one, with the plugin found by its package name. */
const ESLINTRC = {
  root: true,
  parserOptions: { ecmaVersion: 'latest', sourceType: 'module', ecmaFeatures: { jsx: true } },
  extends: ['plugin:record-compat/recommended'],
  overrides: [
    { files: ['*.ts', '*.tsx'], parser: require.resolve('@typescript-eslint/parser') },
    {
      files: ['*.vue'],
      parser: require.resolve('vue-eslint-parser'),
      parserOptions: { parser: require.resolve('@typescript-eslint/parser') },
    },
  ],
};

interface EslintMessage {
  ruleId: string | null;
  messageId?: string;
  line: number;
  column: number;
  message: string;
  fatal?: boolean;
}

type EslintResults = { filePath: string; messages: EslintMessage[] }[];

/** ESLint over the tree (half a minute with --fix: waited for without blocking the worker, test/helpers/process.ts). */
async function runEslint(bin: string, dir: string, args: string[]): Promise<EslintResults> {
  const env = { ...process.env };
  delete env.ESLINT_USE_FLAT_CONFIG; // each ESLint in its own default mode
  const r = await runProcess(process.execPath, [bin, '--format', 'json', ...args, '.'], { cwd: dir, env });
  if (r.stdout.trim() === '') throw new Error(`eslint printed nothing (exit ${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Our rule's places per file, `line:column` as ESLint counts (1-based columns); every other message, to show. */
function placesOf(
  results: EslintResults,
  dir: string,
): { places: Map<string, string[]>; others: string[]; unlisted: Map<string, number> } {
  const places = new Map<string, string[]>();
  const others: string[] = [];
  // What the rule says of the file as a whole, not of a place: its project does not list the runtime package it
  // imports.
  const unlisted = new Map<string, number>();
  for (const result of results) {
    const rel = path.relative(dir, result.filePath).split(path.sep).join('/');
    for (const m of result.messages) {
      if (m.ruleId === RULE && m.messageId === 'runtimeUnlisted') unlisted.set(rel, (unlisted.get(rel) ?? 0) + 1);
      else if (m.ruleId === RULE) places.set(rel, [...(places.get(rel) ?? []), `${m.line}:${m.column}`].sort());
      else if (m.fatal || m.ruleId === null) others.push(`${rel}:${m.line}:${m.column} ${m.message}`);
    }
  }
  return { places, others, unlisted };
}

/**
 * The codemod, run per project with --json: its new files on disk, its places per file (paths from the tree's root).
 */
function codemodPlaces(dir: string): Map<string, string[]> {
  const places = new Map<string, string[]>();
  for (const { name } of [
    ...PROJECTS,
    { name: 'own-recorder' },
    { name: 'gbk-page' },
    { name: 'fixtures-native' },
    { name: 'fixtures-taro' },
  ]) {
    const { code, report } = runJson(path.join(dir, name), []);
    expect(code, `${name}: ${JSON.stringify(report.failures)}`).toBeLessThanOrEqual(1);
    for (const file of report.files as {
      path: string;
      rewritten: { line: number; column: number }[];
      manual: { line: number; column: number }[];
      skipped: unknown;
      error: { line: number | null; column: number | null } | null;
    }[]) {
      const sites = file.skipped ? [] : [...file.rewritten, ...file.manual].map((s) => `${s.line}:${s.column + 1}`);
      if (file.error) sites.push(`${file.error.line ?? 1}:${(file.error.column ?? 0) + 1}`);
      if (sites.length > 0) places.set(`${name}/${file.path}`, sites.sort());
    }
  }
  return places;
}

/** The tree as the repository has it (treeFiles), read once: it runs git and reads every fixture. */
let original: Record<string, Buffer>;
let codemodTree: string;
let expectedPlaces: Map<string, string[]>;
let codemodScripts: Map<string, string>;

beforeAll(() => {
  assertBuilt();
  original = treeFiles();
  codemodTree = makeTempProject(original, { git: false, prefix: 'record-compat-eslint-codemod-' });
  expectedPlaces = codemodPlaces(codemodTree);
  codemodScripts = scripts(codemodTree);
}, 300_000);

afterAll(removeTempProjects);

/** The example WeChat loads as it is (project.config.json beside app.json). */
const AS_IS_MINI_PROGRAM = 'legacy-miniprogram';

const ESLINTS = [
  {
    name: 'ESLint 9, eslint.config.js with configs.recommended',
    bin: path.join(path.dirname(require.resolve('eslint/package.json')), 'bin/eslint.js'),
    args: [] as string[],
    setUp: (dir: string) => fs.writeFileSync(path.join(dir, 'eslint.config.js'), FLAT_CONFIG),
  },
  {
    // ESLint 9.34+ lints in worker threads: each loads the rule and takes the project's decisions on its own.
    name: 'ESLint 9, eslint.config.js, --concurrency 2',
    bin: path.join(path.dirname(require.resolve('eslint/package.json')), 'bin/eslint.js'),
    args: ['--concurrency', '2'],
    setUp: (dir: string) => fs.writeFileSync(path.join(dir, 'eslint.config.js'), FLAT_CONFIG),
  },
  {
    name: 'ESLint 8.57, .eslintrc.json with plugin:record-compat/recommended (eslint-plugin-record-compat)',
    bin: path.join(path.dirname(require.resolve('eslint8/package.json')), 'bin/eslint.js'),
    args: [
      '--ext',
      EXTENSIONS.join(','),
      '--no-eslintrc',
      '--config',
      '.eslintrc.json',
      '--resolve-plugins-relative-to',
      '.',
    ],
    setUp: (dir: string) => fs.writeFileSync(path.join(dir, '.eslintrc.json'), JSON.stringify(ESLINTRC, null, 2)),
  },
];

describe.each(ESLINTS)('$name, on the example apps and every fixture', ({ bin, args, setUp }) => {
  let tree: string;
  beforeAll(() => {
    tree = makeTempProject(original, { git: false, prefix: 'record-compat-eslint-' });
    linkPackages(tree);
    setUp(tree);
  });

  it('reports exactly the places the codemod rewrites or lists', async () => {
    const { places, others, unlisted } = placesOf(await runEslint(bin, tree, args), tree);
    expect(others, 'files ESLint could not lint').toEqual([]);
    // The fixtures' projects do not list the runtime package: said once in each file the fix would make import it,
    // never per place.
    expect(unlisted.get('fixtures-native/wechat-page.input.js')).toBe(1);
    expect([...unlisted.values()].every((n) => n === 1)).toBe(true);
    expect(expectedPlaces.size).toBeGreaterThan(80);
    expect(Object.fromEntries([...places].sort())).toEqual(Object.fromEntries([...expectedPlaces].sort()));
    // the same files are routed in one project and not in the other
    expect([...places.keys()].filter((file) => file.startsWith('own-recorder/'))).toEqual([]);
    expect(places.get('fixtures-native/recorder-manager-wx-page.input.js')?.length).toBeGreaterThan(0);
    expect(places.get('gbk-page/index.js')).toEqual(['1:1']);
  }, 300_000);

  it('--fix leaves every file byte for byte as the codemod writes it', async () => {
    await runEslint(bin, tree, [...args, '--fix']);
    const fixed = scripts(tree);
    // WeChat loads the legacy mini-program as it is: the codemod gives it a local copy of the
    // runtime, which a lint fix cannot write, so ESLint leaves its pages as they are (each place
    // reported with the codemod's command); every other file is fixed to the codemod's bytes.
    const asIs = (file: string) => file.startsWith(`${AS_IS_MINI_PROGRAM}/`);
    const copies = [...codemodScripts.keys()].filter(
      (file) => asIs(file) && /\/utils\/record-compat\.(js|d\.ts)$/.test(file),
    );
    expect(copies).toHaveLength(2);
    expect([...fixed.keys()].sort()).toEqual(
      [...codemodScripts.keys()].filter((file) => !copies.includes(file)).sort(),
    );
    const expected = (file: string) => (asIs(file) ? original[file].toString('base64') : codemodScripts.get(file));
    const differing = [...fixed].filter(([file, text]) => expected(file) !== text).map(([file]) => file);
    expect(differing).toEqual([]);
    expect(fixed.get('gbk-page/index.js')).toBe(original['gbk-page/index.js'].toString('base64'));
    // and something was migrated at all
    expect(
      [...fixed].filter(
        ([file, bytes]) =>
          textOf(bytes).includes('record-compat-runtime') &&
          !original[file]?.toString('latin1').includes('record-compat-runtime'),
      ).length,
    ).toBeGreaterThan(50);
  }, 300_000);
});

describe('ESLint 9 with --cache, after a change to a template alone', () => {
  it('may answer from the cache for the unchanged script (as the rule page says), but --fix lints it again and fixes nothing from the old answer', async () => {
    const page = "const ctx = wx.createAudioContext('hidden')\nexport default ctx\n";
    const dir = makeTempProject(
      {
        'package.json': '{ "name": "cached", "private": true, "dependencies": { "record-compat-runtime": "0.1.0" } }\n',
        'pages/a/a.js': page,
        'pages/a/a.wxml': '<audio id="hidden" src="/a.mp3"/>\n',
      },
      { git: false, prefix: 'record-compat-eslint-cache-' },
    );
    linkPackages(dir);
    fs.writeFileSync(path.join(dir, 'eslint.config.js'), FLAT_CONFIG);
    const bin = path.join(path.dirname(require.resolve('eslint/package.json')), 'bin/eslint.js');
    const lint = async (...args: string[]) =>
      (await runEslint(bin, dir, ['--cache', ...args])).find((r) => r.filePath.endsWith('a.js'))!.messages;
    expect(await lint()).toMatchObject([{ ruleId: RULE, line: 1, fix: expect.anything() }]);
    // The element now shows its controls: the call must be left to a person.
    fs.writeFileSync(path.join(dir, 'pages/a/a.wxml'), '<audio id="hidden" src="/a.mp3" controls/>\n');
    expect(await lint()).toMatchObject([{ ruleId: RULE, fix: expect.anything() }]);
    const fixed = await lint('--fix');
    expect(fixed).toMatchObject([
      { ruleId: RULE, line: 1, message: expect.stringMatching(/at a\.wxml:1 shows its own controls/) },
    ]);
    expect(fixed[0]).not.toHaveProperty('fix');
    expect(fs.readFileSync(path.join(dir, 'pages/a/a.js'), 'utf8')).toBe(page);
  });
});

describe("ESLint 9 as a user who cannot read part of the project: the app's own manager", () => {
  const why = typeof unprivileged === 'string' ? ` (skipped: ${unprivileged})` : '';
  it.skipIf(typeof unprivileged === 'string')(
    `is reported with the folder it could not read, and left as it is${why}`,
    () => {
      const user = unprivileged as OtherUser;
      const page = 'const recorder = wx.getRecorderManager()\nrecorder.start({})\n';
      const dir = makeTempProject(
        {
          'package.json': '{ "name": "locked", "private": true }\n',
          'pages/own.js': page,
          'secret/legacy.js': 'wx.startRecord({})\n',
        },
        { git: false, prefix: 'record-compat-eslint-locked-' },
      );
      linkPackages(dir);
      fs.writeFileSync(path.join(dir, 'eslint.config.js'), FLAT_CONFIG);
      if (user.name) execFileSync('chown', ['-R', user.name, dir]);
      fs.chmodSync(path.join(dir, 'secret'), 0o000);
      try {
        const bin = path.join(path.dirname(require.resolve('eslint/package.json')), 'bin/eslint.js');
        const r = user.run(dir, [bin, '--format', 'json', '--fix', 'pages']);
        const [result] = JSON.parse(r.stdout) as { messages: EslintMessage[] }[];
        expect(result.messages).toMatchObject([
          {
            ruleId: RULE,
            line: 1,
            column: 18,
            message: expect.stringMatching(
              /^getRecorderManager: cannot tell whether this project has legacy record calls, .*\(secret: could not read the folder: EACCES\); it is left as it is: set the rule's option routeRecorderManager to decide$/,
            ),
          },
        ]);
        expect(fs.readFileSync(path.join(dir, 'pages/own.js'), 'utf8')).toBe(page);
      } finally {
        fs.chmodSync(path.join(dir, 'secret'), 0o755);
      }
    },
  );
});
