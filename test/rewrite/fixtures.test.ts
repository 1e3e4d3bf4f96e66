/**
 * Every fixture through both doors: the jscodeshift transform (byte-exact against the
 * expected output) and the Babel plugin (same code once both are printed by Babel).
 * Each is run input→output and output→output, so idempotence is checked for free.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { transformSync } from '@babel/core';
import { parse } from '@babel/parser';
import generate from '@babel/generator';
import * as t from '@babel/types';
import { diffArrays } from 'diff';
import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import babelPlugin from '../../src/rewrite/babel-plugin';
import { parserForFile, rewriteSource } from '../../src/rewrite';
import type { RewriteReport } from '../../src/rewrite/types';
import transform from '../../transforms/record-compat';

const FIXTURES = path.join(__dirname, '../../__testfixtures__');

interface Fixture {
  name: string;
  inputPath: string;
  input: string;
  output: string;
}

function loadFixtures(): Fixture[] {
  return readdirSync(FIXTURES)
    .filter((file) => file.includes('.input.'))
    .sort()
    .map((file) => {
      const inputPath = path.join(FIXTURES, file);
      return {
        name: file.replace('.input', ''),
        inputPath,
        input: readFileSync(inputPath, 'utf8'),
        output: readFileSync(path.join(FIXTURES, file.replace('.input.', '.output.')), 'utf8'),
      };
    });
}

/** Runs the jscodeshift transform as jscodeshift would, deliberately started with the wrong parser. */
function runTransform(source: string, filePath: string): { output: string | undefined; reports: string[] } {
  const reports: string[] = [];
  const j = jscodeshift.withParser('babel'); // the transform must ignore this and pick its own
  const api = { j, jscodeshift: j, stats: () => undefined, report: (message: string) => reports.push(message) };
  const output = transform({ path: filePath, source }, api as never, {});
  return { output, reports };
}

function babelPluginsFor(filePath: string): ('jsx' | 'typescript')[] {
  return parserForFile(filePath) === 'ts' ? ['typescript'] : ['jsx', 'typescript'];
}

function runBabel(source: string, filePath: string): { code: string; report: RewriteReport } {
  const result = transformSync(source, {
    filename: filePath,
    babelrc: false,
    configFile: false,
    parserOpts: { plugins: babelPluginsFor(filePath) },
    plugins: [[babelPlugin, {}]],
  });
  return { code: result!.code!, report: (result!.metadata as unknown as { recordCompat: RewriteReport }).recordCompat };
}

/** Babel's printing of the code, blind to formatting, quotes and comments. */
function normalized(source: string, filePath: string): string {
  const ast = parse(source.replace(/^\uFEFF/, ''), { sourceType: 'module', plugins: babelPluginsFor(filePath) });
  t.traverseFast(ast, (node) => {
    delete (node as { extra?: unknown }).extra;
  });
  // blank lines follow the source's positions in Babel's printer: not code
  return generate(ast, { comments: false, jsescOption: { quotes: 'double' } }).code.replace(/\n\s*\n/g, '\n');
}

const LEGACY_LINE = /\b(?:startRecord|stopRecord)\b|@tarojs\/taro|taro-plugin-record-compat/;

const fixtures = loadFixtures();

describe('fixtures', () => {
  it('has at least 30 fixtures, with no-transform and manual cases among them', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
    expect(fixtures.filter((f) => f.name.startsWith('no-transform-')).length).toBeGreaterThanOrEqual(8);
    expect(fixtures.filter((f) => f.name.startsWith('manual-')).length).toBeGreaterThanOrEqual(3);
    for (const ext of ['.js', '.jsx', '.ts', '.tsx']) expect(fixtures.some((f) => f.name.endsWith(ext))).toBe(true);
  });

  describe.each(fixtures)('$name', (fixture) => {
    const { input, output: expected, inputPath } = fixture;
    const unchangedExpected = expected === input;

    it('jscodeshift door: input → expected output, byte for byte', () => {
      const { output } = runTransform(input, inputPath);
      expect(output ?? input).toBe(expected);
      // untouched files are not reprinted at all
      if (unchangedExpected) expect(output).toBeUndefined();
    });

    it('jscodeshift door: output → output (idempotent)', () => {
      expect(runTransform(expected, inputPath).output).toBeUndefined();
    });

    it('expected output parses, and only lines about the legacy API changed', () => {
      const parser = parserForFile(inputPath)!;
      expect(() => jscodeshift.withParser(parser)(expected.replace(/^\uFEFF/, ''))).not.toThrow();
      const eol = input.includes('\r\n') ? '\r\n' : '\n';
      const rewrittenLines = new Set(rewriteSource(input, inputPath).report.rewritten.map((site) => site.line));
      const parts = diffArrays(input.split(eol), expected.split(eol));
      let originalLine = 1;
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i];
        if (!part.added && !part.removed) {
          originalLine += part.value.length;
          continue;
        }
        // A hunk: lines removed from the input, lines added in their place.
        const removed = part.removed ? part.value : [];
        const added = part.added ? part.value : parts[i + 1]?.added ? parts[++i].value : [];
        if (part.added && parts[i + 1]?.removed) removed.push(...parts[++i].value);
        removed.forEach((line, k) => {
          const isLegacy = LEGACY_LINE.test(line) || rewrittenLines.has(originalLine + k) || line.trim() === '';
          expect(isLegacy, `removed line ${originalLine + k}: ${JSON.stringify(line)}`).toBe(true);
        });
        // new lines name the API, or stand in for a removed line (`sr(` → `startRecord(`)
        const unexplained = added.filter((line) => line.trim() !== '' && !LEGACY_LINE.test(line));
        expect(unexplained.length, `added lines ${JSON.stringify(unexplained)}`).toBeLessThanOrEqual(removed.length);
        originalLine += removed.length;
      }
    });

    it('keeps line endings and the byte-order mark', () => {
      expect(expected.startsWith('\uFEFF')).toBe(input.startsWith('\uFEFF'));
      if (input.includes('\r\n')) expect(expected.replace(/\r\n/g, '')).not.toContain('\n');
    });

    it('Babel door: input → the same code as the expected output', () => {
      const { code, report } = runBabel(input, inputPath);
      expect(normalized(code, inputPath)).toBe(normalized(expected, inputPath));
      expect(report.rewritten.length > 0).toBe(!unchangedExpected);
    });

    it('Babel door: output → output (idempotent)', () => {
      const { code, report } = runBabel(expected, inputPath);
      expect(report.rewritten).toEqual([]);
      expect(normalized(code, inputPath)).toBe(normalized(expected, inputPath));
    });

    it('both doors report the same sites', () => {
      const { report: babelReport } = runBabel(input, inputPath);
      const { report: sourceReport } = rewriteSource(input, inputPath);
      expect(babelReport).toEqual(sourceReport);
    });
  });
});

describe('manual-* fixtures', () => {
  it.each(fixtures.filter((f) => f.name.startsWith('manual-')))('$name is reported with line and reason, and left alone', (fixture) => {
    const { output, report } = rewriteSource(fixture.input, fixture.inputPath);
    expect(output).toBeNull();
    expect(report.manual.length).toBeGreaterThan(0);
    const lines = fixture.input.split(/\r?\n/);
    for (const site of report.manual) {
      expect(site.reason.length).toBeGreaterThan(10);
      // the line named holds the API object the reason is about
      expect(lines[site.line - 1]).toMatch(/\bwx\b|\bTaro\b|stopRecord|startRecord/);
    }
    const { reports } = runTransform(fixture.input, fixture.inputPath);
    expect(reports.length).toBe(report.manual.length);
    expect(reports[0]).toContain(`${fixture.inputPath}:${report.manual[0].line}:`);
  });
});

describe('web JS-SDK files', () => {
  it.each(fixtures.filter((f) => f.name.includes('jssdk')))('$name is skipped with a reason', (fixture) => {
    const { output, report } = rewriteSource(fixture.input, fixture.inputPath);
    expect(output).toBeNull();
    expect(report.skipped).toMatch(/JS-SDK/);
  });
});
