/**
 * The builds several test files make alike (the example app, for the same platform, with the same compiler and
 * options) made once per test run. The first file that needs one builds it, holding its lock, and leaves a record
 * (exit code, output, where dist/ is); the others read that record and the same dist/. A build is known by its
 * options and by the app's files as they are, so an app a test changed is built again; the run is named by the e2e
 * project's global setup (test/setup/e2e-run.ts), so a new run builds again from the package as just built.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, inject } from 'vitest';
import { EXAMPLE, ROOT, TMP, buildExample, tryLock, type BuildOptions, type RunResult } from './example';

export type SharedBuild = RunResult & {
  dist: string;
  /** The test file that made the build (relative to the repository), when it was another one. */
  builtFor?: string;
};

/** What an app is built from, beside node_modules (which a run installs once). */
const APP_FILES = [
  'src',
  'types',
  'config',
  'babel.config.js',
  'tsconfig.json',
  'project.config.json',
  '.npmrc',
  'package.json',
  'package-lock.json',
];

/**
 * The example's weapp build on webpack5 without the plugin, and without the minifiers (it is read for the legacy calls
 * an app ships as written): the baseline several files ask for, alike, so that it is made once a run.
 */
export const WEAPP_WITHOUT_PLUGIN = {
  platform: 'weapp',
  compiler: 'webpack5',
  plugin: false,
  minified: false,
} as const;

/** How long a test file waits for a build another one is making, at most (a build's own timeout is 10 minutes). */
const WAIT_MS = 30 * 60_000;

/** One build, made once per run (sharedBuilds). */
export async function sharedBuild(o: BuildOptions): Promise<SharedBuild> {
  return (await sharedBuilds({ build: o })).build;
}

/**
 * Each build of `variants` (of `appDir`, else of their own, else of the React example), made once per run: the ones
 * no other test file is making are made first, then the others are waited for. Where two files ask for the same build
 * with another `out`, its dist/ is where the first one asked for it.
 */
export async function sharedBuilds<K extends string>(
  variants: Record<K, BuildOptions>,
  appDir?: string,
): Promise<Record<K, SharedBuild>> {
  const run = inject('e2eRun');
  const thisFile = path.relative(ROOT, expect.getState().testPath ?? '');
  const pending = new Map(
    (Object.entries(variants) as [K, BuildOptions][]).map(
      ([name, o]) => [name, { ...o, appDir: appDir ?? o.appDir ?? EXAMPLE }] as const,
    ),
  );
  const made: Partial<Record<K, SharedBuild>> = {};
  const deadline = Date.now() + WAIT_MS;
  while (pending.size > 0) {
    const taken = run ? await takeOne(run, pending, thisFile) : await buildAlone(pending);
    if (taken) {
      made[taken.name] = taken.build;
      pending.delete(taken.name);
      continue;
    }
    if (Date.now() > deadline)
      throw new Error(`waited ${WAIT_MS / 60_000} minutes for the builds ${[...pending.keys()].join(', ')}`);
    await new Promise((r) => setTimeout(r, 1_000));
  }
  return made as Record<K, SharedBuild>;
}

/** Outside a run of the e2e project (no global setup, no run name): each build made here, as buildExample does. */
async function buildAlone<K extends string>(pending: Map<K, BuildOptions>) {
  const [name, o] = pending.entries().next().value!;
  return { name, build: await buildExample(o) };
}

/**
 * The first of `pending` already built in this run, or else the first no other file is building, built here; none
 * while others are making all of them.
 */
async function takeOne<K extends string>(
  run: string,
  pending: Map<K, BuildOptions & { appDir: string }>,
  thisFile: string,
): Promise<{ name: K; build: SharedBuild } | undefined> {
  const keys = [...pending].map(([name, o]) => ({ name, o, key: buildKey(o) }));
  for (const { name, key } of keys) {
    const record = readRecord(run, key);
    if (record) return { name, build: fromRecord(record, thisFile) };
  }
  for (const { name, o, key } of keys) {
    const release = tryLock(`shared-build-${key}`);
    if (!release) continue;
    try {
      // Made by another file between the look above and the lock.
      const record = readRecord(run, key) ?? writeRecord(run, key, { ...(await buildExample(o)), builtFor: thisFile });
      return { name, build: fromRecord(record, thisFile) };
    } finally {
      release();
    }
  }
  return undefined;
}

/** A build's name: its options but `out`, and the bytes of the app's own files (APP_FILES). */
function buildKey(o: BuildOptions & { appDir: string }): string {
  const { out: _out, appDir, ...options } = o;
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ app: path.relative(ROOT, appDir), options: sortedKeys(options) }));
  for (const entry of APP_FILES) hashTree(hash, appDir, entry);
  return hash.digest('hex').slice(0, 16);
}

function sortedKeys(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, sortedKeys(v)]),
  );
}

/** Feeds `hash` the path and bytes of every file at `rel` under `root` (a file or a folder), in a stable order. */
function hashTree(hash: ReturnType<typeof createHash>, root: string, rel: string): void {
  const full = path.join(root, rel);
  const stat = fs.statSync(full, { throwIfNoEntry: false });
  if (!stat) return;
  if (!stat.isDirectory()) {
    hash.update(`${rel}\0`).update(fs.readFileSync(full));
    return;
  }
  for (const name of fs.readdirSync(full).sort()) hashTree(hash, root, path.join(rel, name));
}

const recordFile = (run: string, key: string) => path.join(TMP, 'shared-builds', run, `${key}.json`);

/**
 * The folder of this run's shared things (the next run's global setup removes it): other files' records, such as the
 * packed tarballs (packed.ts). Outside a run of the e2e project, this process's own.
 */
export function runFolder(): string {
  return path.join(TMP, 'shared-builds', inject('e2eRun') ?? `pid-${process.pid}`);
}

function readRecord(run: string, key: string): SharedBuild | undefined {
  try {
    return JSON.parse(fs.readFileSync(recordFile(run, key), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Written whole or not at all (a rename): a file that reads it never reads half of it. */
function writeRecord(run: string, key: string, build: SharedBuild): SharedBuild {
  const file = recordFile(run, key);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.${process.pid}`, JSON.stringify(build));
  fs.renameSync(`${file}.${process.pid}`, file);
  return build;
}

function fromRecord(record: SharedBuild, thisFile: string): SharedBuild {
  const { builtFor, ...build } = record;
  return builtFor === thisFile ? build : { ...build, builtFor };
}
