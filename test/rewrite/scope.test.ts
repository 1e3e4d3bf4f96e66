/**
 * The light scope walk (scope.ts): the answers the matcher reads, on the shapes that
 * decide them: shadowing, hoisting, writes, type positions, names that are not variables.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeScopes } from '../../src/rewrite/file/scope';
import { parseScript } from '../../src/rewrite/file/parse-check';
import { parseForRewrite } from '../../src/rewrite/file/parse';
import { parserForFile } from '../../src/rewrite/rules/file-kinds';
import { FIXTURES, fixtureInputFiles } from '../helpers/fixtures';
import { rewriteSource } from '../../src/rewrite';

function scopesOf(code: string, parser: 'ts' | 'tsx' = 'tsx') {
  return analyzeScopes(parseScript(code, parser).program);
}

/** The global `wx` calls that get rewritten, by their line. */
function rewrittenLines(code: string, file = 'a.js'): number[] {
  return rewriteSource(code, file).report.rewritten.map((site) => site.line);
}

describe('which wx is the global', () => {
  it('a parameter, a block let, a catch parameter and a class expression name shadow it; code outside them sees the global', () => {
    const code = [
      'function a(wx) { wx.startRecord() }', // 1: parameter
      '{ let wx = {}; wx.startRecord() }', // 2: block
      'try {} catch (wx) { wx.startRecord() }', // 3: catch
      'const C = class wx { m() { wx.startRecord() } }', // 4: class name
      'wx.startRecord()', // 5: the global
    ].join('\n');
    expect(rewrittenLines(code)).toEqual([5]);
  });

  it('a var inside a block is the whole function’s, even above its declaration', () => {
    const code = [
      'function f() {',
      '  wx.startRecord()',
      '  if (x) { var wx = make() }',
      '}',
      'function g() { wx.stopRecord() }',
    ].join('\n');
    expect(rewrittenLines(code)).toEqual([5]);
  });

  it('a function declared later in the file shadows it everywhere in the file', () => {
    expect(rewrittenLines('wx.startRecord()\nfunction wx() {}\n')).toEqual([]);
  });

  it('`declare const wx` (TypeScript) is a stand-in for the global, not a local', () => {
    expect(rewrittenLines('declare const wx: any\nwx.startRecord()\nexport {}\n', 'a.ts')).toEqual([2]);
  });
});

describe('references, writes and names that are not variables', () => {
  it('counts reads and writes of a binding; property names, object keys and labels are none of them', () => {
    const { program } = scopesOf('let sr = 1\nsr = 2\nobj.sr; ({ sr: 1 }); sr: for (;;) break sr\nuse(sr)\n');
    const sr = program.declarations.get('sr')!;
    expect(sr.constant).toBe(false);
    expect(sr.references.map((r) => [r.place.node.loc!.start.line, r.write])).toEqual([
      [2, true],
      [4, false],
    ]);
  });

  it('marks references inside types, and `for (x of …)` as a write', () => {
    const { program } = scopesOf(
      'import { startRecord as sr } from "@tarojs/taro"\ntype O = typeof sr\nlet x: sr.Option\nlet y; for (y of []) {}\nsr()\n',
      'ts',
    );
    expect(program.declarations.get('sr')!.references.map((r) => r.inType)).toEqual([true, true, false]);
    expect(program.declarations.get('y')!.constant).toBe(false);
  });

  it('counts every declared or referenced name, for the choice of the runtime’s local names', () => {
    const { nameCounts } = scopesOf(
      'const startRecord = 1\nfunction f(stopRecord) { return startRecord + stopRecord }\n',
    );
    expect(nameCounts.get('startRecord')).toBe(2);
    expect(nameCounts.get('stopRecord')).toBe(2);
    expect(nameCounts.has('f')).toBe(true);
  });
});

describe("the walk by the parser's child keys (Babel's VISITOR_KEYS, oxc's visitorKeys)", () => {
  /**
   * What a walk found, as comparable lines: every reference and kept place with its position, scope depth and flags.
   */
  function summary(info: ReturnType<typeof analyzeScopes>): string[] {
    const depth = (scope: { parent: unknown }) => {
      let n = 0;
      for (let s = scope as { parent?: unknown } | undefined; s?.parent; s = s.parent as typeof s) n++;
      return n;
    };
    return [
      ...info.references.map(
        (r) =>
          `ref ${r.place.node.name}@${r.place.node.start} d${depth(r.place.scope)} ${r.inType ? 'type' : ''}${r.write ? 'write' : ''}`,
      ),
      ...info.places.map((p) => `place ${p.node.type}@${p.node.start} ${p.key}`),
      ...[...info.nameCounts].map(([name, n]) => `name ${name} ${n}`),
    ].sort();
  }

  it('finds what the walk over every key finds, on every fixture and with both parsers', () => {
    let compared = 0;
    for (const file of fixtureInputFiles()) {
      const parser = parserForFile(file);
      if (!parser) continue;
      let text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
      if (text.startsWith('\uFEFF')) text = text.slice(1);
      for (const choice of ['babel', 'oxc'] as const) {
        let script;
        try {
          script = parseForRewrite(text, parser, choice);
        } catch {
          continue; // a fixture that does not parse: the engine's tests cover it
        }
        expect(script.childKeys, `${file} (${choice})`).toBeDefined();
        expect(summary(analyzeScopes(script.program, script.childKeys)), `${file} (${choice})`).toEqual(
          summary(analyzeScopes(script.program)),
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});
