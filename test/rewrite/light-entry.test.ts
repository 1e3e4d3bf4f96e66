/**
 * The light entry is light as the doors load it: the built dist/src/rewrite/light.js, required
 * in a fresh Node, loads no parser and no module of the rewrite itself (engine.js, file/), which
 * wait for loadEngine(). test/architecture.test.ts checks the same of the sources, bundled.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths';

const BUILT = path.join(ROOT, 'dist/src/rewrite');

/** The packages that parse or print code: what the light entry is there to avoid loading. */
const PARSERS = [
  '@babel/parser',
  '@babel/core',
  '@babel/traverse',
  '@babel/types',
  'oxc-parser',
  'recast',
  'jscodeshift',
  'typescript',
  'ts-morph',
  '@vue/compiler-sfc',
  'magic-string',
];

interface Loaded {
  /** The modules loaded once the light entry is required. */
  light: string[];
  /** The modules loaded once loadEngine() has then been called. */
  engine: string[];
}

/**
 * What a fresh Node loads: the files in its require.cache, the built engine's relative to dist/src/rewrite
 * (`file/match.js`), a package's by its name.
 */
function loadedByLightEntry(): Loaded {
  const script = [
    `const light = require(${JSON.stringify(path.join(BUILT, 'light.js'))});`,
    'const first = Object.keys(require.cache);',
    'light.loadEngine();',
    'process.stdout.write(JSON.stringify({ light: first, engine: Object.keys(require.cache) }));',
  ].join('\n');
  const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  const { light, engine } = JSON.parse(run.stdout) as Loaded;
  return { light: light.map(named), engine: engine.map(named) };
}

function named(file: string): string {
  const pkg = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file)?.[1];
  if (pkg !== undefined) return pkg.replace('\\', '/');
  const rel = path.relative(BUILT, file);
  return rel.startsWith('..') ? file : rel.split(path.sep).join('/');
}

/** The modules of the rewrite itself: the engine's half and its file/ room. */
function isEngineModule(name: string): boolean {
  return name === 'engine.js' || name === 'index.js' || name.startsWith('file/');
}

describe('the light entry, built', () => {
  it('loads neither a parser nor the rewrite itself until loadEngine() is called', () => {
    expect(fs.existsSync(path.join(BUILT, 'light.js')), 'run `npm run build` first').toBe(true);
    const loaded = loadedByLightEntry();
    // The list is the real one: the entry and the rooms it stands on are in it.
    expect(loaded.light).toEqual(
      expect.arrayContaining(['light.js', 'rules/legacy-apis.js', 'tree/walk.js', 'project/project-options.js']),
    );
    expect(loaded.light.filter((name) => PARSERS.includes(name))).toEqual([]);
    expect(loaded.light.filter(isEngineModule)).toEqual([]);
    // The same check sees them once the engine is asked for.
    expect(loaded.engine).toEqual(expect.arrayContaining(['engine.js', 'file/match.js', 'magic-string']));
  });
});
