/**
 * The built transform under jscodeshift's default, `--babel`, for a user who leaves out --no-babel:
 * jscodeshift's @babel/register then compiles every module the transform loads (seconds a run), and
 * the result must be the same. The integration project: the fast loop runs the transform without it
 * (jscodeshift-cli.test.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runJscodeshift } from '../helpers/jscodeshift';
import { copyFixtureInput, loadFixtures, writeTaroPackageJson } from '../helpers/fixtures';

const dir = mkdtempSync(path.join(tmpdir(), 'record-compat-jscodeshift-babel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("rewrites every fixture that declares no option as it expects under jscodeshift's --babel default", async () => {
  const plain = loadFixtures().filter((fixture) => Object.keys(fixture.options).length === 0);
  expect(plain.length).toBeGreaterThan(100);
  writeTaroPackageJson(dir);
  for (const fixture of plain) copyFixtureInput(path.basename(fixture.inputPath), dir);
  const r = await runJscodeshift(['--babel', '--parser', 'tsx', '--extensions', 'js,jsx,ts,tsx,vue', dir]);
  expect(r.stdout).toMatch(/0 errors/);
  for (const fixture of plain)
    expect(readFileSync(path.join(dir, fixture.name), 'utf8'), fixture.name).toBe(fixture.oneFileOutput);
  expect(r.stdout).toMatch(/manual-dynamic-access\.js \d+:\d+: manual review: dynamic access on wx/);
});
