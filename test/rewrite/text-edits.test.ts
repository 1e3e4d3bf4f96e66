/**
 * The text-edit step (apply-text.ts) on its own: what each kind of edit does to the bytes
 * around it. Every case goes through rewriteSource, so the result is also re-parsed.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { rewriteFile, rewriteSource } from '../../src/rewrite';

const out = (text: string, file = 'page.js', options = {}) => rewriteSource(text, file, options).output;

describe('removing names from an import list', () => {
  it('a name in the middle takes its own comma; the ones around it stay as written', () => {
    expect(out("import { a, startRecord, b } from '@tarojs/taro'\nstartRecord()\n")).toBe(
      "import { a, b } from '@tarojs/taro'\nimport { startRecord } from 'record-compat-runtime'\nstartRecord()\n",
    );
  });

  it('a run at the front goes up to the first kept name, a run at the end back to the last kept one', () => {
    expect(out("import { startRecord, stopRecord, a } from '@tarojs/taro'\nstartRecord(); stopRecord()\n")).toMatch(
      /^import \{ a \} from '@tarojs\/taro'\n/,
    );
    expect(out("import { a, startRecord, stopRecord } from '@tarojs/taro'\nstartRecord(); stopRecord()\n")).toMatch(
      /^import \{ a \} from '@tarojs\/taro'\n/,
    );
  });

  it('a list over several lines keeps its layout and trailing comma', () => {
    expect(out("import {\n  a,\n  startRecord,\n} from '@tarojs/taro'\nstartRecord()\n")).toMatch(
      /^import \{\n {2}a,\n\} from '@tarojs\/taro'\n/,
    );
  });

  it('the braces go with the last name beside a default import', () => {
    expect(out("import Taro, { startRecord } from '@tarojs/taro'\nstartRecord()\nTaro.showToast()\n")).toMatch(
      /^import Taro from '@tarojs\/taro'\n/,
    );
  });

  it('an import left empty goes with its line, and the new import takes its place', () => {
    expect(out("import { startRecord } from '@tarojs/taro'\n\nstartRecord()\n")).toBe(
      "import { startRecord } from 'record-compat-runtime'\n\nstartRecord()\n",
    );
  });
});

describe("Taro's default import, once the rewrite leaves it unread", () => {
  const RUNTIME = "import { startRecord } from 'record-compat-runtime'\n";

  it('goes in a TypeScript file, where the compiler drops it anyway (and noUnusedLocals fails on it)', () => {
    expect(out("import Taro from '@tarojs/taro'\nTaro.startRecord({})\n", 'page.ts')).toBe(
      `${RUNTIME}startRecord({})\n`,
    );
    expect(out("import * as Taro from '@tarojs/taro'\nTaro.startRecord({})\n", 'page.tsx')).toBe(
      `${RUNTIME}startRecord({})\n`,
    );
  });

  it('goes alone when other names of the import stay, and with them when none does', () => {
    expect(out("import Taro, { useLoad } from '@tarojs/taro'\nuseLoad(() => Taro.startRecord({}))\n", 'page.ts')).toBe(
      `import { useLoad } from '@tarojs/taro'\n${RUNTIME}useLoad(() => startRecord({}))\n`,
    );
    expect(
      out(
        "import Taro, { startRecord, useLoad } from '@tarojs/taro'\nuseLoad(() => startRecord({}))\nTaro.stopRecord()\n",
        'page.ts',
      ),
    ).toMatch(/^import \{ useLoad \} from '@tarojs\/taro'\n/);
    expect(
      out("import Taro, { startRecord } from '@tarojs/taro'\nstartRecord({})\nTaro.stopRecord()\n", 'page.ts'),
    ).toBe("import { startRecord, stopRecord } from 'record-compat-runtime'\nstartRecord({})\nstopRecord()\n");
    expect(out("import Taro, * as T from '@tarojs/taro'\nTaro.startRecord({})\nT.showToast()\n", 'page.ts')).toMatch(
      /^import \* as T from '@tarojs\/taro'\n/,
    );
  });

  it('stays while a value reference is left', () => {
    expect(
      out("import Taro from '@tarojs/taro'\nTaro.startRecord({})\nTaro.showToast({ title: 'x' })\n", 'page.ts'),
    ).toMatch(/^import Taro from '@tarojs\/taro'\n/);
    expect(
      out("import Taro from '@tarojs/taro'\nTaro.startRecord({})\nexport default <Taro.Foo />\n", 'page.tsx'),
    ).toMatch(/^import Taro from '@tarojs\/taro'\n/);
  });

  it('stays while only a type reference is left', () => {
    expect(
      out("import Taro from '@tarojs/taro'\nlet x: Taro.General.CallbackResult\nTaro.startRecord({})\n", 'page.ts'),
    ).toMatch(/^import Taro from '@tarojs\/taro'\n/);
    expect(out("import Taro from '@tarojs/taro'\ntype T = typeof Taro\nTaro.startRecord({})\n", 'page.ts')).toMatch(
      /^import Taro from '@tarojs\/taro'\n/,
    );
  });

  it('stays in a JavaScript file, where Babel keeps it and its loading may matter, and in a Vue component, whose template may read it', () => {
    expect(out("import Taro from '@tarojs/taro'\nTaro.startRecord({})\n", 'page.js')).toBe(
      `import Taro from '@tarojs/taro'\n${RUNTIME}startRecord({})\n`,
    );
    const vue =
      '<template><view /></template>\n<script lang="ts">\nimport Taro from \'@tarojs/taro\'\nexport default { methods: { start() { Taro.startRecord({}) } } }\n</script>\n';
    expect(rewriteFile(vue, 'page.vue').output).toBe(
      vue.replace("'\n", `'\n${RUNTIME}`).replace('Taro.startRecord', 'startRecord'),
    );
  });
});

describe('removing a destructured name', () => {
  it('from a pattern that keeps other names', () => {
    expect(
      out("const Taro = require('@tarojs/taro')\nconst { startRecord, showToast } = Taro\nstartRecord()\n"),
    ).toContain('const { showToast } = Taro\n');
  });

  it('a statement alone between blank lines leaves one blank line, not two', () => {
    const text = "import Taro from '@tarojs/taro'\nconst x = 1\n\nconst { stopRecord } = Taro\n\nstopRecord()\n";
    expect(out(text)).toBe(
      "import Taro from '@tarojs/taro'\nimport { stopRecord } from 'record-compat-runtime'\nconst x = 1\n\nstopRecord()\n",
    );
  });

  it('a statement sharing its line with a comment leaves the comment', () => {
    expect(out("import Taro from '@tarojs/taro'\nconst { stopRecord } = Taro // old API\nstopRecord()\n")).toContain(
      '\n// old API\nstopRecord()',
    );
  });
});

describe('references that other code names', () => {
  it('an exported alias keeps its exported name, a shorthand property its key', () => {
    const text = "import { stopRecord as halt } from '@tarojs/taro'\nexport { halt }\nexport const api = { halt }\n";
    expect(out(text)).toBe(
      "import { stopRecord } from 'record-compat-runtime'\nexport { stopRecord as halt }\nexport const api = { halt: stopRecord }\n",
    );
  });
});

describe('where new imports go', () => {
  it('below a TypeScript reference directive and a header comment, with a blank line before the code', () => {
    const text = '/// <reference types="x" />\n// header\n\nconst n = 1\nwx.startRecord()\nexport {}\n';
    expect(out(text, 'a.ts')).toBe(
      '/// <reference types="x" />\n// header\n\nimport { startRecord } from "record-compat-runtime"\n\nconst n = 1\nstartRecord()\nexport {}\n',
    );
  });

  it('above a doc comment that belongs to the first statement', () => {
    const text = '/** Records. */\nfunction go() { wx.startRecord() }\n';
    expect(out(text)).toBe(
      "var { startRecord } = require('record-compat-runtime')\n/** Records. */\nfunction go() { startRecord() }\n",
    );
  });

  it("below the first line's path of the script, as WeChat's devtools open every page, but not below a comment on the code", () => {
    expect(out('// pages/voice/voice.js\nPage({ hold() { wx.startRecord() } })\n')).toBe(
      "// pages/voice/voice.js\nvar { startRecord } = require('record-compat-runtime')\n\nPage({ hold() { startRecord() } })\n",
    );
    expect(out('// the voice page\nPage({ hold() { wx.startRecord() } })\n')).toBe(
      "var { startRecord } = require('record-compat-runtime')\n// the voice page\nPage({ hold() { startRecord() } })\n",
    );
  });

  it('below the comments about the file (a pragma, a license) that open it, so TypeScript still checks a // @ts-check file; above a comment on the code after them', () => {
    const checked = '// @ts-check\n/** Records. */\nfunction go() { wx.startRecord() }\nconst n = 1\nn.foo()\n';
    const migrated = out(checked)!;
    expect(migrated).toBe(
      "// @ts-check\nconst { startRecord } = require('record-compat-runtime')\n\n/** Records. */\nfunction go() { startRecord() }\nconst n = 1\nn.foo()\n",
    );
    // TypeScript reads @ts-check only among the comments that open the file: below a statement, the file is not checked
    // at all.
    const errorsOf = (text: string) => {
      const host = ts.createCompilerHost({});
      const read = host.getSourceFile;
      host.getSourceFile = (name, version) =>
        name === '/page.js' ? ts.createSourceFile(name, text, version) : read(name, version);
      return ts
        .getPreEmitDiagnostics(
          ts.createProgram(['/page.js'], { allowJs: true, noEmit: true, types: [], noLib: true }, host),
        )
        .filter((d) => d.code === 2339).length;
    };
    expect(errorsOf(checked)).toBe(1);
    expect(errorsOf(migrated)).toBe(1);
    expect(errorsOf(`var startRecord = require('x').startRecord\n${checked}`)).toBe(0);
    for (const header of [
      '/*!\n * kit 1.0 | MIT\n */\n',
      '/**\n * @license MIT\n */\n',
      '// Copyright (c) 2019 Example Co.\n',
      '/* @flow */\n',
      '/** @jsx h */\n',
    ]) {
      expect(out(`${header}wx.startRecord()\n`), header).toBe(
        `${header}var { startRecord } = require('record-compat-runtime')\n\nstartRecord()\n`,
      );
    }
  });

  it('right below the directives, and below an interpreter line', () => {
    expect(out("#!/usr/bin/env node\n'use strict';\nwx.stopRecord();\n")).toBe(
      "#!/usr/bin/env node\n'use strict';\nvar { stopRecord } = require('record-compat-runtime');\nstopRecord();\n",
    );
  });

  it('take the line ending of the line they join, and the file its last line without a line break', () => {
    expect(out("import Taro from '@tarojs/taro'\r\nTaro.startRecord()\r\n")).toBe(
      "import Taro from '@tarojs/taro'\r\nimport { startRecord } from 'record-compat-runtime'\r\nstartRecord()\r\n",
    );
    expect(out("import Taro from '@tarojs/taro'")).toBeNull();
    expect(out("import Taro from '@tarojs/taro'; Taro.startRecord()")).toBe(
      "import Taro from '@tarojs/taro'; startRecord()\nimport { startRecord } from 'record-compat-runtime'",
    );
  });

  it("join the file's own import of the runtime", () => {
    expect(out("import { startRecord } from 'record-compat-runtime'\nstartRecord(); wx.stopRecord()\n")).toBe(
      "import { startRecord, stopRecord } from 'record-compat-runtime'\nstartRecord(); stopRecord()\n",
    );
  });
});

describe('the edits as a source map', () => {
  it('are handed back with the text, positions in the original', () => {
    const { output, edits } = rewriteSource("import Taro from '@tarojs/taro'\nTaro.startRecord()\n", 'a.js');
    expect(edits?.toString()).toBe(output);
    const map = edits!.generateMap({ hires: true });
    expect(map.mappings.split(';').length).toBe(output!.split('\n').length);
  });
});

describe('which parser reads a script', () => {
  it('oxc where it loads; Babel for what oxc refuses (a top-level return), with the same rewrite', async () => {
    const { parseForRewrite } = await import('../../src/rewrite/file/parse');
    expect(parseForRewrite('wx.startRecord()\n', 'tsx').parser).toBe('oxc');
    const script = 'if (done) return\nwx.startRecord()\n';
    expect(parseForRewrite(script, 'tsx').parser).toBe('babel');
    expect(out(script)).toBe(
      "var { startRecord } = require('record-compat-runtime')\nif (done) return\nstartRecord()\n",
    );
  });

  it('a parse error is Babel’s message, placed in the file, whichever parser ran first', () => {
    expect(() => rewriteSource('wx.startRecord(\n', 'a.js')).toThrow(/^a\.js:2:1: Unexpected token/);
  });

  it('the parser option, and RECORD_COMPAT_PARSER where the option is not given, name what they allow; the option wins', () => {
    expect(() => rewriteSource('wx.startRecord()\n', 'a.js', { parser: 'swc' } as never)).toThrow(
      `invalid rewrite options: option "parser" must be 'auto', 'babel' or 'oxc', got "swc"`,
    );
    process.env.RECORD_COMPAT_PARSER = 'swc';
    try {
      expect(() => rewriteSource('wx.startRecord()\n', 'a.js')).toThrow(
        "RECORD_COMPAT_PARSER=swc: the parser must be 'auto', 'babel' or 'oxc'",
      );
      expect(rewriteSource('wx.startRecord()\n', 'a.js', { parser: 'babel' }).output).toContain('startRecord()');
    } finally {
      delete process.env.RECORD_COMPAT_PARSER;
    }
  });
});
