/**
 * Every fixture through both doors: the jscodeshift transform (byte-exact against the
 * expected output) and the Babel plugin (same code once both are printed by Babel; for a
 * .vue component, block by block, as the vite door runs it). Each is run input→output and
 * output→output, so idempotence is checked for free.
 */
import { transformSync } from '@babel/core';
import { parse } from '@babel/parser';
import generate from '@babel/generator';
import * as t from '@babel/types';
import { diffArrays } from 'diff';
import * as fs from 'fs';
import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import babelPlugin from '../../src/rewrite/file/babel-plugin';
import { LEGACY_API_TABLE, LEGACY_APIS, parserForFile, rewriteFile } from '../../src/rewrite';
import {
  CANVAS_PIXEL_EXPORTS,
  familyOf,
  legacyApiRow,
  memberNameOf,
  migrationOf,
  SYSTEM_INFO_FIELD_GROUPS,
  type LegacyApiRow,
} from '../../src/rewrite/rules/legacy-apis';
import type { RewriteOptions, RewriteReport } from '../../src/rewrite/rules/types';
import transform from '../../transforms/record-compat';
import { isVue, scriptParts } from '../helpers/vue-blocks';
import {
  FIXTURE_OPTIONS_FILE,
  declaredFixtureOptions,
  loadFixtures,
  undeclaredFixtureNames,
  withOutputTemplate,
} from '../helpers/fixtures';

/** What the codemod asks of the engine: it writes the templates beside the scripts (a page's .wxml). */
const CODEMOD = { writesTemplates: true } as const;

/** Runs the jscodeshift transform as jscodeshift would, deliberately started with the wrong parser. */
function runTransform(
  source: string,
  filePath: string,
  options: RewriteOptions = {},
): { output: string | undefined; reports: string[] } {
  const reports: string[] = [];
  const j = jscodeshift.withParser('babel'); // the transform must ignore this and pick its own
  const api = { j, jscodeshift: j, stats: () => undefined, report: (message: string) => reports.push(message) };
  const output = transform({ path: filePath, source }, api as never, { ...options });
  return { output, reports };
}

function babelPluginsFor(filePath: string): ('jsx' | 'typescript')[] {
  return parserForFile(filePath) === 'ts' ? ['typescript'] : ['jsx', 'typescript'];
}

function runBabelOnScript(
  source: string,
  filePath: string,
  options: RewriteOptions = {},
): { code: string; report: RewriteReport } {
  const result = transformSync(source, {
    filename: filePath,
    babelrc: false,
    configFile: false,
    parserOpts: { plugins: babelPluginsFor(filePath) },
    plugins: [[babelPlugin, options]],
  });
  return { code: result!.code!, report: (result!.metadata as unknown as { recordCompat: RewriteReport }).recordCompat };
}

/**
 * The Babel plugin on a script, or on each script block of a component (positions in the
 * component), as the vite door runs it. `code` comes back normalized (see `normalized`).
 */
function runBabel(
  source: string,
  filePath: string,
  options: RewriteOptions = {},
): { code: string; report: RewriteReport } {
  if (!isVue(filePath)) {
    const out = runBabelOnScript(source, filePath, options);
    return { code: normalizedScript(out.code, filePath), report: out.report };
  }
  const report: RewriteReport = { rewritten: [], manual: [] };
  const codes = scriptParts(source, filePath).map((block) => {
    const out = runBabelOnScript(block.code, block.name, { ...options, ...block.options });
    report.rewritten.push(...out.report.rewritten.map((site) => block.place(site)));
    report.manual.push(...out.report.manual.map((site) => block.place(site)));
    if (out.report.followsCreator)
      (report.followsCreator ??= []).push(
        ...out.report.followsCreator.map((site) => ({
          ...block.place(site),
          creator: { ...site.creator, ...block.place(site.creator) },
        })),
      );
    if (out.report.taroWrapped) report.taroWrapped = true;
    if (out.report.templateFiles)
      report.templateFiles = [...new Set([...(report.templateFiles ?? []), ...out.report.templateFiles])];
    return normalizedScript(out.code, block.name);
  });
  return { code: codes.join(BLOCK_SEPARATOR), report };
}

const BLOCK_SEPARATOR = '\n---\n';

/** Babel's printing of the code (of each script block of a component), blind to formatting, quotes and comments. */
function normalized(source: string, filePath: string): string {
  if (isVue(filePath))
    return scriptParts(source, filePath)
      .map((s) => normalizedScript(s.code, s.name))
      .join(BLOCK_SEPARATOR);
  return normalizedScript(source, filePath);
}

function normalizedScript(source: string, filePath: string): string {
  const ast = parse(source.replace(/^\uFEFF/, ''), { sourceType: 'module', plugins: babelPluginsFor(filePath) });
  t.traverseFast(ast, (node) => {
    delete (node as { extra?: unknown }).extra;
  });
  // blank lines follow the source's positions in Babel's printer: not code
  return generate(ast, { comments: false, jsescOption: { quotes: 'double' } }).code.replace(/\n\s*\n/g, '\n');
}

/** A line about the legacy APIs: one of them, or a pixel call of a canvas, which moves with it (Decision C4). */
const LEGACY_LINE = new RegExp(
  `\\b(?:${[...LEGACY_APIS, ...CANVAS_PIXEL_EXPORTS].join('|')})\\b|@tarojs/taro|taro-plugin-record-compat|record-compat-runtime`,
);

const fixtures = loadFixtures();

/**
 * The locals a split `getSystemInfoSync()` declares for its further groups (`deviceInfo = getDeviceInfo()`,
 * file/system-info-reads.ts).
 */
const GROUP_LOCAL = new RegExp(`\\b([\\w$]+) = (?:${Object.keys(SYSTEM_INFO_FIELD_GROUPS).join('|')})\\(\\)`, 'g');

/**
 * A line whose only change is a field read now through a group's local (`info.model` → `deviceInfo.model`), or an
 * `*Authorized` read now through `authorized()` (`info.cameraAuthorized` → `authorized(info.cameraAuthorized)`).
 */
function readsRenamedIn(line: string, added: string[], expected: string): boolean {
  const locals = new Set([...expected.matchAll(GROUP_LOCAL)].map((m) => m[1]));
  const receivers = (text: string) => [...text.matchAll(/\b([\w$]+)\.(?=[\w$])/g)].map((m) => m[1]);
  const withoutReceivers = (text: string) => text.replace(/\b[\w$]+\.(?=[\w$])/g, '.');
  const unwrapped = (text: string) => text.replace(/\bauthorized\(([\w$]+\.[\w$]+Authorized)\)/g, '$1');
  return added.some(
    (next) =>
      (unwrapped(next) !== next || receivers(next).some((name) => locals.has(name))) &&
      withoutReceivers(unwrapped(next)) === withoutReceivers(line),
  );
}

/**
 * Each family of deprecated APIs in the table, by its kind, with its APIs (the app's own managers are no family): a
 * fixture is the family's when its input names an API of the platform object of it, or, for a family of members of
 * other objects only (the old lifecycles, translateMarker), when its name says the family. `person`: no row of it is
 * migrated, every place is for a person.
 */
const FAMILIES = [
  ...new Set(LEGACY_API_TABLE.filter((row) => !('onlyWithLegacyCalls' in row)).map((row) => row.kind)),
].map((kind) => {
  const rows = (LEGACY_API_TABLE as readonly LegacyApiRow[]).filter((row) => row.kind === kind);
  const named = rows.filter((row) => !row.owner).map((row) => row.name);
  const family = familyOf(rows[0]!.name);
  return {
    kind,
    person: rows.every((row) => migrationOf(row.name) === 'person'),
    holds: (fixture: { name: string; input: string }) =>
      named.length > 0 ? new RegExp(`\\b(?:${named.join('|')})\\b`).test(fixture.input) : fixture.name.includes(family),
  };
});
/**
 * What the fixtures of every family hold at least (CONTRIBUTING, "Adding a legacy API"): a family of
 * the table is held to it as soon as its rows are there. Some families are held to more below.
 * A family left to a person changes nothing: its places are reported in a script and a component, beside a look-alike.
 */
const EVERY_FAMILY = { fixtures: 12, lookAlikes: 2, vue: 1, rewrittenIn: ['.js', '.jsx', '.vue'] };
/**
 * Where a family's rewrites are held to other kinds of script: a native component's old lifecycles are in its .js or
 * .ts (Taro's JSX and Vue never register one: their .vue fixture is a look-alike).
 */
const REWRITTEN_IN: Partial<Record<string, string[]>> = { lifetimes: ['.js', '.ts'] };
const PERSON_FAMILY = { fixtures: 4, lookAlikes: 1, vue: 1, reportedIn: ['.js', '.vue'] };

describe('fixtures', () => {
  it('declares options only for fixtures that exist (__testfixtures__/options.json)', () => {
    expect(undeclaredFixtureNames(), `names in ${FIXTURE_OPTIONS_FILE} with no NAME.input.EXT beside it`).toEqual([]);
    // the table is in use: the fixtures of a project with legacy record calls route the app's own manager
    expect(
      Object.values(declaredFixtureOptions()).filter((o) => o.routeRecorderManager === true).length,
    ).toBeGreaterThanOrEqual(10);
    expect(fixtures.filter((f) => f.options.routeRecorderManager === true).length).toBeGreaterThanOrEqual(10);
  });

  it('has at least 30 fixtures, with no-transform and manual cases among them', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
    expect(fixtures.filter((f) => f.name.startsWith('no-transform-')).length).toBeGreaterThanOrEqual(8);
    expect(fixtures.filter((f) => f.name.startsWith('manual-')).length).toBeGreaterThanOrEqual(3);
    for (const ext of ['.js', '.jsx', '.ts', '.tsx', '.vue'])
      expect(fixtures.some((f) => f.name.endsWith(ext))).toBe(true);
  });

  it.each(FAMILIES.filter((family) => !family.person))(
    `has at least ${EVERY_FAMILY.fixtures} fixtures of the $kind family, look-alikes, a .vue component and rewrites of each script kind among them`,
    ({ kind, holds }) => {
      const family = fixtures.filter(holds);
      expect(family.length).toBeGreaterThanOrEqual(EVERY_FAMILY.fixtures);
      expect(family.filter((f) => f.name.startsWith('no-transform-')).length).toBeGreaterThanOrEqual(
        EVERY_FAMILY.lookAlikes,
      );
      expect(family.filter((f) => f.name.endsWith('.vue')).length).toBeGreaterThanOrEqual(EVERY_FAMILY.vue);
      for (const ext of REWRITTEN_IN[kind] ?? EVERY_FAMILY.rewrittenIn)
        expect(
          family.some((f) => f.name.endsWith(ext) && f.output !== f.input),
          ext,
        ).toBe(true);
    },
  );

  it.each(FAMILIES.filter((family) => family.person))(
    `has at least ${PERSON_FAMILY.fixtures} fixtures of the $kind family, left to a person: its places reported in a script and a .vue component, beside a look-alike`,
    ({ holds }) => {
      const family = fixtures.filter(holds);
      expect(family.length).toBeGreaterThanOrEqual(PERSON_FAMILY.fixtures);
      expect(family.filter((f) => f.name.startsWith('no-transform-')).length).toBeGreaterThanOrEqual(
        PERSON_FAMILY.lookAlikes,
      );
      expect(family.filter((f) => f.name.endsWith('.vue')).length).toBeGreaterThanOrEqual(PERSON_FAMILY.vue);
      for (const ext of PERSON_FAMILY.reportedIn)
        expect(
          family.some(
            (f) => f.name.endsWith(ext) && rewriteFile(f.input, f.inputPath, f.options).report.manual.length > 0,
          ),
          ext,
        ).toBe(true);
      for (const f of family) expect(f.output, f.name).toBe(f.input);
    },
  );

  it('families: each door leaves a family not chosen as it is and says so; jscodeshift takes them comma-separated, as its command line hands them', () => {
    const fixture = fixtures.find((f) => f.name === 'families-record-only.js')!;
    expect(fixture.options).toEqual({ families: ['record'] });
    const { output, reports } = runTransform(fixture.input, fixture.inputPath, { families: 'record' } as never);
    expect(output).toBe(fixture.output);
    expect(reports).toEqual(['left as chosen: 1 call of voice', 'left as chosen: 1 call of background-audio']);
    expect(() => runTransform(fixture.input, fixture.inputPath, { families: 'record,recording' } as never)).toThrow(
      /option "families" must be a list of families, each one of 'record', .*, got \["record","recording"\]$/,
    );
    expect(runBabel(fixture.input, fixture.inputPath, fixture.options).report.leftAsChosen).toEqual([
      { line: 10, column: 4, api: 'playVoice' },
      { line: 13, column: 4, api: 'playBackgroundAudio' },
    ]);
    // Every family chosen, as by default: all three are rewritten.
    expect(
      rewriteFile(fixture.input, fixture.inputPath, { families: ['record', 'voice', 'background-audio'] }).output,
    ).not.toMatch(/wx\./);
  });

  it('has every deprecated API of the table at a place some fixture reports: rewritten, moved, renamed, gone with its creator, or for a person', () => {
    const reported = new Set<string>();
    for (const f of fixtures) {
      const { report } = rewriteFile(f.input, f.inputPath, f.options);
      for (const site of [...report.rewritten, ...report.manual, ...(report.followsCreator ?? [])])
        if (site.api) reported.add(site.api);
    }
    const rows = (LEGACY_API_TABLE as readonly LegacyApiRow[]).filter((row) => !row.onlyWithLegacyCalls);
    expect(rows.map((row) => row.name).filter((api) => !reported.has(api))).toEqual([]);
  });

  it.each(LEGACY_APIS)('has a fixture that %s changes', (api) => {
    expect(fixtures.some((f) => new RegExp(`\\b${api}\\b`).test(f.input) && f.output !== f.input)).toBe(true);
  });

  it('has at least 15 fixtures of the voice API, web JS-SDK negatives and .vue components among them', () => {
    const voice = fixtures.filter((f) => /Voice/.test(f.input));
    expect(voice.length).toBeGreaterThanOrEqual(15);
    expect(voice.filter((f) => f.name.startsWith('no-transform-')).length).toBeGreaterThanOrEqual(3);
    expect(voice.filter((f) => f.name.endsWith('.vue')).length).toBeGreaterThanOrEqual(2);
  });

  it('has at least 15 fixtures of the background-audio API, with its look-alikes and a .vue component among them', () => {
    const background = fixtures.filter((f) => /BackgroundAudio/.test(f.input));
    expect(background.length).toBeGreaterThanOrEqual(15);
    expect(background.filter((f) => f.name.startsWith('no-transform-')).length).toBeGreaterThanOrEqual(5);
    expect(background.filter((f) => f.name.endsWith('.vue')).length).toBeGreaterThanOrEqual(1);
  });

  it('has at least 12 fixtures of createAudioContext, each of its forms, manual cases and look-alikes among them', () => {
    const audio = fixtures.filter((f) => /createAudioContext/.test(f.input));
    expect(audio.length).toBeGreaterThanOrEqual(12);
    expect(audio.filter((f) => f.name.startsWith('manual-')).length).toBeGreaterThanOrEqual(6);
    expect(audio.filter((f) => f.name.startsWith('no-transform-')).length).toBeGreaterThanOrEqual(2);
    for (const ext of ['.js', '.jsx', '.vue'])
      expect(
        audio.some((f) => f.name.endsWith(ext) && f.output !== f.input),
        ext,
      ).toBe(true);
    expect(audio.some((f) => f.name.endsWith('.tsx'))).toBe(true);
    // a native page's template is beside its script, as the engine reads it
    expect(audio.filter((f) => fs.existsSync(f.inputPath.replace(/\.[^.]+$/, '.wxml'))).length).toBeGreaterThanOrEqual(
      6,
    );
  });

  describe.each(fixtures)('$name', (fixture) => {
    const { input, output: expected, inputPath, options, outputTemplate, oneFileOutput } = fixture;
    const oneFileUnchanged = oneFileOutput === input;

    it('jscodeshift door: input → its expected output (the one-file output where the codemod writes a template), byte for byte', () => {
      const { output } = runTransform(input, inputPath, options);
      expect(output ?? input).toBe(oneFileOutput);
      // untouched files are not reprinted at all
      if (oneFileUnchanged) expect(output).toBeUndefined();
    });

    it('jscodeshift door: output → output (idempotent)', () => {
      expect(runTransform(oneFileOutput, inputPath, options).output).toBeUndefined();
    });

    it("the codemod reads the same with Babel's parser as with oxc's: input → expected output, and the same report", () => {
      const withOxc = rewriteFile(input, inputPath, { ...options, parser: 'oxc' }, CODEMOD);
      const withBabel = rewriteFile(input, inputPath, { ...options, parser: 'babel' }, CODEMOD);
      expect(withBabel.output ?? input).toBe(expected);
      expect(withBabel.report).toEqual(withOxc.report);
      expect(withBabel.templates?.map((written) => written.text)).toEqual(outputTemplate && [outputTemplate]);
      expect(withOxc.templates).toEqual(withBabel.templates);
    });

    it('expected output parses, and only lines about the legacy API changed', () => {
      for (const script of scriptParts(expected, inputPath)) {
        expect(() =>
          jscodeshift.withParser(parserForFile(script.name)!)(script.code.replace(/^\uFEFF/, '')),
        ).not.toThrow();
      }
      const eol = input.includes('\r\n') ? '\r\n' : '\n';
      const { rewritten } = rewriteFile(input, inputPath, options, CODEMOD).report;
      const rewrittenLines = new Set(rewritten.map((site) => site.line));
      const parts = diffArrays(input.split(eol), expected.split(eol));
      // Old lifecycles moved under `lifetimes`: their lines go from one place to another, one step further in, and the
      // lines that open and close `lifetimes` come.
      const moves = rewritten.some((site) => site.becomes?.startsWith('lifetimes.'));
      const all = (kind: 'added' | 'removed') =>
        new Set(parts.filter((p) => p[kind]).flatMap((p) => p.value.map((line) => line.trim())));
      const [addedAnywhere, removedAnywhere] = [all('added'), all('removed')];
      const moved = (line: string, elsewhere: Set<string>) =>
        moves && (elsewhere.has(line.trim()) || /^\s*(?:lifetimes: \{(?:\},?)?|\},?)\s*$/.test(line));
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
          const isLegacy =
            LEGACY_LINE.test(line) ||
            rewrittenLines.has(originalLine + k) ||
            line.trim() === '' ||
            moved(line, addedAnywhere) ||
            readsRenamedIn(line, added, expected);
          expect(isLegacy, `removed line ${originalLine + k}: ${JSON.stringify(line)}`).toBe(true);
        });
        // new lines name the API, or stand in for a removed line (`sr(` → `startRecord(`)
        const unexplained = added.filter(
          (line) => line.trim() !== '' && !LEGACY_LINE.test(line) && !moved(line, removedAnywhere),
        );
        expect(unexplained.length, `added lines ${JSON.stringify(unexplained)}`).toBeLessThanOrEqual(removed.length);
        originalLine += removed.length;
      }
    });

    it('keeps line endings, the byte-order mark and the interpreter line', () => {
      expect(expected.startsWith('\uFEFF')).toBe(input.startsWith('\uFEFF'));
      const crlf = (s: string) => (s.match(/\r\n/g) ?? []).length;
      const lf = (s: string) => (s.match(/(?:^|[^\r])\n/g) ?? []).length;
      if (lf(input) === 0 && crlf(input) > 0) expect(lf(expected)).toBe(0);
      if (crlf(input) === 0) expect(crlf(expected)).toBe(0);
      // mixed: every line keeps its own ending (new lines add to the counts; only a removed declaration takes away)
      if (crlf(input) > 0 && lf(input) > 0) {
        expect(crlf(expected)).toBeGreaterThanOrEqual(crlf(input));
        expect(lf(expected)).toBeGreaterThanOrEqual(lf(input));
      }
      const interpreter = /^\uFEFF?#![^\n]*\n/.exec(input)?.[0];
      if (interpreter) expect(expected.startsWith(interpreter)).toBe(true);
    });

    it('Babel door: input → the same code as the expected output', () => {
      const { code, report } = runBabel(input, inputPath, options);
      expect(code).toBe(normalized(oneFileOutput, inputPath));
      expect(report.rewritten.length > 0).toBe(!oneFileUnchanged);
    });

    it('Babel door: output → output (idempotent)', () => {
      const { code, report } = runBabel(oneFileOutput, inputPath, options);
      expect(report.rewritten).toEqual([]);
      expect(code).toBe(normalized(oneFileOutput, inputPath));
    });

    it('both doors report the same sites', () => {
      const { report: babelReport } = runBabel(input, inputPath, options);
      const { report: sourceReport } = rewriteFile(input, inputPath, options);
      expect(babelReport).toEqual(sourceReport);
    });
  });

  // The fixtures whose canvas the codemod moves with its template (NAME.output.wxml).
  describe.each(fixtures.filter((fixture) => fixture.outputTemplate !== undefined))(
    '$name, with its template',
    (fixture) => {
      const { input, output: expected, inputPath, options } = fixture;

      it('the doors that write no template leave its canvas for a person, with the reason', () => {
        const { output, report } = rewriteFile(input, inputPath, options);
        expect(report.manual.some((site) => /^the template is not visible to this door, /.test(site.reason))).toBe(
          true,
        );
        expect(output ?? input).not.toMatch(/record-compat-runtime/);
        expect(runBabel(input, inputPath, options).report.manual).toEqual(report.manual);
      });

      it('beside the template the codemod wrote, the doors that write no template move the script as the codemod did', () => {
        const besideWritten = withOutputTemplate(fixture);
        expect(runTransform(input, besideWritten, options).output).toBe(expected);
        expect(runBabel(input, besideWritten, options).code).toBe(normalized(expected, inputPath));
      });
    },
  );
});

/** What a line a manual-* fixture's report names holds: an API object, or the name of a deprecated API of one. */
const MANUAL_SITE_LINE = new RegExp(
  `\\bwx\\b|\\bTaro\\b|\\bwepy\\b|\\.default\\b|\\btaro_1\\b|\\b(?:${LEGACY_API_TABLE.filter((row) => !('owner' in row))
    .map((row) => row.name)
    .join('|')})\\b`,
);

describe('manual-* fixtures', () => {
  it.each(fixtures.filter((f) => f.name.startsWith('manual-')))(
    '$name is reported with line and reason, and left alone',
    (fixture) => {
      const { output, report } = rewriteFile(fixture.input, fixture.inputPath);
      expect(output).toBeNull();
      expect(report.manual.length).toBeGreaterThan(0);
      const lines = fixture.input.split(/\r?\n/);
      for (const site of report.manual) {
        expect(site.reason.length).toBeGreaterThan(10);
        // the line named holds the API object the reason is about (wepy's wrapper included; compiled code reaches Taro
        // as `taro_1.default`, or hands on the wrapper `taro_1`), or the API called through a local that holds it;
        // as-named, the line names the API itself (`reportMonitor(…)` of a named import)
        expect(lines[site.line - 1]).toMatch(
          site.api ? new RegExp(`\\b${memberNameOf(site.api)}\\b`) : MANUAL_SITE_LINE,
        );
        // a deprecated API that is not rewritten is named, at its place, with its replacement (or that it has none)
        if (site.api) {
          // a member of the platform object (`wx.chooseImage`, or a named import's `chooseImage`), of an object another
          // API made (`ctx.setFillStyle`, `this.map.translateMarker`), or a lifecycle's key
          const member = memberNameOf(site.api);
          expect(lines[site.line - 1].slice(site.column)).toMatch(
            legacyApiRow(site.api)!.owner
              ? new RegExp(`^(?:(?:[\\w$]+|\\w+\\([^)]*\\))\\.)*${member}\\b`)
              : new RegExp(`^(?:(?:wx|Taro)\\.)?${member}\\b`),
          );
          const { replacement } = legacyApiRow(site.api)!;
          expect(site.reason).toMatch(replacement ? /by hand/ : /names no replacement/);
          expect(site.reason).toContain(replacement.split(' / ')[0]);
        }
      }
      const { reports } = runTransform(fixture.input, fixture.inputPath);
      expect(reports.length).toBe(report.manual.length);
      // jscodeshift prefixes the file's path: the report starts with the place in it
      expect(reports[0]).toMatch(
        new RegExp(`^${report.manual[0].line}:${report.manual[0].column + 1}: manual review: `),
      );
      expect(reports[0]).not.toContain(fixture.inputPath);
    },
  );
});

describe('web JS-SDK files', () => {
  it.each(fixtures.filter((f) => f.name.includes('jssdk')))('$name is skipped with a reason', (fixture) => {
    const { output, report } = rewriteFile(fixture.input, fixture.inputPath);
    expect(output).toBeNull();
    expect(report.skipped).toMatch(/JS-SDK/);
  });

  it("leaves a call whose argument names the JS-SDK's localId, and rewrites the mini-program calls beside it", () => {
    const mixed = fixtures.find((f) => f.name === 'voice-mixed-web-sdk-and-miniprogram.js')!;
    const { output, report } = rewriteFile(mixed.input, mixed.inputPath);
    expect(report.skipped).toBeUndefined();
    expect(report.rewritten.map((s) => `${s.api} via ${s.via}`)).toEqual(['playVoice via Taro', 'stopVoice via Taro']);
    expect(output).toContain('wx.playVoice({ localId: recording.localId })');
    expect(output).toContain('wx.stopVoice({ localId: recording.localId })');
  });

  it('still skips a file whose localId is outside a JS-SDK call (a callback stored elsewhere)', () => {
    const source = 'function onStop(res) { save(res.localId) }\nwx.stopRecord({ success: onStop })\n';
    expect(rewriteFile(source, 'voice.js').report.skipped).toMatch(/JS-SDK code \(localId\)/);
  });
});
