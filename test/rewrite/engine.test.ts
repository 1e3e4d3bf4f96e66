/** Behaviours of the rewrite that fixtures alone do not pin down. */
import { transformSync } from '@babel/core';
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it, vi } from 'vitest';
import babelPlugin from '../../src/rewrite/file/babel-plugin';
import { mightContainLegacyCall, parserForFile, rewriteSource, RewriteParseError } from '../../src/rewrite';

const rewrite = (source: string, file = 'page.js', importSource?: string) =>
  rewriteSource(source, file, importSource ? { importSource } : {});

describe('parser choice', () => {
  it('follows the extension', () => {
    expect(parserForFile('a/b.ts')).toBe('ts');
    expect(parserForFile('a/b.mts')).toBe('ts');
    expect(parserForFile('a/b.tsx')).toBe('tsx');
    expect(parserForFile('a/b.js')).toBe('tsx');
    expect(parserForFile('a/b.jsx')).toBe('tsx');
    expect(parserForFile('a/b.cjs')).toBe('tsx');
    expect(parserForFile('a/b.d.ts')).toBeNull();
    expect(parserForFile('a/b.vue')).toBeNull();
  });

  it('parses `<T>x` casts in .ts files, which a JSX parser would reject', () => {
    const source = `const api = <any>wx\nexport const stop = () => wx.stopRecord()\n`;
    const { output } = rewrite(source, 'cast.ts');
    expect(output).toContain('stopRecord()');
    expect(output).toContain('<any>wx');
  });

  it.each(['oxc', 'babel'] as const)(
    'sees the API object through every type assertion and parentheses (%s)',
    (parser) => {
      const source = `(wx satisfies any).startRecord({});\n(<any>wx).stopRecord();\n((wx as any)!).startRecord({});\n`;
      const { output, report } = rewriteSource(source, 'casts.ts', { parser });
      expect(output).toBe(
        `import { startRecord, stopRecord } from 'record-compat-runtime';\nstartRecord({});\nstopRecord();\nstartRecord({});\n`,
      );
      expect(report.rewritten).toHaveLength(3);
    },
  );

  it('leaves .d.ts files alone', () => {
    expect(rewrite('declare function f(): void; wx.startRecord()', 'types.d.ts').output).toBeNull();
  });
});

describe('bad input', () => {
  it('reports a file that does not parse with its path and line', () => {
    const source = 'import Taro from "@tarojs/taro"\n\nTaro.startRecord({ success() { }\n';
    let error: unknown;
    try {
      rewrite(source, 'src/broken.js');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RewriteParseError);
    expect((error as RewriteParseError).line).toBe(4);
    expect((error as RewriteParseError).message).toMatch(/^src\/broken\.js:4:\d+: /);
  });

  it('names a bad option and what is allowed', () => {
    expect(() => rewriteSource('', 'a.js', { importSource: '' })).toThrow(
      /"importSource" must be a module specifier: a package name/,
    );
    expect(() => rewriteSource('', 'a.js', { importSorce: 'x' } as never)).toThrow(
      /unknown option "importSorce".*importSource/,
    );
  });
});

describe('what counts as the legacy API', () => {
  it('follows a const alias of the API object', () => {
    const { output, report } = rewrite(`const api = wx\nexport function go() { api.startRecord({}) }\n`);
    expect(output).toContain('startRecord({})');
    expect(output).not.toContain('api.startRecord');
    expect(report.rewritten[0].via).toBe('api (alias of wx)');
  });

  it('does not follow an alias that is reassigned', () => {
    const source = `let api = wx\napi = swan\nexport function go() { api.startRecord({}) }\n`;
    expect(rewrite(source).output).toBeNull();
  });

  it("rewrites require('@tarojs/taro').startRecord and template-literal access", () => {
    const { output } = rewrite("require('@tarojs/taro').startRecord({})\nwx[`stopRecord`]()\n", 'page.cjs');
    expect(output).toBe(
      "var { startRecord, stopRecord } = require('record-compat-runtime')\nstartRecord({})\nstopRecord()\n",
    );
  });

  it('rewrites wx?.startRecord() into a plain call and typeof checks into the runtime', () => {
    const { output } = rewrite("import a from 'a'\nwx?.startRecord()\nif (typeof wx.stopRecord === 'function') a()\n");
    expect(output).toContain('\nstartRecord()\n');
    expect(output).toContain("typeof stopRecord === 'function'");
  });

  it('leaves a local require and a shadowed Taro alone', () => {
    const source = "const require = (m) => m\nconst Taro = require('@tarojs/taro')\nTaro.startRecord()\n";
    expect(rewrite(source).output).toBeNull();
  });

  it('reports a re-export of the legacy API from a wrapper module', () => {
    const { output, report } = rewrite("export { startRecord, showToast } from '@tarojs/taro'\n", 'api.ts');
    expect(output).toBeNull();
    expect(report.manual).toEqual([
      expect.objectContaining({ line: 1, reason: expect.stringMatching(/re-export of startRecord/) }),
    ]);
  });

  it('reports the API object handed on under a cast (as, <T>, !, satisfies), and not its ordinary uses', () => {
    const file = path.join(__dirname, '../../__testfixtures__/manual-api-passed-through-cast.input.ts');
    const source = fs.readFileSync(file, 'utf8');
    for (const parser of ['oxc', 'babel'] as const) {
      const { output, report } = rewriteSource(source, file, { parser });
      expect(output).toBeNull();
      // lines 7–11 hand Taro on; the call, `typeof`, the type and the cast read in place below them do not
      expect(
        report.manual.map((site) => site.line),
        parser,
      ).toEqual([7, 8, 9, 10, 11]);
      for (const site of report.manual) expect(site.reason).toMatch(/^Taro is stored or passed on here/);
    }
  });

  it('names the way out where the API object is handed on: the calls on the object itself, which the rewrite takes, or the runtime by hand', () => {
    const source =
      "import Taro from '@tarojs/taro'\nconst api = wx\nthis.rec = api\nsetup(Taro)\nsetup(require('@tarojs/taro'))\nTaro.startRecord({})\n";
    const { report } = rewriteSource(source, 'page.js', {});
    const wayOut = (object: string) =>
      `: call them on ${object} itself (${object}.startRecord(…)) where they are used, which the rewrite migrates, or change them to the runtime's functions by hand`;
    expect(report.manual.map((site) => [site.line, site.reason.slice(site.reason.indexOf(': call'))])).toEqual([
      [3, wayOut('api')],
      [4, wayOut('Taro')],
      [5, wayOut('Taro')],
    ]);
  });

  it("reports the interop helper's wrapper of Taro handed on, and follows a const alias of it", () => {
    const source =
      "const taro_1 = __importDefault(require('@tarojs/taro'))\nconst api = taro_1\napi.default.startRecord()\nsetup(taro_1)\n";
    for (const parser of ['oxc', 'babel'] as const) {
      const { report } = rewriteSource(source, 'page.js', { parser });
      expect(
        report.rewritten.map((site) => site.line),
        parser,
      ).toEqual([3]);
      expect(report.manual, parser).toEqual([
        expect.objectContaining({
          line: 4,
          column: 6,
          reason: expect.stringMatching(
            /^the interop wrapper of require\('@tarojs\/taro'\) \(its \.default is Taro\) is stored or passed on here/,
          ),
        }),
      ]);
    }
  });

  it("reports Taro's module handed on straight from require(), and not where it is called, followed or wrapped by the interop helper", () => {
    const source = [
      "setup(require('@tarojs/taro'))",
      "module.exports = { api: require('@tarojs/taro').default }",
      "const taro_1 = __importDefault(require('@tarojs/taro'))",
      "const Taro = require('@tarojs/taro')",
      "require('@tarojs/taro').stopRecord()",
      'Taro.stopRecord()',
      'taro_1.default.stopRecord()',
      "function local(require) { setup(require('@tarojs/taro')) }",
      '',
    ].join('\n');
    for (const parser of ['oxc', 'babel'] as const) {
      const { report } = rewriteSource(source, 'page.js', { parser });
      expect(
        report.rewritten.map((site) => site.line),
        parser,
      ).toEqual([5, 6, 7]);
      expect(report.manual, parser).toEqual([
        expect.objectContaining({
          line: 1,
          column: 6,
          reason: expect.stringMatching(/^require\('@tarojs\/taro'\) is stored or passed on here/),
        }),
        expect.objectContaining({
          line: 2,
          column: 24,
          reason: expect.stringMatching(/^require\('@tarojs\/taro'\) is stored or passed on here/),
        }),
      ]);
    }
  });

  it('stays quiet about dynamic access in files that never name the API', () => {
    expect(rewrite('export const call = (name) => wx[name]({})\n').report.manual).toEqual([]);
  });
});

describe('names other code sees', () => {
  it('keeps an exported name: export { stop } becomes export { stopRecord as stop }', () => {
    const { output } = rewrite(
      "import Taro from '@tarojs/taro'\nconst { stopRecord: stop } = Taro\nexport { stop }\n",
      'a.ts',
    );
    // Taro, read by nothing else, goes too (a TypeScript file).
    expect(output).toBe("import { stopRecord } from 'record-compat-runtime'\nexport { stopRecord as stop }\n");
  });

  it('keeps an object key: { stop } becomes { stop: stopRecord }', () => {
    const { output } = rewrite(
      "import Taro from '@tarojs/taro'\nconst { stopRecord: stop } = Taro\nexport const api = { stop }\n",
      'a.ts',
    );
    expect(output).toContain('export const api = { stop: stopRecord }');
  });

  it('reports `export default Taro.stopRecord` at its real line (the old printer dropped that loc)', () => {
    const { output, report } = rewrite("import Taro from '@tarojs/taro'\n\nexport default Taro.stopRecord\n", 'a.ts');
    expect(output).toContain('export default stopRecord');
    expect(report.rewritten).toEqual([expect.objectContaining({ line: 3, column: 15 })]);
  });

  it('treats wx.playVoice as the mini-program API it also is, not as web JS-SDK code', () => {
    const { output, report } = rewrite(
      'wx.startRecord({ success: (res) => wx.playVoice({ filePath: res.tempFilePath }) })\n',
      'a.js',
    );
    expect(report.skipped).toBeUndefined();
    expect(output).toContain('startRecord({ success');
  });
});

describe('the import it adds', () => {
  it('honours the importSource option', () => {
    const { output } = rewrite('wx.startRecord()\nexport {}\n', 'a.js', './utils/record-compat');
    expect(output).toBe("import { startRecord } from './utils/record-compat'\nstartRecord()\nexport {}\n");
  });

  it('never collides with a name in scope, in any scope', () => {
    const source =
      "import Taro from '@tarojs/taro'\nfunction f() { const stopRecord = 1; return Taro.stopRecord() + stopRecord }\n";
    const { output } = rewrite(source);
    expect(output).toContain("import { stopRecord as _stopRecord } from 'record-compat-runtime'");
    expect(output).toContain('return _stopRecord() + stopRecord');
  });

  it('keeps a named import that is still used as a type, and imports the runtime beside it', () => {
    const source =
      "import { startRecord } from '@tarojs/taro'\ntype R = startRecord.SuccessCallbackResult\nexport const go = () => startRecord({})\n";
    const { output } = rewrite(source, 'a.ts');
    expect(output).toContain("import { startRecord } from '@tarojs/taro'");
    expect(output).toContain("import { startRecord as _startRecord } from 'record-compat-runtime'");
    expect(output).toContain('export const go = () => _startRecord({})');
  });

  it('uses require in CommonJS files and import in ES modules and TypeScript', () => {
    expect(rewrite('wx.startRecord()\nmodule.exports = {}\n').output).toMatch(/^var \{ startRecord \} = require\(/);
    expect(rewrite('wx.startRecord()\n', 'page.js').output).toMatch(/^var \{ startRecord \} = require\(/);
    expect(rewrite('wx.startRecord()\n', 'page.ts').output).toMatch(/^import \{ startRecord \} from/);
    expect(rewrite('wx.startRecord()\n', 'page.mjs').output).toMatch(/^import \{ startRecord \} from/);
  });

  it("requires the runtime once per file, in the file's own keyword: const where it declares with const or let, var where it never does", () => {
    const calls = 'wx.startRecord()\nwx.stopRecord()\nwx.playVoice({ filePath: f })\n';
    expect(rewrite(`const f = 'a.silk'\n${calls}`, 'page.js', '../../utils/record-compat').output).toBe(
      "const { startRecord, stopRecord, playVoice } = require('../../utils/record-compat')\nconst f = 'a.silk'\nstartRecord()\nstopRecord()\nplayVoice({ filePath: f })\n",
    );
    expect(rewrite(`function go() { let n = 1; return n }\n${calls}`, 'page.js').output).toMatch(
      /^const \{ startRecord, stopRecord, playVoice \} = require\('record-compat-runtime'\)\n/,
    );
    expect(rewrite(`var f = 'a.silk'\n${calls}`, 'page.js').output).toMatch(
      /^var \{ startRecord, stopRecord, playVoice \} = require\('record-compat-runtime'\)\n/,
    );
    // A name the file already uses: the runtime's function under another, in the same line.
    expect(rewrite('const stopRecord = 1\nwx.startRecord()\nwx.stopRecord()\n').output).toMatch(
      /^const \{ startRecord, stopRecord: _stopRecord \} = require\(/,
    );
  });

  it("adds to the file's own require of the runtime (a later run that finds another family), reusing what it already takes", () => {
    const source =
      "const { startRecord } = require('../utils/record-compat')\nstartRecord()\nwx.startRecord()\nwx.playVoice({ filePath: 'a' })\n";
    expect(rewrite(source, 'page.js', '../utils/record-compat').output).toBe(
      "const { startRecord, playVoice } = require('../utils/record-compat')\nstartRecord()\nstartRecord()\nplayVoice({ filePath: 'a' })\n",
    );
    // The Babel door makes the same edit on its tree.
    const built = transformSync(source, {
      filename: 'page.js',
      babelrc: false,
      configFile: false,
      plugins: [[babelPlugin, { importSource: '../utils/record-compat' }]],
    })!;
    expect(built.code).toBe(
      "const {\n  startRecord,\n  playVoice\n} = require('../utils/record-compat');\nstartRecord();\nstartRecord();\nplayVoice({\n  filePath: 'a'\n});",
    );
  });
});

describe('the Babel plugin in a build', () => {
  const build = (source: string, filename: string) =>
    transformSync(source, {
      filename,
      babelrc: false,
      configFile: false,
      plugins: [babelPlugin],
      presets: [['@babel/preset-typescript', { isTSX: true, allExtensions: true }]],
    })!;

  it('survives TypeScript import elision: the runtime import stays, the unused Taro import goes', () => {
    const result = build(
      "import Taro from '@tarojs/taro'\nexport const go = (): void => { Taro.startRecord({}) }\n",
      'a.tsx',
    );
    expect(result.code).toContain('import { startRecord } from "record-compat-runtime"');
    expect(result.code).not.toContain('@tarojs/taro');
    expect(result.code).toContain('startRecord({})');
  });

  /** Compiles as a build would: TypeScript stripped, then CommonJS. */
  const compile = (source: string): string =>
    transformSync(source, {
      filename: 'page.ts',
      babelrc: false,
      configFile: false,
      plugins: [babelPlugin, '@babel/plugin-transform-modules-commonjs'],
      presets: [['@babel/preset-typescript']],
    })!.code!;

  /** Compiles as a build would and runs it with stub modules: what the calls reach. */
  const run = (source: string): string[] => {
    const code = compile(source);
    const calls: string[] = [];
    // An ES module's namespace whose every export (and its default export's every method) records its call.
    const stub = (who: string): object =>
      new Proxy(
        {},
        {
          get: (_, name) =>
            name === '__esModule' ? true : name === 'default' ? stub(who) : () => calls.push(`${who}.${String(name)}`),
        },
      );
    const modules: Record<string, unknown> = { 'record-compat-runtime': stub('runtime'), '@tarojs/taro': stub('Taro') };
    new Function('require', 'exports', code)((id: string) => modules[id], {});
    return calls;
  };

  it('leaves the scope true for the plugins after it: top-level bindings updated in place, the rest re-crawled', () => {
    // A named import, a default import and a destructuring at the top: updated in place.
    expect(
      run(
        "import Taro, { startRecord } from '@tarojs/taro'\nconst { stopRecord } = Taro\nstartRecord({})\nstopRecord()\nTaro.startRecord({})\n",
      ),
    ).toEqual(['runtime.startRecord', 'runtime.stopRecord', 'runtime.startRecord']);
    // A destructuring inside a function (not the program's binding): the scope is re-crawled.
    expect(
      run(
        "import Taro from '@tarojs/taro'\nexport function stop(): void {\n  const { stopRecord } = Taro\n  stopRecord()\n}\nstop()\n",
      ),
    ).toEqual(['runtime.stopRecord']);
    // The Taro import still used elsewhere stays, and still works.
    expect(run("import Taro from '@tarojs/taro'\nTaro.stopRecord()\nTaro.showToast({})\n")).toEqual([
      'runtime.stopRecord',
      'Taro.showToast',
    ]);
  });

  it("a re-exported legacy API is a re-exported runtime function, with no warning from TypeScript's plugin", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      for (const source of [
        "import { startRecord } from '@tarojs/taro'\nexport { startRecord }\n",
        "import { startRecord as sr } from '@tarojs/taro'\nexport { sr }\n",
        "import Taro from '@tarojs/taro'\nconst { stopRecord } = Taro\nexport { stopRecord as stop }\n",
      ]) {
        const code = compile(source);
        const runtime = { startRecord: () => 'runtime.startRecord', stopRecord: () => 'runtime.stopRecord' };
        const exported: Record<string, () => string> = {};
        new Function('require', 'exports', code)(
          (id: string) => (id === 'record-compat-runtime' ? runtime : {}),
          exported,
        );
        const [name] = Object.keys(exported).filter((key) => key !== '__esModule');
        expect(exported[name](), code).toMatch(/^runtime\./);
      }
      // Babel's TypeScript plugin prints "The exported identifier … is not declared in Babel's scope tracker" when the
      // new import has no binding.
      expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });

  it('puts its report in the metadata', () => {
    const result = build("import T from '@tarojs/taro'\nsetTimeout(T.stopRecord, 1)\n", 'a.ts');
    expect((result.metadata as unknown as { recordCompat: unknown }).recordCompat).toEqual({
      rewritten: [{ line: 2, column: 11, api: 'stopRecord', via: 'T', form: 'reference' }],
      manual: [],
    });
  });

  it('rejects a bad option with its name', () => {
    expect(() =>
      transformSync('', { babelrc: false, configFile: false, plugins: [[babelPlugin, { importSource: 42 }]] }),
    ).toThrow(/importSource/);
  });
});

describe('pre-filter', () => {
  it('lets through only text that names the API', () => {
    expect(mightContainLegacyCall('wx.showToast()')).toBe(false);
    expect(mightContainLegacyCall("wx['stopRecord']()")).toBe(true);
  });
});

describe('analyzeSource (report only)', () => {
  it('gives the same report as rewriteSource on every fixture, and the same parse errors', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = `${__dirname}/../../__testfixtures__`;
    const { analyzeSource } = await import('../../src/rewrite');
    const inputs = readdirSync(dir).filter((f) => f.includes('.input.'));
    expect(inputs.length).toBeGreaterThan(30);
    for (const name of inputs) {
      const source = readFileSync(`${dir}/${name}`, 'utf8');
      expect(analyzeSource(source, name), name).toEqual(rewriteSource(source, name).report);
    }
    expect(() => analyzeSource('wx.startRecord(', 'a.ts')).toThrow(RewriteParseError);
  });
});

describe('options for callers that know more than the file', () => {
  it('moduleStyle forces import (a Vue script block) or require', () => {
    expect(rewriteSource('wx.startRecord()\n', 'Comp.vue.js', { moduleStyle: 'import' }).output).toMatch(
      /^import \{ startRecord \} from/,
    );
    expect(rewriteSource('wx.startRecord()\n', 'a.ts', { moduleStyle: 'require' }).output).toMatch(
      /^var \{ startRecord \} = require\(/,
    );
    expect(() => rewriteSource('', 'a.js', { moduleStyle: 'esm' as never })).toThrow(
      /"moduleStyle" must be 'import' or 'require'/,
    );
  });

  it('reservedNames keeps the runtime off names declared elsewhere (the other script block of a .vue file)', () => {
    const { output } = rewriteSource('wx.startRecord()\nexport {}\n', 'Comp.vue.ts', {
      reservedNames: ['startRecord'],
    });
    expect(output).toContain("import { startRecord as _startRecord } from 'record-compat-runtime'");
    expect(output).toContain('_startRecord()');
  });

  it('exposes the parse error reason without the position prefix', () => {
    try {
      rewriteSource('wx.startRecord()\nlet = ;', 'x.js');
    } catch (error) {
      expect((error as RewriteParseError).reason).not.toMatch(/x\.js/);
      expect((error as RewriteParseError).reason.length).toBeGreaterThan(5);
      return;
    }
    throw new Error('expected a parse error');
  });
});
