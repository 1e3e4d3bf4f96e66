/*
 * The runtime's internal fields (names ending with `_`), shortened by its build as the repository's mangle cache
 * (scripts/runtime-mangle-cache.json) names them: the cache is the one the sources need, every output writes each
 * field as the cache names it and keeps none whole, and no declaration or export names one. The outputs are read
 * where `npm run build` writes them (packages/runtime, dist/runtime), as test/runtime/build.test.ts reads them.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ROOT as root } from '../helpers/paths';

type Cache = Record<string, string>;
type Source = { name: string; path: string; text: string };
type Place = { name: string; start: number; end: number; shorthand: boolean };
type Mangle = {
  MANGLED: RegExp;
  propertyPlaces(text: string, fileName?: string): { value: Place[]; members: Set<string>; strings: Set<string> };
  shortenFields(text: string, cache: Cache, fileName?: string): string;
  underscoredNames(text: string): string[];
  freshMangleCache(
    committed: Record<string, unknown>,
    sources: { path: string; text: string }[],
    problems?: string[],
  ): Promise<{ cache: Cache; added: string[]; dropped: string[] }>;
  mangleCacheFor(
    file: string,
    sources: { path: string; text: string }[],
    update: boolean,
    problems: string[],
  ): Promise<Cache>;
};
type Build = { MANGLE_CACHE_FILE: string; runtimeSources(): Source[] };

let mangle: Mangle;
let buildScript: Build;
let cache: Cache;
let sources: Source[];
beforeAll(async () => {
  mangle = (await import(pathToFileURL(join(root, 'scripts/lib/runtime-mangle.mjs')).href)) as Mangle;
  buildScript = (await import(pathToFileURL(join(root, 'scripts/build-runtime.mjs')).href)) as Build;
  cache = JSON.parse(readFileSync(buildScript.MANGLE_CACHE_FILE, 'utf8')) as Cache;
  sources = buildScript.runtimeSources();
});
const packageDir = join(root, 'packages', 'runtime');
const standalone = join(root, 'dist', 'runtime', 'standalone');

/** The fields a source reads or writes. */
const fieldsOf = (text: string) =>
  new Set(
    mangle
      .propertyPlaces(text)
      .value.map((p) => p.name)
      .filter((name) => mangle.MANGLED.test(name)),
  );
/** The short names (the cache's) a built file writes as property names, and the fields it keeps whole. */
function shortNamesIn(code: string) {
  const names = mangle.propertyPlaces(code, 'built.js').value.map((p) => p.name);
  const shorts = new Set(Object.values(cache));
  return {
    shorts: new Set(names.filter((name) => shorts.has(name))),
    whole: names.filter((name) => mangle.MANGLED.test(name)),
  };
}
/** The short names `modules` should be written with: their fields', as the cache names them. */
const expectedShorts = (modules: Source[]) =>
  new Set(modules.flatMap((s) => [...fieldsOf(s.text)].map((field) => cache[field])));

describe("the runtime's mangle cache", () => {
  it('is the one the sources need: every field has its short name, none is left over, no two share one', async () => {
    const problems: string[] = [];
    const fresh = await mangle.freshMangleCache(cache, sources, problems);
    expect(problems).toEqual([]);
    expect({ added: fresh.added, dropped: fresh.dropped }).toEqual({ added: [], dropped: [] });
    expect(fresh.cache).toEqual(cache);
    expect(new Set(Object.values(cache)).size).toBe(Object.keys(cache).length);
    // The runtime has internal fields in every family's module that keeps state.
    for (const name of ['record', 'voice', 'background-audio', 'audio-context', 'h5-recorder'])
      expect(fieldsOf(sources.find((s) => s.name === name)!.text).size, name).toBeGreaterThan(0);
    // And the file is as the build writes it: sorted, one a line.
    expect(readFileSync(buildScript.MANGLE_CACHE_FILE, 'utf8')).toBe(
      JSON.stringify(Object.fromEntries(Object.entries(cache).sort(([a], [b]) => (a < b ? -1 : 1))), null, 2) + '\n',
    );
  });

  it('a stale cache is named, and fixed without moving a field that keeps its name', async () => {
    const source = {
      path: 'src/runtime/x.ts',
      text: [
        'const state = { kept_: 1, twin_: 2, clash_: 3, fresh_: 4 };',
        'state.fresh_ = state.kept_ + state.twin_ + state.clash_ + state.fresh_;',
        // A property of the runtime's own, which no field may be shortened to.
        'state.c = 0;',
      ].join('\n'),
    };
    const committed = { kept_: 'b', twin_: 'b', clash_: 'c', gone_: 'a' };
    const problems: string[] = [];
    const { cache: fresh, added, dropped } = await mangle.freshMangleCache(committed, [source], problems);
    expect(problems).toEqual([]);
    // clash_ has the name of a property; twin_ shares kept_'s (the first in order keeps it); gone_ is used no more.
    expect(dropped.sort()).toEqual(['clash_', 'gone_', 'twin_']);
    expect(fresh.kept_).toBe('b');
    // New names in order of use (fresh_ most), from the first free one: a (gone_'s), then d, skipping b and c.
    expect(added).toEqual(['fresh_', 'clash_', 'twin_']);
    expect(fresh).toEqual({ kept_: 'b', fresh_: 'a', clash_: 'd', twin_: 'e' });

    // The build fails naming the change and the command, unless asked to write the cache.
    const dir = mkdtempSync(join(os.tmpdir(), 'record-compat-mangle-'));
    try {
      const file = join(dir, 'cache.json');
      writeFileSync(file, JSON.stringify(committed));
      const refused: string[] = [];
      await mangle.mangleCacheFor(file, [source], false, refused);
      expect(refused).toHaveLength(1);
      expect(refused[0]).toMatch(/is stale .*new: fresh_ -> a.*gone: .*gone_.*--update-mangle-cache/);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(committed);
      const written: string[] = [];
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      await mangle.mangleCacheFor(file, [source], true, written);
      expect(log.mock.calls.map((call) => String(call[0]))).toEqual([
        expect.stringMatching(/cache\.json updated \(new: fresh_ -> a, .*\): commit it with the sources$/),
      ]);
      log.mockRestore();
      expect(written).toEqual([]);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(fresh);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a field written as a string is refused: the build shortens fields, never strings', async () => {
    const problems: string[] = [];
    await mangle.freshMangleCache({}, [{ path: 'src/runtime/x.ts', text: "o.phase_ = 1; o['phase_'];" }], problems);
    expect(problems).toEqual([
      "src/runtime/x.ts: 'phase_' is written as a string: the build shortens the field phase_, never a string (a field ending with _ is read and written by its name only)",
    ]);
  });
});

describe('shortenFields (the local copies) renames a field where esbuild does, and nothing else', () => {
  const FIELD = fc.stringMatching(/^[a-z][A-Za-z0-9]{0,8}_$/);

  it('property accesses, keys, shorthands, methods and destructured keys; never a comment, a string or a variable', () => {
    fc.assert(
      fc.property(fc.uniqueArray(FIELD, { minLength: 3, maxLength: 3 }), ([a, b, c]) => {
        const names: Cache = { [a!]: 'x', [b!]: 'y', [c!]: 'z' };
        const code = [
          `// ${a} in a comment, '${b}' in a string`,
          `const ${c} = 1;`,
          `const o = { ${a}: '${a}', ${c}, ${b}() { return this.${a}; } };`,
          `const { ${a}: first, ${c} } = o;`,
          `o.${b}(o.${a}, first, ${c});`,
        ].join('\n');
        expect(mangle.shortenFields(code, names)).toBe(
          [
            `// ${a} in a comment, '${b}' in a string`,
            `const ${c} = 1;`,
            `const o = { x: '${a}', z: ${c}, y() { return this.x; } };`,
            `const { x: first, z: ${c} } = o;`,
            `o.y(o.x, first, ${c});`,
          ].join('\n'),
        );
      }),
    );
  });

  it('fields read through fields (`o.b_.c_`, `o.b_.c_()`), of any length, each as the cache names it', () => {
    fc.assert(
      fc.property(fc.uniqueArray(FIELD, { minLength: 2, maxLength: 2 }), ([b, c]) => {
        const names: Cache = { [b!]: 'y', [c!]: 'zz' };
        expect(mangle.shortenFields(`s.${b}.${c}(s.${b}.${c}.${b});`, names)).toBe('s.y.zz(s.y.zz.y);');
      }),
    );
  });

  it('a field the cache does not name stops the build', () => {
    expect(() => mangle.shortenFields('o.phase_ = 1;', {}, 'piece.js')).toThrow(
      'piece.js: the field phase_ has no short name in the cache',
    );
  });
});

describe("the runtime's outputs", () => {
  it('write each field of a module as the cache names it, in ES modules and CommonJS, and keep none whole', () => {
    for (const source of sources)
      for (const format of ['esm', 'cjs']) {
        const { shorts, whole } = shortNamesIn(
          readFileSync(join(packageDir, 'dist', format, `${source.name}.js`), 'utf8'),
        );
        expect(whole, `${format}/${source.name}.js`).toEqual([]);
        expect([...shorts].sort(), `${format}/${source.name}.js`).toEqual([...expectedShorts([source])].sort());
      }
  });

  it('write the same names in the bundle WeChat copies and in the local copies as in the package', () => {
    const pieces = JSON.parse(readFileSync(join(standalone, 'pieces.json'), 'utf8')) as {
      pieces: { module: string }[];
    };
    const modules = sources.filter((s) => pieces.pieces.some((p) => p.module === s.name));
    expect(modules.map((s) => s.name)).toContain('record');
    for (const file of [join(packageDir, 'miniprogram_dist', 'index.js'), join(standalone, 'record-compat.js')]) {
      const { shorts, whole } = shortNamesIn(readFileSync(file, 'utf8'));
      expect(whole, file).toEqual([]);
      expect([...shorts].sort(), file).toEqual([...expectedShorts(modules)].sort());
    }
    // The .ts copy is the sources' text: its fields keep their names.
    const text = readFileSync(join(standalone, 'record-compat.ts'), 'utf8');
    expect(fieldsOf(text)).toEqual(new Set(modules.flatMap((s) => [...fieldsOf(s.text)])));
  });

  it('name no field in a declaration, and export none', () => {
    const declarations = [
      ...readdirSync(join(packageDir, 'dist', 'types'))
        .filter((name) => name.endsWith('.d.ts'))
        .map((name) => join(packageDir, 'dist', 'types', name)),
      join(standalone, 'record-compat.d.ts'),
    ];
    expect(declarations.length).toBeGreaterThan(10);
    for (const file of declarations) expect(mangle.underscoredNames(readFileSync(file, 'utf8')), file).toEqual([]);
    // A field a public type holds (the caller's Promise) is in the sources, and not in their declarations.
    expect(readFileSync(join(root, 'src/runtime/caller.ts'), 'utf8')).toMatch(/@internal[^\n]*\n\s*promise_\?:/);
    expect(mangle.underscoredNames('/** a comment_ */ export interface A { field_: number; ok: string }')).toEqual([
      'field_',
    ]);
    const exported = [
      ...Object.keys(createRequire(__filename)(join(packageDir, 'dist', 'cjs', 'native.js'))),
      ...[...readFileSync(join(standalone, 'record-compat.js'), 'utf8').matchAll(/^exports\.(\w+) = /gm)].map(
        (m) => m[1]!,
      ),
    ];
    expect(exported).toContain('startRecord');
    expect(exported.filter((name) => name.endsWith('_'))).toEqual([]);
  });
});
