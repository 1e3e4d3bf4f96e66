/**
 * Which Taro a project is on (src/rewrite/project/taro-version.ts): the version or range read, and
 * whether that Taro wrapped the calls (docs/contract.md#taro-wrapper): below 3.3.1 it did.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  PackageJsonReader,
  TaroProjectLookup,
  TaroVersionReader,
  taroVersionWarnings,
  taroWraps,
} from '../../src/rewrite';
import { LOCKFILE_FORMATS, lockfileName, lockfileText } from '../helpers/lockfiles';

describe('taroWraps', () => {
  it.each([
    ['1.3.46', true],
    ['2.2.22', true],
    ['3.0.29', true],
    ['3.3.0', true],
    ['3.3.1', false],
    ['3.6.0', false],
    ['4.1.9', false],
    ['v2.2.22', true],
    ['3.0.0-beta.1', true],
    ['^2.2.0', true],
    ['~3.2.0', true],
    ['~3.3.0', false],
    ['^3.0.0', false],
    ['^1.3.0', true],
    ['2.x', true],
    ['3', false],
    ['2', true],
    ['=3.3.0', true],
  ])('%s → %s', (version, wraps) => {
    expect(taroWraps(version)).toBe(wraps);
  });

  // A range is read as a whole: all its versions before 3.3.1 wrap, all from 3.3.1 do not.
  it.each([
    ['>=1.3.0 <3.3.1', true],
    ['>= 1.3.0 < 3.3.1', true],
    ['<=3.3.0', true],
    ['1.3.0 - 3.3.0', true],
    ['1.x || 2.x', true],
    ['^1.3.0 || ~3.2.0', true],
    ['>=3.3.1', false],
    ['>3.3.0', false],
    ['^3.6.0 || 4.x', false],
  ])('range %j → %s', (range, wraps) => {
    expect(taroWraps(range)).toBe(wraps);
  });

  it('reads an npm alias of @tarojs/taro through, and no other package', () => {
    expect(taroWraps('npm:@tarojs/taro@1.3.45')).toBe(true);
    expect(taroWraps('npm:@tarojs/taro@^3.6.0')).toBe(false);
    expect(taroWraps('npm:@tarojs/taro@^2.2.0')).toBe(true);
    expect(taroWraps('npm:taro-fork@1.3.45')).toBeUndefined();
  });

  it('orders a prerelease before its release, as semver does: 3.3.1-beta.0 is before 3.3.1', () => {
    expect(taroWraps('3.3.1-beta.0')).toBe(true);
    expect(taroWraps('3.3.1-0')).toBe(true);
    expect(taroWraps('3.3.1')).toBe(false);
    expect(taroWraps('3.3.2-beta.1')).toBe(false);
  });

  it.each(['latest', '*', '>=2.2.0', '^2.0.0 || ^3.0.0', 'workspace:*', 'file:../taro', 'github:NervJS/taro', ''])(
    'cannot tell from %j',
    (range) => {
      expect(taroWraps(range)).toBeUndefined();
    },
  );
});

describe('TaroVersionReader', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'record-compat-taro-version-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (file: string, json: unknown) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), JSON.stringify(json));
  };

  it('reads the installed @tarojs/taro first, then the nearest package.json that names it', () => {
    write('taro2/package.json', { dependencies: { '@tarojs/taro': '2.2.22' } });
    write('installed/package.json', { dependencies: { '@tarojs/taro': '^3.0.0' } });
    write('installed/node_modules/@tarojs/taro/package.json', { name: '@tarojs/taro', version: '3.2.0' });
    write('taro36/package.json', { devDependencies: { '@tarojs/taro': '3.6.0' } });
    write('monorepo/package.json', { dependencies: { '@tarojs/taro': '~3.1.0' } });
    write('monorepo/packages/app/package.json', { name: 'app' });
    const reader = new TaroVersionReader();
    expect(reader.forFile(path.join(root, 'taro2/src/pages/index.jsx'))).toMatchObject({
      version: '2.2.22',
      source: 'package.json',
      wraps: true,
    });
    expect(reader.forFile(path.join(root, 'installed/src/a.js'))).toMatchObject({
      version: '3.2.0',
      source: 'installed',
      wraps: true,
    });
    expect(reader.forFile(path.join(root, 'taro36/src/a.ts'))).toMatchObject({ version: '3.6.0', wraps: false });
    expect(reader.forFile(path.join(root, 'monorepo/packages/app/src/a.ts'))).toMatchObject({
      version: '~3.1.0',
      wraps: true,
    });
  });

  it('cannot tell outside a Taro project, or from a range it does not read', () => {
    write('latest/package.json', { dependencies: { '@tarojs/taro': 'latest' } });
    const reader = new TaroVersionReader();
    expect(reader.forFile(path.join(root, 'latest/src/a.js')).wraps).toBeUndefined();
    // The temporary folder has no Taro above it (the machine's tmp), so nothing is found.
    expect(reader.forFile(path.join(root, 'nothing/a.js'))).toEqual({ source: 'none', wraps: undefined });
  });

  it('stops at a package.json it cannot parse, naming it and where it breaks, rather than take the Taro of a folder around it; an installed @tarojs/taro there still decides', () => {
    write('outer/package.json', { dependencies: { '@tarojs/taro': '3.6.0' } });
    mkdirSync(path.join(root, 'outer/app'), { recursive: true });
    writeFileSync(path.join(root, 'outer/app/package.json'), '{ "dependencies": { "@tarojs/taro": "2.2.22", } }');
    write('outer/installed/node_modules/@tarojs/taro/package.json', { name: '@tarojs/taro', version: '2.2.22' });
    writeFileSync(path.join(root, 'outer/installed/package.json'), '<<<<<<< HEAD\n');
    mkdirSync(path.join(root, 'outer/broken-install/node_modules/@tarojs/taro'), { recursive: true });
    writeFileSync(path.join(root, 'outer/broken-install/node_modules/@tarojs/taro/package.json'), '');
    const reader = new TaroVersionReader();
    expect(reader.forFile(path.join(root, 'outer/app/src/a.js'))).toEqual({
      from: path.join(root, 'outer/app/package.json'),
      source: 'unparsable',
      why: "not valid JSON at line 1, column 45: a trailing comma before '}', which JSON does not allow",
      wraps: undefined,
    });
    expect(reader.forFile(path.join(root, 'outer/installed/src/a.js'))).toMatchObject({
      version: '2.2.22',
      source: 'installed',
      wraps: true,
    });
    expect(reader.forFile(path.join(root, 'outer/broken-install/a.js'))).toMatchObject({
      source: 'unparsable',
      why: 'not valid JSON at line 1, column 1: the text ends before the JSON does',
    });
  });
});

describe('TaroVersionReader and lockfiles', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'record-compat-taro-lock-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  const pkg = (range: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { '@tarojs/taro': range }, ...extra });
  // Each project is a repository of its own, as in real life: the search for a lockfile stops at its root.
  const project = (name: string) => {
    mkdirSync(path.join(root, name, '.git'), { recursive: true });
    return name;
  };

  it.each(LOCKFILE_FORMATS)('the version a %s lockfile locks decides over the range', (format) => {
    const dir = project(`single-${format.replace(/\W/g, '-')}`);
    write(`${dir}/package.json`, pkg('^3.0.0'));
    write(`${dir}/${lockfileName(format)}`, lockfileText(format, '3.0.18', '^3.0.0'));
    const taro = new TaroVersionReader().forFile(path.join(root, dir, 'src/pages/index.js'));
    expect(taro).toMatchObject({
      version: '3.0.18',
      source: 'lockfile',
      from: path.join(root, dir, lockfileName(format)),
      wraps: true,
    });
  });

  it.each(LOCKFILE_FORMATS.filter((f) => f !== 'npm 6'))(
    'a %s lockfile at the root of a monorepo decides for its package',
    (format) => {
      const dir = project(`mono-${format.replace(/\W/g, '-')}`);
      write(`${dir}/package.json`, JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }));
      write(`${dir}/packages/app/package.json`, pkg('^3.0.0'));
      write(`${dir}/${lockfileName(format)}`, lockfileText(format, '3.0.18', '^3.0.0', 'packages/app'));
      const taro = new TaroVersionReader().forFile(path.join(root, dir, 'packages/app/src/a.ts'));
      expect(taro).toMatchObject({ version: '3.0.18', source: 'lockfile', wraps: true });
    },
  );

  it('reads an npm alias and a pnpm 9 alias in a lockfile through', () => {
    const npm = project('alias-npm');
    write(`${npm}/package.json`, pkg('npm:@tarojs/taro@^3.0.0'));
    write(
      `${npm}/package-lock.json`,
      JSON.stringify({
        lockfileVersion: 3,
        packages: {
          '': { dependencies: { '@tarojs/taro': 'npm:@tarojs/taro@^3.0.0' } },
          'node_modules/@tarojs/taro': { name: '@tarojs/taro', version: '3.0.18' },
        },
      }),
    );
    expect(new TaroVersionReader().forFile(path.join(root, npm, 'a.js'))).toMatchObject({
      version: '3.0.18',
      source: 'lockfile',
      wraps: true,
    });
    const pnpm = project('alias-pnpm');
    write(`${pnpm}/package.json`, pkg('npm:@tarojs/taro@^3.0.0'));
    write(
      `${pnpm}/pnpm-lock.yaml`,
      "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      '@tarojs/taro':\n        specifier: npm:@tarojs/taro@^3.0.0\n        version: '@tarojs/taro@3.0.18'\n",
    );
    expect(new TaroVersionReader().forFile(path.join(root, pnpm, 'a.js'))).toMatchObject({
      version: '3.0.18',
      source: 'lockfile',
      wraps: true,
    });
  });

  it('installed beats lockfile beats range', () => {
    const installed = project('precedence-installed');
    write(`${installed}/package.json`, pkg('^3.0.0'));
    write(`${installed}/package-lock.json`, lockfileText('npm 9', '3.0.18', '^3.0.0'));
    write(
      `${installed}/node_modules/@tarojs/taro/package.json`,
      JSON.stringify({ name: '@tarojs/taro', version: '3.6.20' }),
    );
    expect(new TaroVersionReader().forFile(path.join(root, installed, 'src/a.js'))).toMatchObject({
      version: '3.6.20',
      source: 'installed',
      wraps: false,
    });
    const locked = project('precedence-locked');
    write(`${locked}/package.json`, pkg('^3.0.0'));
    write(`${locked}/yarn.lock`, lockfileText('yarn 1', '3.2.5', '^3.0.0'));
    expect(new TaroVersionReader().forFile(path.join(root, locked, 'src/a.js'))).toMatchObject({
      version: '3.2.5',
      source: 'lockfile',
      wraps: true,
    });
    const range = project('precedence-range');
    write(`${range}/package.json`, pkg('^3.0.0'));
    expect(new TaroVersionReader().forFile(path.join(root, range, 'src/a.js'))).toMatchObject({
      version: '^3.0.0',
      source: 'package.json',
      wraps: false,
      mixed: true,
    });
  });

  it("a lockfile above the package that does not list it among its workspaces is another project's", () => {
    const dir = project('outer');
    write(`${dir}/package-lock.json`, lockfileText('npm 9', '3.0.18', '^3.0.0'));
    write(`${dir}/pnpm-lock.yaml`, lockfileText('pnpm 9', '3.0.18', '^3.0.0'));
    write(`${dir}/yarn.lock`, lockfileText('yarn 1', '3.0.18', '^3.0.0'));
    write(`${dir}/package.json`, JSON.stringify({ name: 'outer', workspaces: ['apps/*'] }));
    write(`${dir}/tools/app/package.json`, pkg('^3.6.0'));
    expect(new TaroVersionReader().forFile(path.join(root, dir, 'tools/app/a.js'))).toMatchObject({
      version: '^3.6.0',
      source: 'package.json',
      wraps: false,
    });
  });

  it('a lockfile that cannot be read is named with why, and the range decides', () => {
    const dir = project('broken');
    write(`${dir}/package.json`, pkg('^3.0.0'));
    write(`${dir}/package-lock.json`, '{ "lockfileVersion": 3, "packages": {');
    write(`${dir}/pnpm-lock.yaml`, "lockfileVersion: '9.0'\nimporters:\n  .:\n   dependencies: {}\n  bad\n");
    const lookup = new TaroProjectLookup();
    const file = path.join(root, dir, 'src/a.js');
    const taro = lookup.versions.forFile(file);
    expect(taro).toMatchObject({ version: '^3.0.0', source: 'package.json', wraps: false });
    expect(taro.unreadable).toEqual([
      { file: path.join(root, dir, 'package-lock.json'), why: expect.stringContaining('not valid JSON') },
      { file: path.join(root, dir, 'pnpm-lock.yaml'), why: expect.stringMatching(/^line \d+: /) },
    ]);
    const warnings = taroVersionWarnings(file, lookup, (f) => path.relative(path.join(root, dir), f));
    expect(warnings[0]).toMatch(
      /^package-lock\.json: could not read the version of @tarojs\/taro it locks \(not valid JSON/,
    );
    expect(warnings[1]).toMatch(/^pnpm-lock\.yaml: could not read the version of @tarojs\/taro it locks \(line \d+: /);
    expect(warnings[2]).toMatch(/^package\.json: @tarojs\/taro "\^3\.0\.0" allows versions before 3\.3\.1 and from it/);
  });

  it('says nothing of a Taro that was told: installed, locked, or a range on one side of 3.3.1', () => {
    const dir = project('told');
    write(`${dir}/package.json`, pkg('~3.2.0'));
    const lookup = new TaroProjectLookup();
    expect(taroVersionWarnings(path.join(root, dir, 'a.js'), lookup, (f) => f)).toEqual([]);
    write('latest/package.json', pkg('latest'));
    expect(
      taroVersionWarnings(path.join(root, 'latest/a.js'), lookup, (f) => path.relative(path.join(root, 'latest'), f)),
    ).toEqual([
      expect.stringMatching(/^package\.json: @tarojs\/taro "latest" does not tell which Taro the project runs/),
    ]);
  });
});

describe('the package.json search shared by the doors', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'record-compat-package-json-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };

  it('the nearest package.json decides whether a folder depends on Taro; an unparsable one says no, without looking further up', () => {
    write('app/package.json', JSON.stringify({ optionalDependencies: { '@tarojs/taro': '3.6.0' } }));
    write('app/broken/package.json', '{ not json');
    write('app/plain/package.json', JSON.stringify({ name: 'plain' }));
    mkdirSync(path.join(root, 'app/src/pages'), { recursive: true });
    const lookup = new TaroProjectLookup();
    expect(lookup.dependsOnTaro(path.join(root, 'app/src/pages'))).toBe(true);
    expect(lookup.dependsOnTaro(path.join(root, 'app/broken'))).toBe(false);
    expect(lookup.dependsOnTaro(path.join(root, 'app/plain'))).toBe(false);
    expect(lookup.packages.nearestDir(path.join(root, 'app/src/pages'))).toBe(path.join(root, 'app'));
    expect(lookup.packages.nearestDir(path.join(root, 'app/broken'))).toBe(path.join(root, 'app/broken'));
  });

  it('reads each package.json once per reader: a later edit is seen by a new reader only', () => {
    write('edited/package.json', JSON.stringify({ name: 'before' }));
    const reader = new PackageJsonReader();
    expect(reader.read(path.join(root, 'edited'))).toEqual({ name: 'before' });
    write('edited/package.json', JSON.stringify({ name: 'after' }));
    expect(reader.read(path.join(root, 'edited'))).toEqual({ name: 'before' });
    expect(new PackageJsonReader().read(path.join(root, 'edited'))).toEqual({ name: 'after' });
    expect(reader.read(path.join(root, 'missing'))).toBeNull();
  });
});
