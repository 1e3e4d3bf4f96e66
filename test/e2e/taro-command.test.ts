/**
 * `taro record-compat` in real Taro projects: the React example with Taro 4's CLI
 * (examples/taro-app) and the same source with Taro 3.6's CLI on webpack4 (assembled under
 * .tmp/ as test/e2e/taro3-webpack4.test.ts does). Taro's CLI hands the command to the
 * plugin in the project's config; its JSON is the npx bin's on the source root, and
 * `--help` is Taro's usage, listing both commands. Writes nothing (--dry, the audit).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, TMP, assembleProject, cleanEnv, ensureExample, run } from './helpers/example';

const BIN = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'bin.js');

/** The JSON a command printed after Taro's banner ("👽 Taro v4.2.1"). */
function jsonOf(output: string): Record<string, unknown> {
  const start = output.indexOf('\n{');
  return JSON.parse(start >= 0 ? output.slice(start + 1) : output);
}

/** The audit's report, but for how long it took. */
function timeless(report: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(report).replace(/"milliseconds":\d+/g, '"milliseconds":0'));
}

const APPS = [
  { name: 'Taro 4, the React example', dir: EXAMPLE, setUp: () => ensureExample(), major: '4', env: {} },
  {
    name: 'Taro 3.6 on webpack4',
    dir: path.join(TMP, 'taro3-webpack4-app'),
    setUp: async () => {
      assembleProject(path.join(TMP, 'taro3-webpack4-app'), path.join(__dirname, 'taro3-webpack4'));
      await ensureExample(path.join(TMP, 'taro3-webpack4-app'));
      // A repository of its own, as a user's project is: .tmp/ is ignored by this one's .gitignore, and the codemod
      // honours it.
      if (!fs.existsSync(path.join(TMP, 'taro3-webpack4-app', '.git')))
        execFileSync('git', ['init', '-q'], { cwd: path.join(TMP, 'taro3-webpack4-app') });
      fs.writeFileSync(path.join(TMP, 'taro3-webpack4-app', '.gitignore'), 'node_modules/\ndist/\n');
    },
    major: '3',
    env: { NODE_OPTIONS: '--openssl-legacy-provider' },
  },
];

describe.each(APPS)('taro record-compat, $name', ({ dir, setUp, major, env }) => {
  const taro = (args: string[]) =>
    run(process.execPath, [path.join(dir, 'node_modules/@tarojs/cli/bin/taro'), 'record-compat', ...args], {
      cwd: dir,
      env: cleanEnv({ NO_COLOR: '1', ...env }),
      timeoutMs: 300_000,
    });
  const npx = (args: string[]) =>
    run(process.execPath, [BIN, ...args], { cwd: dir, env: cleanEnv({ NO_COLOR: '1' }), timeoutMs: 300_000 });

  it("--dry --json: the npx bin's report on the source root, from Taro's CLI", async () => {
    await setUp();
    const viaTaro = await taro(['--dry', '--json']);
    expect(viaTaro.output).toContain(`Taro v${major}.`);
    expect(viaTaro.code, viaTaro.output.slice(-2000)).toBe(0);
    const viaNpx = await npx(['src', '--dry', '--json']);
    expect(viaNpx.code).toBe(0);
    const report = jsonOf(viaTaro.output) as { summary: { changed: number; callsTotal: number }; nextSteps: string[] };
    // The same report, but for the next steps, each written in the command the user ran.
    expect(withoutNextSteps(report)).toEqual(withoutNextSteps(jsonOf(viaNpx.output)));
    expect(report.nextSteps.join('\n')).toContain('taro record-compat');
    expect(report.nextSteps.join('\n')).not.toContain('npx taro-plugin-record-compat');
    expect(report.summary.changed).toBeGreaterThan(0);
    expect(report.summary.callsTotal).toBeGreaterThan(5);
  }, 1_200_000);

  it("--help is Taro's usage of the command, listing both commands and their options", async () => {
    const help = await taro(['--help']);
    expect(help.code).toBe(0);
    expect(help.output).toMatch(/Usage: taro record-compat/);
    expect(help.output).toMatch(/taro record-compat audit --verify/);
    expect(help.output).toMatch(/--dry/);
    expect(help.output).toMatch(/--baseline <ref>/);
  }, 300_000);

  it("audit --json: the audit of the source root with the project's tsconfig.json", async () => {
    const viaTaro = await taro(['audit', '--json']);
    const viaNpx = await npx(['audit', 'src', '--project', 'tsconfig.json', '--json']);
    expect(viaTaro.code).toBe(viaNpx.code);
    const report = timeless(jsonOf(viaTaro.output));
    expect(report.config).toBe('tsconfig.json');
    expect(withoutNextSteps(report)).toEqual(withoutNextSteps(timeless(jsonOf(viaNpx.output))));
  }, 300_000);
});

/**
 * A report without its next steps, which name the command as the user typed it (taro record-compat, or npx with its
 * paths).
 */
function withoutNextSteps(report: unknown): unknown {
  const { nextSteps: _nextSteps, ...rest } = report as { nextSteps?: unknown };
  return rest;
}
