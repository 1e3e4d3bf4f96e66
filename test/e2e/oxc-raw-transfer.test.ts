/*
 * oxc's raw transfer (src/rewrite/file/parse.ts): on Node >= 22, once a thread has parsed 512 K
 * characters, the engine reads oxc's trees straight from the parser's memory instead of through
 * JSON. Checked on a real Node 22 (from the npm registry when the tests run on an older one): the
 * engine takes it at that point and not before; the two hand-overs give the same trees for every
 * script of the fixtures and of src/; the CLI migrates a tree large enough to cross the threshold
 * (copies of the fixtures and of the example app) to the same report and diffs on this Node, on
 * Node 22, on Node 22's planning thread, and on Node 22 where the process cannot reserve raw
 * transfer's 6 GiB of address space (`ulimit -v`), which keeps the JSON hand-over.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { cleanEnv, EXAMPLE, ROOT, run, type RunResult } from './helpers/example';
import { nodeWithRawTransfer } from './helpers/node-from-registry';

const CHECK = path.join(ROOT, 'test/e2e/helpers/oxc-transfer-check.mjs');
const BIN = path.join(ROOT, 'dist/src/cli/bin.js');
/** Address space (KiB) enough for Node and the engine, not for raw transfer's 6 GiB buffer. */
const LOW_ADDRESS_SPACE_KB = 4_000_000;
/** src/rewrite/file/parse.ts: RAW_TRANSFER_AFTER_CHARS. */
const RAW_TRANSFER_AFTER_CHARS = 512 * 1024;

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .flatMap((entry) => (entry.isFile() ? [path.join(entry.parentPath, entry.name)] : []));
}

interface CheckResult {
  node: string;
  supported: boolean;
  scripts: number;
  compared: number;
  mismatches: string[];
  /** How many characters the engine had parsed when it took raw transfer; null: it never did. */
  engineRawAfterChars: number | null;
}

/** `node …args`, under `ulimit -v` when `addressSpaceKb` is given. */
function runNode(
  node: string,
  args: string[],
  opts: { cwd: string; addressSpaceKb?: number; env?: Record<string, string> },
): Promise<RunResult> {
  const [cmd, argv] =
    opts.addressSpaceKb === undefined
      ? [node, args]
      : ['bash', ['-c', `ulimit -v ${opts.addressSpaceKb} && exec "$0" "$@"`, node, ...args]];
  return run(cmd, argv, { cwd: opts.cwd, env: cleanEnv(opts.env), timeoutMs: 5 * 60_000 });
}

async function check(
  node: string,
  mode: 'compare' | 'engine-only',
  files: string[],
  addressSpaceKb?: number,
): Promise<CheckResult> {
  const r = await runNode(node, [CHECK, ROOT, mode, ...files], { cwd: ROOT, addressSpaceKb });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as CheckResult;
}

/** Every file of the fixtures and of src/, and how many of them are scripts. */
function fixturesAndSources(): { files: string[]; scripts: number } {
  const files = [...filesUnder(path.join(ROOT, '__testfixtures__')), ...filesUnder(path.join(ROOT, 'src'))];
  return { files, scripts: files.filter((f) => /\.(?:[cm]?[jt]sx?)$/.test(f)).length };
}

let node22: string;
beforeAll(async () => {
  node22 = await nodeWithRawTransfer();
}, 15 * 60_000);

describe('oxc raw transfer on Node 22', () => {
  it('is taken by the engine once 512 K characters are parsed, and hands over the same trees, comments and errors as JSON for every script of the fixtures and src/', async () => {
    const { files, scripts } = fixturesAndSources();
    const result = await check(node22, 'compare', files);
    expect(result.node).toMatch(/^v2[2-9]\.|^v[3-9]\d\./);
    expect(result.supported).toBe(true);
    expect(result.scripts).toBe(scripts);
    expect(result.compared).toBe(scripts);
    expect(result.compared).toBeGreaterThan(300);
    expect(result.mismatches).toEqual([]);
    expect(result.engineRawAfterChars).toBeGreaterThanOrEqual(RAW_TRANSFER_AFTER_CHARS);
    expect(result.engineRawAfterChars).toBeLessThan(RAW_TRANSFER_AFTER_CHARS + 100_000);
  });

  it('keeps the JSON hand-over where the process cannot reserve the buffer (ulimit -v)', async () => {
    const { files, scripts } = fixturesAndSources();
    const result = await check(node22, 'engine-only', files, LOW_ADDRESS_SPACE_KB);
    expect(result.supported).toBe(true);
    expect(result.scripts).toBe(scripts);
    expect(result.engineRawAfterChars).toBeNull();
  });

  it('migrates the fixtures and the example app to the same report and diffs on every hand-over', async () => {
    // 2 copies (≈ 130 K characters of candidates) with the threshold lowered to 32 K: most files
    // of each thread go over raw transfer, in four runs cheap enough for a busy machine. Outside
    // this repository, whose .gitignore leaves .tmp/ out.
    const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-raw-transfer-'));
    for (let copy = 0; copy < 2; copy++) {
      const dir = path.join(tree, `copy${copy}`);
      fs.mkdirSync(dir, { recursive: true });
      for (const f of fs.readdirSync(path.join(ROOT, '__testfixtures__'))) {
        if (/\.input\.|\.wxml$/.test(f)) fs.copyFileSync(path.join(ROOT, '__testfixtures__', f), path.join(dir, f));
      }
      fs.cpSync(path.join(EXAMPLE, 'src'), path.join(dir, 'app'), { recursive: true });
    }
    const args = [BIN, '.', '--dry', '--json', '--print'];
    const env = { RECORD_COMPAT_TEST_RAW_TRANSFER_AFTER: String(32 * 1024) };
    const runs = {
      thisNode: await runNode(process.execPath, args, { cwd: tree, env }),
      node22: await runNode(node22, args, { cwd: tree, env }),
      node22Thread: await runNode(node22, args, { cwd: tree, env: { ...env, RECORD_COMPAT_PLAN_THREAD: 'worker' } }),
      node22LowAddressSpace: await runNode(node22, args, { cwd: tree, env, addressSpaceKb: LOW_ADDRESS_SPACE_KB }),
    };
    for (const [name, r] of Object.entries(runs)) expect(r.code, `${name}: ${r.stderr.slice(-2000)}`).toBe(0);
    const report = JSON.parse(runs.thisNode.stdout);
    expect(report.summary.changed).toBeGreaterThan(2 * 80);
    expect(report.summary.failed).toBe(0);
    // The report on stdout; the diffs on stderr, in the order the files settled (threads), then the
    // run's warnings (these projects name no Taro: their Taro.* calls keep WeChat's rule, and the run says so).
    const warnings = (stderr: string) => stderr.match(/^warning: .*$/gm) ?? [];
    const diffs = (stderr: string) =>
      stderr
        .replace(/^warning: .*\n?/gm, '')
        .split(/^(?=--- a\/)/m)
        .sort();
    expect(diffs(runs.thisNode.stderr).length).toBe(report.summary.changed);
    expect(warnings(runs.thisNode.stderr).length).toBeGreaterThan(0);
    for (const name of ['node22', 'node22Thread', 'node22LowAddressSpace'] as const) {
      expect(runs[name].stdout, name).toBe(runs.thisNode.stdout);
      expect(diffs(runs[name].stderr), name).toEqual(diffs(runs.thisNode.stderr));
      expect(warnings(runs[name].stderr), name).toEqual(warnings(runs.thisNode.stderr));
    }
    fs.rmSync(tree, { recursive: true, force: true });
  });
});
