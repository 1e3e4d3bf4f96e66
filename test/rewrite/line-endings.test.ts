/** Text the edits must keep: interpreter line, mixed line endings, blank line after 'use strict'. */
import { describe, expect, it } from 'vitest';
import { rewriteFile, rewriteSource } from '../../src/rewrite';

describe('mixed line endings', () => {
  it('keep every line its own ending; a new line takes the ending of the line it joins', () => {
    const original = "import Taro from '@tarojs/taro'\r\nconst a = 1\nTaro.startRecord()\r\nTaro.stopRecord()\n";
    const { output } = rewriteSource(original, 'page.js');
    expect(output).toBe(
      "import Taro from '@tarojs/taro'\r\nimport { startRecord, stopRecord } from 'record-compat-runtime'\r\nconst a = 1\nstartRecord()\r\nstopRecord()\n",
    );
  });
});

describe('an interpreter line', () => {
  it('stays the first line on its own, and the runtime binding is code, not part of it', () => {
    const { output, report } = rewriteSource('#!/usr/bin/env node\r\nwx.startRecord()\r\n', 'tool.js');
    expect(output).toBe(
      "#!/usr/bin/env node\r\nvar { startRecord } = require('record-compat-runtime')\r\nstartRecord()\r\n",
    );
    expect(report.rewritten).toMatchObject([{ line: 2, column: 0 }]);
  });

  it('places parse errors in the file, counting the interpreter line', () => {
    expect(() => rewriteSource('#!/usr/bin/env node\nwx.startRecord(\n', 'tool.js')).toThrow(/tool\.js:3:/);
  });
});

describe('classic-Mac line endings (each line ended by a lone CR)', () => {
  it('a new require line below the header comment ends with a CR, as every other line', () => {
    const original = '// pages/index/index.js\r// records a note\r\rPage({\r  onLoad() { wx.startRecord({}) }\r})\r';
    const { output } = rewriteSource(original, 'page.js');
    expect(output).toBe(
      "// pages/index/index.js\r// records a note\r\rvar { startRecord } = require('record-compat-runtime')\r\rPage({\r  onLoad() { startRecord({}) }\r})\r",
    );
    expect(output).not.toContain('\n');
  });

  it('a new import goes on its own line after the last import, and a destructuring left empty takes its line with it', () => {
    const original =
      "import Taro from '@tarojs/taro'\rconst { startRecord } = Taro\rexport const go = () => startRecord({})\r";
    const { output } = rewriteSource(original, 'page.js');
    expect(output).toBe(
      "import Taro from '@tarojs/taro'\rimport { startRecord } from 'record-compat-runtime'\rexport const go = () => startRecord({})\r",
    );
  });
});

describe('the line of a place, whichever parser reads the file', () => {
  // JavaScript ends a line at CRLF, a lone CR, LF, U+2028 and U+2029: Babel's positions count them
  // all, and so does ESLint, which places the rule's reports by the engine's lines.
  const cases = [
    ['lone CRs', "import Taro from '@tarojs/taro'\r// startRecord\r\rTaro[name]({})\r"],
    ['a U+2028 in a comment', "import Taro from '@tarojs/taro'\n// startRecord \u2028 here\nTaro[name]({})\n"],
    ['a U+2029 in a string', "import Taro from '@tarojs/taro'\nconst a = 'startRecord \u2029'\nTaro[name]({})\n"],
  ] as const;

  it.each(cases)('is counted as JavaScript counts lines (%s), by oxc as by Babel', (_, text) => {
    for (const parser of ['oxc', 'babel'] as const) {
      expect(rewriteFile(text, 'page.js', { parser }).report.manual, parser).toMatchObject([{ line: 4, column: 0 }]);
    }
  });

  it('in a component whose lines end with lone CRs, in the block and in the file', () => {
    const component =
      '<template>\r  <view/>\r</template>\r<script>\rexport default {\r  mounted() { wx.startRecord({}) }\r}\r</script>\r';
    for (const parser of ['oxc', 'babel'] as const) {
      expect(rewriteFile(component, 'Rec.vue', { parser }).report.rewritten, parser).toMatchObject([
        { line: 6, column: 14 },
      ]);
    }
  });
});
