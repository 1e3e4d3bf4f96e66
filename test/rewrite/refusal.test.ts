import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  foreignByteOrderMark,
  MAX_NESTING,
  MAX_SOURCE_BYTES,
  nestingDepth,
  nestsDeeperThan,
} from '../../src/rewrite/rules/refusal';
import { classifyFile } from '../../src/rewrite/rules/file-class';

const refuse = (text: string | Buffer) => {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  return classifyFile({ name: 'page.js', bytes, text: bytes.toString('utf8') });
};

describe('the refusals, decided once for the codemod and the audit', () => {
  it('reads byte order marks, UTF-32 LE before UTF-16 LE', () => {
    expect(foreignByteOrderMark(Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]))).toBe('UTF-32 LE');
    expect(foreignByteOrderMark(Buffer.from([0, 0, 0xfe, 0xff]))).toBe('UTF-32 BE');
    expect(foreignByteOrderMark(Buffer.from([0xff, 0xfe, 0x61, 0]))).toBe('UTF-16 LE');
    expect(foreignByteOrderMark(Buffer.from([0xfe, 0xff, 0, 0x61]))).toBe('UTF-16 BE');
    expect(foreignByteOrderMark(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toBeNull(); // UTF-8's own mark is fine
    expect(foreignByteOrderMark(Buffer.from([0xff]))).toBeNull();
  });

  it('reads UTF-16 without a byte order mark from where its NULs fall, Chinese comments and all', () => {
    const source = '// 录音页面\nwx.startRecord({ success(res) { console.log(res.tempFilePath) } })\n';
    expect(refuse(Buffer.from(source, 'utf16le'))).toMatchObject({
      reason: 'encoding',
      fails: true,
      detail: 'UTF-16 LE without a byte order mark',
    });
    expect(refuse(Buffer.from(source, 'utf16le').swap16())).toMatchObject({
      reason: 'encoding',
      detail: 'UTF-16 BE without a byte order mark',
    });
    expect(refuse(`${source}const nul = '\0'\n`)).toBeNull();
    expect(refuse(Buffer.from('\0\0\0\0'))).toBeNull();
  });

  it('says why, in the words every door prints', () => {
    expect(refuse('wx.startRecord()\n')).toBeNull();
    expect(refuse(Buffer.from([0x2f, 0x2f, 0xd6, 0xd0, 0x0a]))).toMatchObject({
      reason: 'encoding',
      fails: true,
      message: 'not valid UTF-8 (GBK or another encoding?): convert it to UTF-8 first',
    });
    expect(refuse(`x = ${'('.repeat(MAX_NESTING + 1)}1${')'.repeat(MAX_NESTING + 1)}\n`)).toMatchObject({
      reason: 'tooDeep',
      fails: true,
    });
    expect(refuse(`${'var a=b(c),d=[e.f];'.repeat(200)}\n`)).toMatchObject({
      reason: 'minified',
      fails: false,
      detail: 'long lines',
    });
    expect(refuse('x\n'.repeat(MAX_SOURCE_BYTES / 2 + 1))).toMatchObject({
      reason: 'tooLarge',
      fails: false,
      detail: '1.0 MB',
    });
    // Just over the limit: in bytes, not a "1.0 MB" that reads as under "1 MB"
    expect(refuse('x\n'.repeat(MAX_SOURCE_BYTES / 2 + 1))?.message).toBe(
      'too large to migrate (1,048,578 bytes, the limit is 1,048,576 bytes (1 MB)): generated or bundled code',
    );
    expect(refuse('x\n'.repeat(MAX_SOURCE_BYTES))?.message).toBe(
      'too large to migrate (2.0 MB, the limit is 1 MB): generated or bundled code',
    );
  });

  it('a long file whose lines end with a lone CR (classic Mac) is not minified code: its lines are counted by CR', () => {
    const page = Array.from(
      { length: 200 },
      (_, i) => `const note${i} = wx.getStorageSync('note-${i}') // one line`,
    ).join('\r');
    expect(page.length).toBeGreaterThan(4096);
    expect(refuse(`${page}\rwx.startRecord({})\r`)).toBeNull();
    expect(refuse(`${'var a=b(c),d=[e.f];'.repeat(200)}\r`)).toMatchObject({ reason: 'minified' });
  });

  it('a hand-written page with an inlined data: URI is not minified code; a bundle with one still is', () => {
    const beep = `data:audio/mp3;base64,${Buffer.alloc(30_000, 7).toString('base64')}`;
    const page = `const BEEP = '${beep}'\nPage({\n  onLoad() {\n    wx.startRecord({ success() {} })\n  },\n})\n`;
    expect(refuse(page)).toBeNull();
    expect(refuse(`${'var a=b(c),d=[e.f];'.repeat(200)}var s='${beep}';\n`)).toMatchObject({ reason: 'minified' });
  });

  it('nestsDeeperThan agrees with the character loop, whatever the bracket count', () => {
    for (const text of [
      '',
      'a(b)[c]{d}',
      '('.repeat(5),
      `${'([{'.repeat(400)}${'}])'.repeat(400)}`,
      `${'()'.repeat(2000)}`,
      `${'('.repeat(1001)}`,
    ]) {
      expect(nestsDeeperThan(text, MAX_NESTING), text.slice(0, 20)).toBe(nestingDepth(text) > MAX_NESTING);
    }
  });
});

describe('nesting without brackets: chains a parser recurses into', () => {
  // Links of an unbracketed chain weigh two levels each (nestingDepth): past half the limit, refused.
  const over = Math.ceil(MAX_NESTING / 2) + 10;
  const chains: Record<string, (n: number) => string> = {
    'nested conditionals': (n) => `var x = ${'a ? b :\n'.repeat(n)}c;\n`,
    'leading-operator conditionals': (n) => `var x = a\n${'  ? b\n  : a\n'.repeat(n)}  ? b : c\n`,
    'an else-if chain with blocks': (n) => `function k(a) {\n${'  if (a === 1) { f(); } else\n'.repeat(n)}  f();\n}\n`,
    'an else-if chain with semicolons': (n) =>
      `function k(a) {\n  if (a) f();\n${'  else if (a === 1) f();\n'.repeat(n)}}\n`,
    'curried arrows': (n) => `var f = ${'x =>\n'.repeat(n)}x;\n`,
    'chained assignments': (n) => `var x;\n${'a =\n'.repeat(n)}1;\n`,
  };
  for (const [shape, make] of Object.entries(chains)) {
    it(`refuses ${shape} past the limit, and takes them well below it`, () => {
      expect(refuse(make(over)), shape).toMatchObject({ reason: 'tooDeep', fails: true });
      expect(refuse(make(50)), shape).toBeNull();
      expect(nestsDeeperThan(make(over), MAX_NESTING)).toBe(true);
    });
  }

  it('ends a chain where its expression or statement ends: long flat code of these operators is taken', () => {
    const statements = (line: string, n: number) => `${line}\n`.repeat(n);
    const flat = [
      statements('const a = b ? c : d', 3000), // no semicolons: each line ends its statement
      statements('a = b ? c : d;', 3000),
      `const o = {\n${statements('  k: b ? c : d,', 3000)}};\n`, // commas end each entry's chain
      `const v = (\n  <View>\n${statements("    <Text className='a' style='b' onClick={() => go()}>x</Text>", 2000)}  </View>\n);\n`,
      `${statements('if (a === 1) { f(); }', 3000)}`,
      statements('const f = (x) => x * 2', 3000),
      statements('x = y == z ? a?.b ?? c : d !== e', 3000),
    ];
    for (const text of flat) expect(nestingDepth(text), text.slice(0, 40)).toBeLessThan(20);
  });

  it('refuses JSX elements nested past the limit (two levels each), one or two a line, among text, as fragments; and takes them well below it', () => {
    const over = Math.ceil(MAX_NESTING / 2) + 10;
    const onLines = (n: number) => `export const A = () => (\n${'<a>\n'.repeat(n)}x\n${'</a>\n'.repeat(n)});\n`;
    const twoALine = (n: number) =>
      `const v = <View>\n${'<a b="1"><b>\n'.repeat(Math.ceil(n / 2))}<br/><br/>\n${'</b></a>\n'.repeat(Math.ceil(n / 2))}</View>;\n`;
    const inChildren = (n: number) =>
      `function C() {\n  return ${'<a>\n  text {x} more\n'.repeat(n)}${'</a>'.repeat(n)}\n}\n`;
    const fragments = (n: number) => `const f = ${'<>\n'.repeat(n)}x${'</>\n'.repeat(n)};\n`;
    for (const make of [onLines, twoALine, inChildren, fragments]) {
      expect(refuse(make(over)), make(3)).toMatchObject({
        reason: 'tooDeep',
        fails: true,
        message: expect.stringContaining('JSX elements'),
      });
      expect(refuse(make(50)), make(3)).toBeNull();
      expect(nestsDeeperThan(make(over), MAX_NESTING)).toBe(true);
    }
  });

  it('counts no JSX in comparisons, generics and type assertions that are not elements, nor past the bracket around them', () => {
    const flat = [
      'if (a < b && c<d) f(a <b)\n'.repeat(3000),
      'const m: Map<string, Array<number>> = new Map<string, Array<number>>()\n'.repeat(2000),
      // never closed: forgotten with the braces
      'function g() { const x = <any>y; const f = <T,>(v: T) => v }\n'.repeat(2000),
      'const s = \'</a>\' + "<b>" + `<i>`\n'.repeat(2000),
      `const v = (\n  <View>\n${"    <Image src='a.png' />\n    <Text>a</Text>\n".repeat(2000)}  </View>\n);\n`,
      // a Vue template's elements HTML leaves open (<br>, <input>) close with their parent
      `<template>\n<div>\n${'  <p>line<br>\n  more <input v-model="x">\n  </p>\n'.repeat(2000)}</div>\n</template>\n`,
      // generic signatures in one interface, tags in strings of one object
      `interface Curried {\n${'  <T>(value: T): Curried;\n  <T, U>(a: T, b: U): U;\n'.repeat(2000)}}\n`,
      `const grammar = {\n${"  'length-percentage': '<length> | <percentage>',\n".repeat(2000)}};\n`,
    ];
    for (const text of flat) expect(nestingDepth(text), text.slice(0, 40)).toBeLessThan(20);
  });

  it('refuses type arguments nested past the limit, on one line or one a line; comparisons without spaces are forgotten where their statement ends', () => {
    const deep = MAX_NESTING + 10;
    const onLines = (n: number) => `type T =\n${'Array<\n'.repeat(n)}number\n${'>\n'.repeat(n)}\n`;
    const oneLine = (n: number) => `let v: ${'Promise<'.repeat(n)}string${'>'.repeat(n)} = x;\n`;
    expect(refuse(onLines(deep))).toMatchObject({ reason: 'tooDeep', fails: true });
    expect(refuse(onLines(50))).toBeNull();
    // on one line, such a file is also long-lined (refused as minified first): the estimate alone
    for (const make of [onLines, oneLine]) {
      expect(nestingDepth(make(deep)), make(2)).toBeGreaterThan(MAX_NESTING);
      expect(nestsDeeperThan(make(deep), MAX_NESTING)).toBe(true);
      expect(nestingDepth(make(50)), make(2)).toBeLessThan(60);
    }
    const flat = [
      'const ok = a<b\n'.repeat(3000), // no semicolons
      'x = a<b; y = c<d\n'.repeat(3000),
      `function f() {\n${'  if (i<n) n = m<k\n'.repeat(3000)}}\n`,
      `const m = new Map<\n  string,\n  Array<number>\n>()\n`.repeat(2000),
    ];
    for (const text of flat) expect(nestingDepth(text), text.slice(0, 40)).toBeLessThan(20);
  });

  it('nestsDeeperThan agrees with the character loop on chains too', () => {
    for (const text of [
      chains['nested conditionals'](over),
      chains['curried arrows'](100),
      'a = b = c;\n'.repeat(2000),
      'x ? y : z\n'.repeat(2000),
    ]) {
      expect(nestsDeeperThan(text, MAX_NESTING), text.slice(0, 20)).toBe(nestingDepth(text) > MAX_NESTING);
    }
  });
});

describe('nesting a parser recurses into without brackets or links: operators', () => {
  const over = MAX_NESTING + 10;

  it('refuses a run of prefix operators past the limit (a level each), on one line or on lines, as words too; takes short runs', () => {
    const runs: Record<string, (n: number) => string> = {
      'not, on one line': (n) => `const a = ${'!'.repeat(n)}x\n`,
      'spaced minus': (n) => `const a = ${'- '.repeat(n)}x\n`,
      'not and tilde, a line each': (n) => `const a = ${'!\n~\n'.repeat(Math.ceil(n / 2))}x\n`,
      typeof: (n) => `const a = ${'typeof\n'.repeat(n)}x\n`,
      await: (n) => `async function f() {\n  return ${'await\n'.repeat(n)}x\n}\n`,
      new: (n) => `const a = ${'new\n'.repeat(n)}X\n`,
    };
    for (const [shape, make] of Object.entries(runs)) {
      expect(refuse(make(over)), shape).toMatchObject({ reason: 'tooDeep', fails: true });
      expect(nestsDeeperThan(make(over), MAX_NESTING), shape).toBe(true);
      expect(refuse(make(50)), shape).toBeNull();
    }
  });

  it('refuses a chain of binary operators past sixteen times the limit (a level per sixteen); takes a long sum', () => {
    const chains: Record<string, (n: number) => string> = {
      'a sum, a term a line': (n) => `const b = ${Array(n).fill('x').join(' +\n')}\n`,
      'a && chain': (n) => `const b = ${Array(n).fill('x').join(' && ')}\n`.replace(/(.{80})/g, '$1\n'),
      'bit operators': (n) => `const b = ${Array(n).fill('x').join(' | ')}\n`.replace(/(.{80})/g, '$1\n'),
    };
    for (const [shape, make] of Object.entries(chains)) {
      expect(refuse(make(16 * over)), shape).toMatchObject({ reason: 'tooDeep', fails: true });
      expect(nestsDeeperThan(make(16 * over), MAX_NESTING), shape).toBe(true);
      expect(nestingDepth(make(1000)), shape).toBeLessThan(100);
    }
  });

  it('refuses spaced type arguments nested past the limit as it refuses unspaced ones', () => {
    const onLines = (n: number) => `type T =\n${'Array <\n'.repeat(n)}number\n${'>\n'.repeat(n)}\n`;
    expect(refuse(onLines(over))).toMatchObject({ reason: 'tooDeep', fails: true });
    expect(nestsDeeperThan(onLines(over), MAX_NESTING)).toBe(true);
    expect(refuse(onLines(50))).toBeNull();
  });

  it('ends operators where their expression ends: long flat code, separator comments and JSDoc of them are taken', () => {
    const flat = [
      'const s = a + b - c + !d\n'.repeat(5000),
      'x = -1, y = !z, w = ~q;\n'.repeat(5000),
      'if (a !== b && c != d || !e) i++; else j -= 2\n'.repeat(3000),
      'const ok = typeof a === "string" && !(await b) && void 0\n'.repeat(3000),
      '// ------------------------------------------------------------\nfunction f() { return !a && b || c }\n'.repeat(
        3000,
      ),
      '/**\n * text - more\n * @param {a} b - c\n */\nfunction f() {}\n'.repeat(2000),
      "const s = 'a-b-c-d-e-f' + 'g|h|i' + '100%'\n".repeat(3000),
      'for (let i = 0; i < n; i++) total += i < m ? a : b\n'.repeat(3000),
    ];
    for (const text of flat) expect(nestingDepth(text), text.slice(0, 40)).toBeLessThan(300);
  });

  it('nestsDeeperThan agrees with the character loop over arbitrary text of what nests (the fast count bounds it)', () => {
    const pieces = [
      ...'()[]{}<>=?!~+-%&^|;,\n ab'.split(''),
      'else ',
      'typeof ',
      'await ',
      '/>',
      '</a>',
      '<a>',
      '=>',
      '!=',
      '+=',
      '&&',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 400 }),
        fc.integer({ min: 0, max: 60 }),
        (parts, limit) => {
          const text = parts.join('');
          expect(nestsDeeperThan(text, limit)).toBe(nestingDepth(text) > limit);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
