/**
 * Which Taro a project is on (src/rewrite/taro-version.ts): the version or range read, and
 * whether that Taro wrapped the calls (docs/contract.md#taro-wrapper): below 3.3.1 it did.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PackageJsonReader, TaroProjectLookup, TaroVersionReader, taroWraps } from '../../src/rewrite';

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

  it.each(['latest', '*', '>=2.2.0', '^2.0.0 || ^3.0.0', 'workspace:*', 'file:../taro', 'github:NervJS/taro', ''])('cannot tell from %j', (range) => {
    expect(taroWraps(range)).toBeUndefined();
  });
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
    expect(reader.forFile(path.join(root, 'taro2/src/pages/index.jsx'))).toMatchObject({ version: '2.2.22', source: 'package.json', wraps: true });
    expect(reader.forFile(path.join(root, 'installed/src/a.js'))).toMatchObject({ version: '3.2.0', source: 'installed', wraps: true });
    expect(reader.forFile(path.join(root, 'taro36/src/a.ts'))).toMatchObject({ version: '3.6.0', wraps: false });
    expect(reader.forFile(path.join(root, 'monorepo/packages/app/src/a.ts'))).toMatchObject({ version: '~3.1.0', wraps: true });
  });

  it('cannot tell outside a Taro project, or from a range it does not read', () => {
    write('latest/package.json', { dependencies: { '@tarojs/taro': 'latest' } });
    const reader = new TaroVersionReader();
    expect(reader.forFile(path.join(root, 'latest/src/a.js')).wraps).toBeUndefined();
    // The temporary folder has no Taro above it (the machine's tmp), so nothing is found.
    expect(reader.forFile(path.join(root, 'nothing/a.js'))).toEqual({ source: 'none', wraps: undefined });
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
