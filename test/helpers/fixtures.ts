/**
 * The rewrite fixtures (__testfixtures__/NAME.input.EXT and NAME.output.EXT) and the
 * options each one is run with. Options are declared, never guessed from a name: a fixture
 * that needs any is listed in __testfixtures__/options.json (fixture name → RewriteOptions);
 * every other fixture runs with the defaults.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { RewriteOptions } from '../../src/rewrite/rules/types';
import { ROOT } from './paths';

export const FIXTURES = path.join(ROOT, '__testfixtures__');
/** The table of fixture name (`recorder-manager-qq.js`) → the options every door gets for it. */
export const FIXTURE_OPTIONS_FILE = path.join(FIXTURES, 'options.json');

export interface Fixture {
  /** The input's file name without `.input`: `promise-then.js`. */
  name: string;
  inputPath: string;
  input: string;
  output: string;
  /** The rewrite options every door gets for this fixture (declared in options.json, else none). */
  options: RewriteOptions;
  /**
   * The template beside the script as the codemod writes it (`NAME.output.wxml`), when the rewrite changes it: a canvas
   * moved to Canvas 2D.
   */
  outputTemplate?: string;
  /**
   * What the doors that rewrite one file at a time (jscodeshift, Babel, ESLint) write, where it differs from `output`:
   * `NAME.one-file.<ext>`, for a canvas the codemod moves with its template (they leave it for a person); else `output`.
   */
  oneFileOutput: string;
}

/**
 * Templates beside a fixture's script, named like it (`audio-context-wx-page.input.wxml` beside
 * `audio-context-wx-page.input.js`): the engine reads them there, as it reads a page's `.wxml`
 * beside its script. They are no fixtures of their own.
 */
export const TEMPLATE_EXTENSIONS: readonly string[] = ['.wxml'];

/** The input files' names (`promise-then.input.js`), sorted. */
export function fixtureInputFiles(): string[] {
  return fs
    .readdirSync(FIXTURES)
    .filter((file) => file.includes('.input.') && !TEMPLATE_EXTENSIONS.includes(path.extname(file)))
    .sort();
}

/**
 * The templates beside an input file (`x.input.js` → `x.input.wxml`), by file name: what a copy of the fixture must
 * take along.
 */
export function fixtureTemplateFiles(inputFile: string): string[] {
  const base = inputFile.slice(0, inputFile.length - path.extname(inputFile).length);
  return TEMPLATE_EXTENSIONS.map((ext) => base + ext).filter((file) => fs.existsSync(path.join(FIXTURES, file)));
}

/** The fixture's name for its input file: `promise-then.input.js` → `promise-then.js`. */
export const fixtureName = (inputFile: string): string => inputFile.replace('.input', '');

/** Copies an input file and its templates into `folder` under their plain names (page.js, page.wxml), as a project holds them. */
export function copyFixtureInput(inputFile: string, folder: string): void {
  for (const file of [inputFile, ...fixtureTemplateFiles(inputFile)])
    fs.copyFileSync(path.join(FIXTURES, file), path.join(folder, fixtureName(file)));
}

/**
 * Makes `folder` a Taro 4 project's root (a package.json naming @tarojs/taro), as the fixtures' outputs expect: without
 * an importSource, a door chooses the runtime entry per file from the nearest package.json, as the codemod does.
 */
export function writeTaroPackageJson(folder: string): void {
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ dependencies: { '@tarojs/taro': '^4.2.1' } }));
}

/** The options table as declared (fixture name → options), each entry checked to be an object. */
export function declaredFixtureOptions(): Record<string, RewriteOptions> {
  const table: unknown = JSON.parse(fs.readFileSync(FIXTURE_OPTIONS_FILE, 'utf8'));
  if (typeof table !== 'object' || table === null || Array.isArray(table))
    throw new Error(`${FIXTURE_OPTIONS_FILE}: not an object`);
  for (const [name, options] of Object.entries(table)) {
    if (typeof options !== 'object' || options === null || Array.isArray(options))
      throw new Error(`${FIXTURE_OPTIONS_FILE}: ${name}: options are not an object`);
  }
  return table as Record<string, RewriteOptions>;
}

/** Names declared in the options table that are no fixture (a typo or a renamed fixture). */
export function undeclaredFixtureNames(): string[] {
  const names = new Set(fixtureInputFiles().map(fixtureName));
  return Object.keys(declaredFixtureOptions()).filter((name) => !names.has(name));
}

/** The options a fixture runs with, by its name (`promise-then.js`). */
export function fixtureOptions(
  name: string,
  table: Record<string, RewriteOptions> = declaredFixtureOptions(),
): RewriteOptions {
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : {};
}

/** A fixture's output under the doors that rewrite one file at a time (Fixture.oneFileOutput), by its input's file name. */
export function oneFileOutputOf(inputFile: string): string {
  const oneFile = path.join(FIXTURES, inputFile.replace('.input.', '.one-file.'));
  return fs.readFileSync(
    fs.existsSync(oneFile) ? oneFile : path.join(FIXTURES, inputFile.replace('.input.', '.output.')),
    'utf8',
  );
}

export function loadFixtures(): Fixture[] {
  const table = declaredFixtureOptions();
  return fixtureInputFiles().map((file) => {
    const inputPath = path.join(FIXTURES, file);
    const name = fixtureName(file);
    const template = path.join(FIXTURES, file.replace('.input.', '.output.').replace(/\.[^.]+$/, '.wxml'));
    return {
      name,
      options: fixtureOptions(name, table),
      inputPath,
      input: fs.readFileSync(inputPath, 'utf8'),
      output: fs.readFileSync(path.join(FIXTURES, file.replace('.input.', '.output.')), 'utf8'),
      oneFileOutput: oneFileOutputOf(file),
      ...(fs.existsSync(template) ? { outputTemplate: fs.readFileSync(template, 'utf8') } : {}),
    };
  });
}

/**
 * A copy of a fixture whose template the codemod writes, beside that template as written: where the doors that rewrite
 * one file at a time meet a canvas the codemod moved the template of. Returns the copy's script path.
 */
export function withOutputTemplate(fixture: Fixture): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-template-'));
  writeTaroPackageJson(folder);
  const script = path.join(folder, path.basename(fixture.inputPath));
  fs.writeFileSync(script, fixture.input);
  fs.writeFileSync(script.replace(/\.[^.]+$/, '.wxml'), fixture.outputTemplate ?? '');
  return script;
}
