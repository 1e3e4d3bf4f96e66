/** The text steps around the printer: interpreter line, mixed line endings, blank line after 'use strict'. */
import { describe, expect, it } from 'vitest';
import { rewriteSource } from '../../src/rewrite';
import { hasMixedLineEndings, restoreLineEndings } from '../../src/rewrite/keep-style';

describe('restoreLineEndings', () => {
  it('gives unchanged lines their own ending, a changed line the ending of the line it replaces, a new line that of the line above', () => {
    const original = 'a\r\nb\nc\r\n';
    expect(restoreLineEndings(original, 'a\nnew\nb\nc\n')).toBe('a\r\nnew\r\nb\nc\r\n');
    expect(restoreLineEndings(original, 'a\nB\nc\n')).toBe('a\r\nB\nc\r\n');
  });

  it('tells mixed endings from uniform ones', () => {
    expect(hasMixedLineEndings('a\r\nb\n')).toBe(true);
    expect(hasMixedLineEndings('\na\r\n')).toBe(true);
    expect(hasMixedLineEndings('a\r\nb\r\n')).toBe(false);
    expect(hasMixedLineEndings('a\nb\n')).toBe(false);
  });
});

describe('an interpreter line', () => {
  it('stays the first line on its own, and the runtime binding is code, not part of it', () => {
    const { output, report } = rewriteSource('#!/usr/bin/env node\r\nwx.startRecord()\r\n', 'tool.js');
    expect(output).toBe("#!/usr/bin/env node\r\nvar startRecord = require('taro-plugin-record-compat/runtime').startRecord\r\nstartRecord()\r\n");
    expect(report.rewritten).toMatchObject([{ line: 2, column: 0 }]);
  });

  it('places parse errors in the file, counting the interpreter line', () => {
    expect(() => rewriteSource('#!/usr/bin/env node\nwx.startRecord(\n', 'tool.js')).toThrow(/tool\.js:3:/);
  });
});
