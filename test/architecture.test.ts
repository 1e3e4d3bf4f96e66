/**
 * The module graph of src/ and transforms/ has no cycles, type-only imports included
 * (a type-only cycle still ties two modules' designs together). dpdm reads every
 * import, export-from, require() and import() with TypeScript's parser, `import type`
 * included (its `transform` option, which would drop those, stays off).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { buildSync } from 'esbuild';
import { parseCircular, parseDependencyTree } from 'dpdm';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/paths';

const ROOTS = ['src', 'transforms'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.isFile() && /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

let graph: ReturnType<typeof parseDependencyTree> | undefined;

/** The module graph, read once for the file's tests. */
function readGraph() {
  graph ??= parseDependencyTree(
    ROOTS.map((r) => `${r}/**/*.ts`),
    {
      cwd: ROOT,
      context: ROOT,
      tsconfig: path.join(ROOT, 'tsconfig.json'),
      transform: false,
      skipDynamicImports: false,
    },
  );
  return graph;
}

const ENGINE = 'src/rewrite/';
/** The engine's two entries: the only modules of src/rewrite that code outside it may import. */
const ENTRIES = ['src/rewrite/light.ts', 'src/rewrite/index.ts'];

/**
 * The engine's rooms, lowest first (CONTRIBUTING.md, "The engine"): a module of a room imports
 * only its own room and those below it; the rewrite (file/) is reached from above only through
 * lazy.ts, which loads it on first use.
 */
const ROOMS = ['rules', 'tree', 'project', 'file'];
const LAZY = 'src/rewrite/lazy.ts';

/** What the doors' reports share (CONTRIBUTING.md, the layout): below src/cli, src/audit and src/report-formats. */
const SHARED_REPORT = 'src/report/';
/** The rooms below the CLI, which it imports and which import nothing of it. */
const BELOW_CLI = ['src/audit/', 'src/report-formats/', SHARED_REPORT];

/** The room of an engine module (`src/rewrite/<room>/…`); undefined for the entries, engine.ts and lazy.ts. */
function roomOf(id: string): string | undefined {
  const room = /^src\/rewrite\/([^/]+)\//.exec(id)?.[1];
  return room !== undefined && ROOMS.includes(room) ? room : undefined;
}

/** The packages `node_modules` paths a module loaded, once `entry` (bundled with its local imports) is required. */
function packagesLoadedBy(entry: string): string[] {
  // Inside the repository (.tmp/ is ignored), so that Node finds the packages in its node_modules.
  fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(ROOT, '.tmp', 'entry-load-'));
  try {
    const bundle = path.join(dir, 'entry.cjs');
    // Local modules bundled, every package left to Node's require: only what loads at require time shows.
    buildSync({
      entryPoints: [path.join(ROOT, entry)],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      packages: 'external',
      outfile: bundle,
      logLevel: 'silent',
    });
    const script = `require(${JSON.stringify(bundle)}); process.stdout.write(JSON.stringify(Object.keys(require.cache)))`;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    const loaded = JSON.parse(run.stdout) as string[];
    expect(loaded).toContain(bundle); // the list is the real one
    return [
      ...new Set(
        loaded.flatMap(
          (file) => /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file)?.[1].replace('\\', '/') ?? [],
        ),
      ),
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('architecture', () => {
  it('seals the engine: code outside src/rewrite imports it only through its two entries', async () => {
    const tree = await readGraph();
    const crossings = Object.entries(tree)
      .filter(([from]) => !from.startsWith(ENGINE))
      .flatMap(([from, deps]) => (deps ?? []).filter((d) => d.id?.startsWith(ENGINE)).map((d) => `${from} -> ${d.id}`));
    // The graph really was read: doors do import the engine.
    expect(crossings.some((c) => c.startsWith('src/cli/'))).toBe(true);
    expect(crossings.filter((c) => !ENTRIES.some((entry) => c.endsWith(`-> ${entry}`)))).toEqual([]);
  });

  it("keeps the engine's rooms in layers: rules <- tree <- project <- file, and the light entry off file/", async () => {
    const tree = await readGraph();
    const edges = Object.entries(tree).flatMap(([from, deps]) =>
      (deps ?? []).flatMap((d) => (d.id?.startsWith(ENGINE) ? [{ from, to: d.id }] : [])),
    );
    // The graph really was read: the rewrite does import the rules.
    expect(edges.some((e) => roomOf(e.from) === 'file' && roomOf(e.to) === 'rules')).toBe(true);
    const below = (room: string) => ROOMS.slice(0, ROOMS.indexOf(room) + 1);
    const upward = edges.filter((e) => {
      const from = roomOf(e.from);
      if (from === undefined || e.to === LAZY) return false;
      const to = roomOf(e.to);
      return to === undefined || !below(from).includes(to);
    });
    expect(upward.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
    const lightToRewrite = edges.filter(
      (e) => (e.from === 'src/rewrite/light.ts' || e.from === LAZY) && roomOf(e.to) === 'file',
    );
    expect(lightToRewrite.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it("keeps the light entry free of parsers: requiring it loads none of the engine's heavy packages", () => {
    const heavy = [
      '@babel/parser',
      '@babel/core',
      '@babel/types',
      '@babel/traverse',
      'oxc-parser',
      '@vue/compiler-sfc',
      'magic-string',
      'ts-morph',
    ];
    expect(packagesLoadedBy('src/rewrite/light.ts').filter((p) => heavy.includes(p))).toEqual([]);
    // The same check sees the full entry load them.
    expect(packagesLoadedBy('src/rewrite/index.ts').filter((p) => heavy.includes(p)).length).toBeGreaterThan(0);
  });

  it("keeps TypeScript off the audit command's own thread: the audit's thread loads it, and this one need not again", () => {
    expect(packagesLoadedBy('src/cli/audit.ts')).not.toContain('ts-morph');
    // The same check sees the audit itself load it.
    expect(packagesLoadedBy('src/audit/index.ts')).toContain('ts-morph');
  });

  it('keeps the CLI on top: src/audit, src/report-formats and src/report import nothing of src/cli', async () => {
    const tree = await readGraph();
    const edges = Object.entries(tree).flatMap(([from, deps]) =>
      (deps ?? []).flatMap((d) => (d.id ? [{ from, to: d.id }] : [])),
    );
    // The graph really was read: the CLI imports the audit, the report formats the room below them.
    expect(edges.some((e) => e.from.startsWith('src/cli/') && e.to.startsWith('src/audit/'))).toBe(true);
    expect(edges.some((e) => e.from.startsWith('src/report-formats/') && e.to.startsWith(SHARED_REPORT))).toBe(true);
    const climbs = edges.filter(
      (e) => BELOW_CLI.some((room) => e.from.startsWith(room)) && e.to.startsWith('src/cli/'),
    );
    expect(climbs.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
    // What they share sits below all three.
    const above = ['src/cli/', 'src/audit/', 'src/report-formats/'];
    const upFromShared = edges.filter(
      (e) => e.from.startsWith(SHARED_REPORT) && above.some((room) => e.to.startsWith(room)),
    );
    expect(upFromShared.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it('has no import cycles in src/ and transforms/, type-only ones included', async () => {
    const tree = await readGraph();
    // The graph really was read: a known edge is in it.
    expect(tree['src/cli/process-entry.ts']?.map((d) => d.id)).toContain('src/cli/main.ts');
    const cycles = parseCircular(tree).map((c) => c.join(' -> '));
    expect(cycles, `import cycles:\n${cycles.join('\n')}`).toEqual([]);
  });

  it('writes type references to local modules as `import type` declarations, which the cycle check sees', () => {
    // `typeof import('./x')` is a type node dpdm does not follow: a cycle through it would go unseen.
    // A type query (`typeof import('./x')`) or a qualified type (`import('./x').T`), not a dynamic import's `.then`.
    const typeImport = /\btypeof\s+import\(\s*['"]\.{1,2}\/|\bimport\(\s*['"]\.{1,2}\/[^'"]*['"]\s*\)\s*\.(?!then\b)/;
    const offenders = ROOTS.flatMap((r) => sourceFiles(path.join(ROOT, r)))
      .filter((file) => typeImport.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(ROOT, file));
    expect(offenders).toEqual([]);
  });

  it('starts every git with gitProcessOptions (optional locks off, the timeout): no other way of running git in src/ or transforms/', () => {
    // A call of child_process's that starts git, up to its options' first entry.
    const gitCall = /\b(?:spawn|spawnSync|execFile|execFileSync|exec|execSync|fork)\(\s*['"`]git\b[^]*?\{([^,}]*)/g;
    const calls = ROOTS.flatMap((r) => sourceFiles(path.join(ROOT, r))).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(gitCall)].map((m) => ({
        file: path.relative(ROOT, file),
        options: m[1].trim(),
      })),
    );
    // The check sees the calls: the walk's, the codemod's, the audit's listing and --verify.
    expect(new Set(calls.map((c) => c.file))).toEqual(
      new Set([
        'src/rewrite/tree/git-root.ts',
        'src/rewrite/tree/git-check.ts',
        'src/rewrite/tree/git-index.ts',
        'src/audit/verify.ts',
      ]),
    );
    expect(calls.filter((c) => !/^\.\.\.gitProcessOptions\(/.test(c.options))).toEqual([]);
  });
});
