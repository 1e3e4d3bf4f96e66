/**
 * `taro record-compat`: the build plugin registers the command with Taro (a fake ctx
 * records the registration, as @tarojs/service's Plugin.registerCommand stores it) and
 * the command runs the package's program over the project's source root, with the same
 * output and exit codes as the npx bin given that folder. Each run is a child process
 * whose process.argv is Taro CLI's (`node taro record-compat …`), calling the command's
 * fn as Taro's kernel does. Uses dist/ (npm run build).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programArgv, wordsAfterCommand } from '../../src/taro-plugin/command';
import {
  assertBuilt,
  cleanupProjects,
  commitAll,
  makeProject,
  read,
  ROOT,
  TARO_SOURCE,
  WX_PAGE,
  mainInProcess,
} from './helpers';
import { runProcess } from '../helpers/process';

const PLUGIN = path.join(ROOT, 'dist', 'src', 'taro-plugin', 'index.js');

/** A Taro project: its config's sourceRoot is `client` here, to tell it from `src`. */
function taroProject(): string {
  return makeProject({
    // the build plugin is in its config: the package is among its dependencies
    'package.json': JSON.stringify({
      name: 'app',
      dependencies: { '@tarojs/taro': '^4.0.0', 'record-compat-runtime': '*' },
      devDependencies: { 'taro-plugin-record-compat': '*' },
    }),
    'client/pages/index/index.ts': TARO_SOURCE,
    'client/pages/voice/index.js': WX_PAGE,
    'scripts/not-the-source.js': WX_PAGE,
  });
}

/** Loads the plugin with a fake ctx, then runs what it registered as Taro's CLI would. */
const RUNNER = `
// node -e: the arguments start at argv[1]
const [pluginPath, appPath, sourcePath, ...words] = process.argv.slice(1);
const plugin = require(pluginPath);
const commands = [];
const ctx = {
  appPath,
  paths: { appPath, sourcePath },
  registerCommand: (command) => commands.push(command),
  addPluginOptsSchema() {}, modifyWebpackChain() {}, modifyViteConfig() {}, onBuildFinish() {},
};
// What Taro's kernel evaluated (initialConfig, paths.configPath), when the test gives it.
const given = JSON.parse(process.env.TARO_CTX || '{}');
if (given.initialConfig) ctx.initialConfig = given.initialConfig;
if (given.configPath) ctx.paths.configPath = given.configPath;
(plugin.default || plugin)(ctx, {});
if (words[0] === '--registration') {
  process.stdout.write(JSON.stringify(commands.map((c) => ({ name: c.name, optionsMap: c.optionsMap, synopsisList: c.synopsisList, fn: typeof c.fn }))));
  process.exit(0);
}
// Taro CLI's process.argv, and the opts its kernel hands the command.
process.argv = [process.argv[0], '/app/node_modules/.bin/taro', 'record-compat', ...words];
commands[0].fn({ _: ['record-compat'], options: {}, isHelp: false }).then(() => process.exit(process.exitCode || 0));
`;

async function runTaroCommand(
  dir: string,
  words: string[],
  taro: { initialConfig?: unknown; configPath?: string } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const r = await runProcess(process.execPath, ['-e', RUNNER, PLUGIN, dir, path.join(dir, 'client'), ...words], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', TARO_CTX: JSON.stringify(taro) },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(assertBuilt);
afterAll(cleanupProjects);

describe('taro record-compat', () => {
  it('is registered by the build plugin, and its help lists both commands and their options', async () => {
    const r = await runTaroCommand(taroProject(), ['--registration']);
    const [command] = JSON.parse(r.stdout);
    expect(command.name).toBe('record-compat');
    expect(command.fn).toBe('function');
    // Every option of the npx bin and its audit (their own --help), and no other: `taro record-compat --help` is Taro's
    // print of this list.
    const flagsOf = (help: string) =>
      [...help.matchAll(/^ {2}((?:-\w, )?--[\w-]+(?: <[\w-]+>)?)/gm)]
        .map((m) => m[1])
        .filter((flag) => flag !== '-h, --help');
    const cliFlags = new Set([
      ...flagsOf((await mainInProcess(ROOT, ['--help'])).stdout),
      ...flagsOf((await mainInProcess(ROOT, ['audit', '--help'])).stdout),
    ]);
    expect(cliFlags.has('--runtime <mode>') && cliFlags.has('-p, --project <file>')).toBe(true);
    expect(Object.keys(command.optionsMap).sort()).toEqual([...cliFlags].sort());
    expect(command.synopsisList.some((line: string) => /^taro record-compat audit/.test(line))).toBe(true);
    expect(command.synopsisList.some((line: string) => /^taro record-compat migrate/.test(line))).toBe(true);
  });

  it('migrates the source root (not the rest of the project), with the output and exit code of the npx bin given that folder', async () => {
    const viaTaro = taroProject();
    const viaNpx = taroProject();
    // Taro's process and the bin in this one, side by side.
    const [taro, npx] = await Promise.all([
      runTaroCommand(viaTaro, ['--dry', '--json']),
      mainInProcess(viaNpx, ['client', '--dry', '--json']),
    ]);
    expect(taro.code).toBe(0);
    expect(taro.code).toBe(npx.code);
    // The same report, but for the next steps, which name the command each was run with.
    const { nextSteps: taroSteps, ...taroReport } = JSON.parse(taro.stdout);
    const { nextSteps: npxSteps, ...npxReport } = JSON.parse(npx.stdout);
    expect(taroReport).toEqual(npxReport);
    expect([taroSteps, npxSteps]).toEqual([
      ['write these changes: taro record-compat'],
      ['write these changes: npx taro-plugin-record-compat client'],
    ]);
    expect(taroReport.summary.changed).toBe(2);

    const written = await runTaroCommand(viaTaro, ['migrate']);
    expect(written.code).toBe(0);
    expect(read(viaTaro, 'client/pages/voice/index.js')).toContain("'record-compat-runtime'");
    expect(read(viaTaro, 'scripts/not-the-source.js')).toBe(WX_PAGE);
    const npxWritten = await mainInProcess(viaNpx, ['client']);
    expect(written.stdout).toBe(
      npxWritten.stdout.replaceAll(viaNpx, viaTaro).replaceAll('npx taro-plugin-record-compat', 'taro record-compat'),
    );
    expect(written.stdout).toContain('  type-check them, then commit: taro record-compat audit --verify\n');
  });

  it.runIf(fs.existsSync('/dev/full'))(
    "an output that cannot be written (a full disk) does not end the run in Taro's process: every file migrated, no temporary file, said once, exit 1, as the bin does",
    () => {
      const dir = taroProject();
      for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(dir, `client/pages/voice/p${i}.js`), WX_PAGE);
      commitAll(dir);
      const full = fs.openSync('/dev/full', 'w');
      try {
        const r = spawnSync(process.execPath, ['-e', RUNNER, PLUGIN, dir, path.join(dir, 'client'), 'migrate'], {
          cwd: dir,
          encoding: 'utf8',
          stdio: ['ignore', full, 'pipe'],
          env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
        });
        expect(r.stderr).not.toMatch(/Unhandled|\n\s+at /);
        expect(r.stderr.match(/could not write its output \(ENOSPC\); the run went on to its end/g)).toHaveLength(1);
        expect(r.status).toBe(1);
      } finally {
        fs.closeSync(full);
      }
      for (let i = 0; i < 20; i++)
        expect(read(dir, `client/pages/voice/p${i}.js`)).toContain("'record-compat-runtime'");
      expect(fs.readdirSync(path.join(dir, 'client/pages/voice')).filter((name) => !name.endsWith('.js'))).toEqual([]);
    },
  );

  it('refuses a second run in the dirty tree with exit code 1, as the bin does', async () => {
    const dir = taroProject();
    expect((await runTaroCommand(dir, [])).code).toBe(0);
    const again = await runTaroCommand(dir, []);
    expect(again.code).toBe(1);
    expect(again.stderr + again.stdout).toMatch(/uncommitted changes/);
  });

  it("runs the audit over the source root with the project's tsconfig.json: `taro record-compat audit`", async () => {
    const viaTaro = taroProject();
    const viaNpx = taroProject();
    for (const dir of [viaTaro, viaNpx])
      fs.writeFileSync(
        path.join(dir, 'tsconfig.json'),
        JSON.stringify({ compilerOptions: { strict: true, jsx: 'react-jsx' }, include: ['client'] }),
      );
    const [taro, npx] = await Promise.all([
      runTaroCommand(viaTaro, ['audit', '--json']),
      mainInProcess(viaNpx, ['audit', 'client', '--project', 'tsconfig.json', '--json']),
    ]);
    expect(JSON.parse(taro.stdout).config).toBe('tsconfig.json');
    expect(taro.code).toBe(npx.code);
    expect(taro.code).toBe(0); // what is left, the rewrite takes: nothing for a person
    // the same report, but for how long each took
    const timeless = (text: string, dir: string) =>
      JSON.parse(text.replaceAll(dir, '<dir>').replace(/"milliseconds":\s*\d+/g, '"milliseconds":0'));
    const { nextSteps, ...report } = timeless(taro.stdout, viaTaro);
    const { nextSteps: npxSteps, ...npxReport } = timeless(npx.stdout, viaNpx);
    expect(report).toEqual(npxReport);
    // Each names the command as it was typed, its options kept (not the --project Taro's door adds).
    expect(nextSteps).toEqual([
      'the rewrite handles 2 places; see its diff: taro record-compat --dry --print',
      'then migrate them: taro record-compat',
      'then type-check the migration before you commit it: taro record-compat audit --verify',
    ]);
    expect(npxSteps).toEqual([
      'the rewrite handles 2 places; see its diff: npx taro-plugin-record-compat client --dry --print',
      'then migrate them: npx taro-plugin-record-compat client',
      'then type-check the migration before you commit it: npx taro-plugin-record-compat audit client --project tsconfig.json --verify',
    ]);
    expect(JSON.stringify(report)).not.toContain('not-the-source');
  });

  it("knows every copy pattern Taro evaluated, also one whose from the config's text builds from code", async () => {
    // `from: nativeDir()`: the npx bin cannot read it from the text; Taro's evaluated config names it.
    const config =
      "const nativeDir = () => 'client/' + 'native/'\nexport default { sourceRoot: 'client', copy: { patterns: [{ from: nativeDir(), to: 'dist/native/' }] } }\n";
    const sdk = 'module.exports = function stop() { wx.stopRecord() }\n';
    const project = () => {
      const dir = taroProject();
      fs.mkdirSync(path.join(dir, 'config'));
      fs.writeFileSync(path.join(dir, 'config/index.ts'), config);
      fs.mkdirSync(path.join(dir, 'client/native'));
      fs.writeFileSync(path.join(dir, 'client/native/sdk.js'), sdk);
      commitAll(dir);
      return dir;
    };
    const viaTaro = project();
    const evaluated = {
      initialConfig: { sourceRoot: 'client', copy: { patterns: [{ from: 'client/native/', to: 'dist/native/' }] } },
      configPath: path.join(viaTaro, 'config/index.ts'),
    };

    // Three runs that write nothing, side by side: the bin here, Taro's --dry and its audit in processes.
    const [npxRun, taro, taroAudit] = await Promise.all([
      mainInProcess(project(), ['client', '--dry', '--json']),
      runTaroCommand(viaTaro, ['--dry', '--json'], evaluated),
      runTaroCommand(viaTaro, ['audit', '--json'], evaluated),
    ]);
    const npx = JSON.parse(npxRun.stdout);
    expect(npx.files.find((f: { path: string }) => f.path === 'client/native/sdk.js').status).toBe('changed');
    expect(npx.warnings.join('\n')).toMatch(
      /^config\/index\.ts: a copy pattern is built by code this tool does not follow/,
    );

    const report = JSON.parse(taro.stdout);
    expect(report.warnings).toEqual([]);
    expect(report.failures).toEqual([
      expect.objectContaining({
        path: 'client/native/sdk.js',
        reason: expect.stringMatching(
          /^Taro's copy option copies this file without compiling it \(config\/index\.ts: from 'client\/native\/'\)/,
        ),
      }),
    ]);
    // The way out is said in the command the user is running.
    expect(report.failures[0].reason).toMatch(
      /; left as it is: migrate it with `taro record-compat --runtime local=client\/native\/record-compat\.js client\/native\/ --dry`$/,
    );
    expect(taro.code).toBe(1);

    const audit = JSON.parse(taroAudit.stdout);
    expect(audit.findings.filter((f: { file: string }) => f.file === 'client/native/sdk.js')).toEqual([
      expect.objectContaining({
        status: 'manual',
        reason: expect.stringMatching(
          /^Taro's copy option copies this file.*migrate it with `taro record-compat --runtime local=/,
        ),
      }),
    ]);
    expect(read(viaTaro, 'client/native/sdk.js')).toBe(sdk);
  });

  it('leaves out what --exclude matches (relative to the current folder, the project), naming the excluded file that calls a legacy API', async () => {
    const dir = taroProject();
    const r = await runTaroCommand(dir, [
      '--dry',
      '--json',
      '--exclude',
      'client/pages/voice/',
      '--exclude',
      'scripts/',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
    expect(report.files.map((f: { path: string }) => f.path)).toEqual(['client/pages/index/index.ts']);
    // scripts/ is outside the source root: not walked, so not counted.
    expect(report.summary.excluded).toEqual({
      folders: ['client/pages/voice'],
      files: 1,
      namingLegacyApi: ['client/pages/voice/index.js'],
      notRead: [],
    });
    const bad = await runTaroCommand(dir, ['--exclude', '#voice']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /error: option '--exclude <glob>' argument '#voice' is invalid\. Git reads it as a comment/,
    );
  });

  it('passes usage errors through with exit code 2', async () => {
    const r = await runTaroCommand(taroProject(), ['--runtime', 'nowhere']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--runtime/);
    expect(fs.existsSync(PLUGIN)).toBe(true);
  });

  it('migrate audit migrates a folder named audit, never runs the audit; without that folder it says how to audit', async () => {
    const dir = taroProject();
    const missing = await runTaroCommand(dir, ['migrate', 'audit', '--dry']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      `error: path 'audit' does not exist (after "migrate" every word is a path to migrate; to run the audit, leave "migrate" out: taro record-compat audit)`,
    );
    fs.mkdirSync(path.join(dir, 'audit'));
    fs.writeFileSync(path.join(dir, 'audit', 'page.js'), WX_PAGE);
    commitAll(dir);
    const r = await runTaroCommand(dir, ['migrate', 'audit', '--dry', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    // The codemod's report (the audit's has findings), of that folder alone.
    expect(report).not.toHaveProperty('findings');
    expect(report.files.map((f: { path: string; status: string }) => [f.path, f.status])).toEqual([
      ['audit/page.js', 'changed'],
    ]);
  });
});

describe("the words of Taro's command line", () => {
  it('takes what the user typed after record-compat, and drops the migrate word (the root command)', () => {
    expect(programArgv(wordsAfterCommand(['node', 'taro', 'record-compat', '--dry', 'src'], {}))).toEqual([
      '--dry',
      'src',
    ]);
    expect(programArgv(wordsAfterCommand(['node', 'taro', 'record-compat', 'migrate', '--print'], {}))).toEqual([
      '--print',
    ]);
    expect(programArgv(wordsAfterCommand(['node', 'taro', 'record-compat', 'audit', '--verify'], {}))).toEqual([
      'audit',
      '--verify',
    ]);
    // the audit is given the project's tsconfig.json, unless it was given one
    const app = makeProject({ 'tsconfig.json': '{}' }, { git: false });
    expect(programArgv(['audit'], app)).toEqual(['audit', '--project', path.join(app, 'tsconfig.json')]);
    expect(programArgv(['audit', '-p', 'other.json'], app)).toEqual(['audit', '-p', 'other.json']);
  });

  it("rebuilds a repeated option from minimist's list", () => {
    expect(
      wordsAfterCommand(['node', 'other'], { _: ['record-compat'], options: { exclude: ['legacy/', '**/*.gen.js'] } }),
    ).toEqual(['--exclude', 'legacy/', '--exclude', '**/*.gen.js']);
  });

  it("rebuilds them from minimist's reading when process.argv is not Taro's", () => {
    expect(
      wordsAfterCommand(['node', 'other'], {
        _: ['record-compat', 'audit'],
        options: { json: true, project: 'tsconfig.json', color: false },
      }),
    ).toEqual(['audit', '--json', '--project', 'tsconfig.json', '--no-color']);
  });
});
