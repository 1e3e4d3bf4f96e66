import { describe, expect, it } from 'vitest';
import { foreignByteOrderMark, MAX_NESTING, MAX_SOURCE_BYTES, nestingDepth, nestsDeeperThan, refusalOf } from '../../src/rewrite/refusal';

const refuse = (text: string | Buffer) => {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  return refusalOf(bytes, bytes.toString('utf8'));
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

  it('says why, in the words every door prints', () => {
    expect(refuse('wx.startRecord()\n')).toBeNull();
    expect(refuse(Buffer.from([0x2f, 0x2f, 0xd6, 0xd0, 0x0a]))).toMatchObject({ reason: 'encoding', fails: true, message: 'not valid UTF-8 (GBK or another encoding?): convert it to UTF-8 first' });
    expect(refuse(`x = ${'('.repeat(MAX_NESTING + 1)}1${')'.repeat(MAX_NESTING + 1)}\n`)).toMatchObject({ reason: 'tooDeep', fails: true });
    expect(refuse(`${'a'.repeat(3000)}\n`)).toMatchObject({ reason: 'minified', fails: false, detail: 'long lines' });
    expect(refuse('x\n'.repeat(MAX_SOURCE_BYTES / 2 + 1))).toMatchObject({ reason: 'tooLarge', fails: false, detail: '1.0 MB' });
  });

  it('nestsDeeperThan agrees with the character loop, whatever the bracket count', () => {
    for (const text of ['', 'a(b)[c]{d}', '('.repeat(5), `${'([{'.repeat(400)}${'}])'.repeat(400)}`, `${'()'.repeat(2000)}`, `${'('.repeat(1001)}`]) {
      expect(nestsDeeperThan(text, MAX_NESTING), text.slice(0, 20)).toBe(nestingDepth(text) > MAX_NESTING);
    }
  });
});
