/**
 * `importSource`, the module the migrated code imports the runtime from, is an option that
 * becomes code. Every door reads it through the one options table (src/rewrite/rules/options-schema.ts)
 * and writes it through the one escaping function (codeOfString): a value that is no module
 * specifier is an error that names the option and what it may be, and a specifier with a quote
 * in it (a folder may have one) is written escaped. No door writes a statement of its own from it.
 * Real Babel, jscodeshift, ESLint 9 and 8, the build plugin's vite hook and Taro 2's loader.
 */
import { parse } from '@babel/parser';
import { transformSync } from '@babel/core';
import * as fs from 'node:fs';
import * as path from 'node:path';
import jscodeshift from 'jscodeshift';
import { afterAll, describe, expect, it } from 'vitest';
import babelDoor from '../../src/babel';
import { rewriteFile } from '../../src/rewrite';
import { ReportCollector, registerCollector } from '../../src/taro-plugin/collector';
import { createFileFilter } from '../../src/taro-plugin/files';
import { resolveOptions } from '../../src/taro-plugin/options';
import sourceLoader from '../../src/taro-plugin/source-loader';
import { createVitePlugin } from '../../src/taro-plugin/vite';
import transform from '../../transforms/record-compat';
import { ESLINTS, flatConfigFor } from '../eslint/helpers';
import { makeTempProject, removeTempProjects } from '../helpers/temp-project';

afterAll(removeTempProjects);

/** Not a module specifier: each would end the string and write a statement, or fail to parse, if pasted as it is. */
const NOT_SPECIFIERS = [
  "x'; console.log('injected'); '",
  "a'b",
  'a\nb',
  'x"; console.log(1); "',
  'a\\b',
  ' my-runtime',
];
/** A path a folder's name can make (its quotes, a `</script>`): written escaped, read back as it was given. */
const QUOTED_PATH = "./x'; console.log('injected'); '";
const SCRIPT_END_PATH = './a</script>b';

const NAMED_ERROR = /option "importSource" must be a module specifier: a package name.*, got /s;

const project = makeTempProject(
  { 'package.json': JSON.stringify({ dependencies: { '@tarojs/taro': '^4.0.0' } }) },
  { git: false, prefix: 'record-compat-import-source-' },
);
const FILE = path.join(project, 'src', 'page.js');
const ESM_FILE = path.join(project, 'src', 'page.ts');
const CJS = 'wx.stopRecord()\n';
const ESM = "import Taro from '@tarojs/taro'\nTaro.stopRecord()\n";
const VUE =
  "<template><view /></template>\n<script>\nimport Taro from '@tarojs/taro'\nexport default { methods: { stop() { Taro.stopRecord() } } }\n</script>\n";

/** The statements of a script, as Babel reads them: each import's or require's module, and the calls made. */
function statementsOf(code: string, file: string): { modules: string[]; calls: string[] } {
  const program = parse(code, { sourceType: 'module', plugins: file.endsWith('.ts') ? ['typescript'] : [] }).program;
  const modules: string[] = [];
  const calls: string[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as {
      type?: string;
      source?: { value: string };
      callee?: { type: string; name?: string; object?: { name?: string }; property?: { name?: string } };
      arguments?: { value?: string }[];
    };
    if (n.type === 'ImportDeclaration') modules.push(n.source!.value);
    if (n.type === 'CallExpression') {
      if (n.callee!.type === 'Identifier' && n.callee!.name === 'require') modules.push(n.arguments![0].value!);
      else
        calls.push(
          n.callee!.type === 'Identifier' ? n.callee!.name! : `${n.callee!.object?.name}.${n.callee!.property?.name}`,
        );
    }
    for (const value of Object.values(node))
      if (value && typeof value === 'object') Array.isArray(value) ? value.forEach(visit) : visit(value);
  };
  visit(program);
  return { modules, calls };
}

/** The migrated script imports the runtime from `source` exactly, and calls nothing but the runtime's stopRecord. */
function expectImportsFrom(code: string | null | undefined, source: string, file = FILE): void {
  expect(code).toBeTruthy();
  const { modules, calls } = statementsOf(code!, file);
  expect(modules.filter((m) => m !== '@tarojs/taro')).toEqual([source]);
  expect(calls).toEqual(['stopRecord']);
}

describe('the rewrite itself (the codemod, Taro 2 and vite write its text)', () => {
  it.each(NOT_SPECIFIERS)('%j: an error that names the option and what it may be', (value) => {
    expect(() => rewriteFile(ESM, ESM_FILE, { importSource: value })).toThrow(NAMED_ERROR);
  });

  it('writes a quote of the path escaped, as a require and as an import', () => {
    expectImportsFrom(rewriteFile(CJS, FILE, { importSource: QUOTED_PATH }).output, QUOTED_PATH);
    const esm = rewriteFile(ESM, ESM_FILE, { importSource: QUOTED_PATH }).output;
    expect(esm).toContain(String.raw`from './x\'; console.log(\'injected\'); \''`);
    expectImportsFrom(esm, QUOTED_PATH, ESM_FILE);
  });

  it("keeps a component's script block whole: a </script> in the path does not close it", () => {
    const output = rewriteFile(VUE, path.join(project, 'src', 'page.vue'), { importSource: SCRIPT_END_PATH }).output!;
    const block = /<script>\n([\s\S]*)<\/script>\n$/.exec(output)![1];
    expectImportsFrom(block, SCRIPT_END_PATH);
  });
});

describe('the jscodeshift transform', () => {
  const shift = (source: string, file: string, importSource: string) => {
    const j = jscodeshift.withParser('babel');
    return transform(
      { path: file, source },
      { j, jscodeshift: j, stats: () => undefined, report: () => undefined } as never,
      { parser: 'babel', importSource },
    );
  };

  it.each(NOT_SPECIFIERS)('%j: an error that names the option', (value) => {
    expect(() => shift(ESM, ESM_FILE, value)).toThrow(NAMED_ERROR);
  });

  it('writes a quote of the path escaped', () => {
    expectImportsFrom(shift(ESM, ESM_FILE, QUOTED_PATH), QUOTED_PATH, ESM_FILE);
    expectImportsFrom(shift(CJS, FILE, QUOTED_PATH), QUOTED_PATH);
  });
});

describe('the Babel plugin', () => {
  const babel = (source: string, file: string, importSource: string) =>
    transformSync(source, {
      filename: file,
      babelrc: false,
      configFile: false,
      plugins: [[babelDoor, { importSource }]],
    })!.code;

  it.each(NOT_SPECIFIERS)('%j: an error that names the option', (value) => {
    expect(() => babel(ESM, FILE, value)).toThrow(NAMED_ERROR);
  });

  it('writes a quote of the path escaped, as the text rewrite writes it', () => {
    const code = babel(CJS, FILE, QUOTED_PATH);
    expect(code).toContain(String.raw`require("./x'; console.log('injected'); '")`);
    expectImportsFrom(code, QUOTED_PATH);
    expectImportsFrom(babel(ESM, FILE, SCRIPT_END_PATH), SCRIPT_END_PATH);
  });
});

describe.each(ESLINTS)('the ESLint rule ($name)', ({ Linter }) => {
  // ESLint 9 finds no config for a file outside its cwd.
  const lint = (source: string, file: string, importSource: string) =>
    new Linter({ configType: 'flat', cwd: project }).verifyAndFix(source, flatConfigFor(file, { importSource }), {
      filename: file,
    });

  it.each(NOT_SPECIFIERS)('%j: an error that names the option', (value) => {
    expect(() => lint(ESM, ESM_FILE, value)).toThrow(NAMED_ERROR);
  });

  it("fixes to the codemod's bytes, the quote of the path escaped", () => {
    for (const [source, file] of [
      [CJS, FILE],
      [ESM, ESM_FILE],
    ]) {
      const fixed = lint(source, file, QUOTED_PATH);
      expect(fixed.output).toBe(rewriteFile(source, file, { importSource: QUOTED_PATH }).output);
      expectImportsFrom(fixed.output, QUOTED_PATH, file);
    }
  });
});

describe("the build plugin's text routes", () => {
  /**
   * The vite plugin of a build of the project with these plugin options (the plugin reads them with resolveOptions).
   */
  function vitePlugin(importSource: string) {
    const options = resolveOptions({ importSource, report: false });
    const collector = new ReportCollector(project);
    return createVitePlugin({
      options,
      collector,
      collectorId: registerCollector(collector),
      filter: createFileFilter({ include: [] }),
      buildPluginPath: '',
      copied: () => new Map(),
    });
  }

  /** Taro 2's source loader on one file, its options as webpack 4 hands them over. */
  function loader(source: string, file: string, importSource: string) {
    const errors: Error[] = [];
    const output = sourceLoader.call(
      {
        resourcePath: file,
        resourceQuery: '',
        query: { importSource },
        emitError: (e: Error) => errors.push(e),
        addDependency: () => undefined,
      } as never,
      source,
    );
    return { output, errors };
  }

  it.each(NOT_SPECIFIERS)(
    '%j: the plugin stops with an error that names the option; the loader leaves the file and says why',
    (value) => {
      expect(() => vitePlugin(value)).toThrow(NAMED_ERROR);
      const { output, errors } = loader(ESM, ESM_FILE, value);
      expect(output).toBe(ESM);
      expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(NAMED_ERROR)]);
    },
  );

  it('vite and the loader write a quote of the path escaped', () => {
    fs.mkdirSync(path.dirname(ESM_FILE), { recursive: true });
    const vite = vitePlugin(QUOTED_PATH).transform.call({ addWatchFile: () => undefined }, ESM, ESM_FILE);
    expectImportsFrom(vite?.code, QUOTED_PATH, ESM_FILE);
    const { output, errors } = loader(ESM, ESM_FILE, QUOTED_PATH);
    expect(errors).toEqual([]);
    expectImportsFrom(output, QUOTED_PATH, ESM_FILE);
  });
});
