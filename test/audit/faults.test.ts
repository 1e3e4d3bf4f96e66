/**
 * The audit under hostile input keeps the codemod's contract: a file the rewrite refuses
 * (not UTF-8, too large, minified, nested too deeply) is never "handled by the rewrite",
 * is listed with the codemod's own words, counts (always where the codemod fails it, all
 * of them under --strict), and never reaches TypeScript (whose stack and memory it would exhaust).
 */
import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit';
import { auditCommand } from '../../src/cli/main';
import { BIN, runCliAsync } from '../cli/helpers';
import { unprivileged, type OtherUser } from '../helpers/other-user';
import { capture, makeProject } from './helpers';

const GBK_NAME = Buffer.from([0xd6, 0xd0, 0xce, 0xc4]); // 中文 in GBK
/** What a person does about a call in a file the rewrite refuses without failing it (package-calls.ts). */
const REFUSED_WAY_OUT = 'migrate the source it is built from and build it again, or update the package it comes from';

function project(files: Record<string, string | Buffer>) {
  const text = Object.fromEntries(Object.entries(files).filter(([, v]) => typeof v === 'string')) as Record<
    string,
    string
  >;
  const p = makeProject(text, { taro: false });
  for (const [rel, v] of Object.entries(files))
    if (Buffer.isBuffer(v)) {
      fs.mkdirSync(path.dirname(path.join(p.dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(p.dir, rel), v);
    }
  return p;
}

async function command(dir: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = capture();
  const code = await auditCommand([...args], { ...c.io, cwd: dir });
  return { code, out: c.out.join(''), err: c.err.join('') };
}

/** The codemod's failure or skip reason for each file (built CLI, dry run). */
async function codemodReasons(dir: string): Promise<Map<string, string>> {
  const r = await runCliAsync(dir, ['.', '--dry', '--json']);
  const report = JSON.parse(r.stdout);
  return new Map(
    report.files.map((f: { path: string; error: { reason: string } | null; skipped: { reason: string } | null }) => [
      f.path,
      f.error?.reason ?? f.skipped?.reason,
    ]),
  );
}

describe('no single file ends the audit', () => {
  describe('a file TypeScript cannot read (a member chain thousands long, which the nesting estimate does not count)', () => {
    // TypeScript's binder follows the chain by recursion, seconds each audit: one process a test.
    const deep = `declare const y: any\nexport const deep = y${'\n  .a'.repeat(20_000)}\nwx.startRecord({})\n`;
    const reason =
      'TypeScript cannot read this file (Maximum call stack size exceeded); its references are not audited: simplify it or check it by hand';
    const withProject = async (test: (dir: string) => Promise<void>) => {
      const p = project({ 'src/types.ts': deep, 'src/page.js': 'wx.stopRecord()\n' });
      try {
        await test(p.dir);
      } finally {
        p.remove();
      }
    };

    it('fails alone: listed with the reason, the others audited, exit 1; the codemod fails it alone too', () =>
      withProject(async (dir) => {
        const [json, reasons] = await Promise.all([runCliAsync(dir, ['audit', '--json']), codemodReasons(dir)]);
        expect(json.stderr).toBe('');
        const result = JSON.parse(json.stdout);
        expect(result.failedFiles).toEqual([{ file: 'src/types.ts', reason }]);
        expect(result.findings).toMatchObject([{ file: 'src/page.js', status: 'handled' }]);
        expect(result.needsPerson).toBe(0);
        expect(json.code).toBe(1);
        expect(reasons.get('src/types.ts')).toMatch(/^nested too deeply to parse safely \(it ran out of stack/);
      }));

    it('the text report names it with the reason and counts it', () =>
      withProject(async (dir) => {
        const text = await runCliAsync(dir, ['audit']);
        expect(text.code).toBe(1);
        expect(text.stdout).toContain(`src/types.ts  ${reason}\n`);
        expect(text.stdout).toContain('\n  could not be audited: 1 file (listed above)\n');
      }));
  });

  // Nothing of the project's own spells the API in the failing file, so only the program's own read meets it, through
  // the import.
  describe.each<{
    what: string;
    failing: string;
    files: Record<string, string>;
    page: string;
    pageText: string;
    line: number;
  }>([
    {
      what: 'a .d.ts TypeScript cannot parse (types nested thousands deep)',
      failing: 'src/deep.d.ts',
      files: {
        'src/deep.d.ts': `export type Deep = ${'Array<'.repeat(20_000)}string${'>'.repeat(20_000)};\nexport declare const deep: Deep;\n`,
      },
      page: 'src/page.js',
      pageText: "const { deep } = require('./deep')\nwx.startRecord({})\n",
      line: 2,
    },
    {
      what: 'a file TypeScript parses but cannot bind (a generated member chain thousands long, which its binder follows by recursion)',
      failing: 'src/chain.ts',
      files: {
        'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true } }),
        // 12,000 already overflows the binder on Node 20; the margin is for a deeper stack.
        'src/chain.ts': `declare const y: any\nexport const deep = y${'.a'.repeat(20_000)}\n`,
      },
      page: 'src/page.ts',
      pageText: "import { deep } from './chain'\ndeclare const wx: any\nwx.startRecord({ deep })\n",
      line: 3,
    },
  ])('$what, reached only through an import, fails alone too', ({ failing, files, page, pageText, line }) => {
    const failedFiles = [
      {
        file: failing,
        reason:
          'TypeScript cannot read this file (Maximum call stack size exceeded); its references are not audited: simplify it or check it by hand',
      },
    ];
    // Each audit in a test of its own: TypeScript follows the file until its stack runs out, seconds each.
    it('in the audit', async () => {
      const p = makeProject({ ...files, [page]: pageText }, { git: true, taro: false });
      try {
        const plain = await runCliAsync(p.dir, ['audit', '--json']);
        expect(plain.stderr).toBe('');
        expect(plain.code).toBe(1);
        expect(JSON.parse(plain.stdout)).toMatchObject({
          failedFiles,
          findings: [{ file: page, line, status: 'handled' }],
        });
      } finally {
        p.remove();
      }
    });

    it('under --verify, the page changed since the commit', async () => {
      const changed = makeProject({ ...files, [page]: pageText }, { git: true, taro: false });
      try {
        changed.write(page, pageText.replace(/\n$/, '; const n: number = 1\n'));
        const verify = await runCliAsync(changed.dir, ['audit', '--json', '--verify']);
        expect(verify.stderr).toBe('');
        expect(verify.code).toBe(1);
        expect(JSON.parse(verify.stdout)).toMatchObject({ failedFiles, verify: { migratedFiles: [page] } });
      } finally {
        changed.remove();
      }
    });
  });
});

describe('the audit refuses what the rewrite refuses', () => {
  it("a GBK file naming the API: refused with the codemod's words, never handled, counted (also under --strict)", async () => {
    for (const body of [
      Buffer.concat([Buffer.from('// '), GBK_NAME, Buffer.from('\nwx.startRecord({})\n')]),
      Buffer.concat([Buffer.from('const '), GBK_NAME, Buffer.from(' = 1\nwx.startRecord({})\n')]),
    ]) {
      const p = project({ 'src/gbk.js': body, 'src/ok.js': 'wx.stopRecord()\n' });
      try {
        const result = await runAudit({ cwd: p.dir });
        const message = 'not valid UTF-8 (GBK or another encoding?): convert it to UTF-8 first';
        expect(result.refusedFiles).toEqual([{ file: 'src/gbk.js', reason: 'encoding', message, fails: true }]);
        expect(result.findings.filter((f) => f.file === 'src/gbk.js')).toEqual([]);
        expect(result.findings).toMatchObject([{ file: 'src/ok.js', status: 'handled' }]);
        expect((await codemodReasons(p.dir)).get('src/gbk.js')).toBe(message);
        expect((await command(p.dir, [])).code).toBe(1);
        const strict = await command(p.dir, ['--strict']);
        expect(strict.code).toBe(1);
        expect(strict.out).toContain(`src/gbk.js  refused by the rewrite: ${message}; not audited`);
      } finally {
        p.remove();
      }
    }
  });

  it('a UTF-16 file, with or without a byte order mark, is refused like the codemod refuses it', async () => {
    const p = project({
      'src/u16.js': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('wx.startRecord({})\n', 'utf16le')]),
      'src/u16-unmarked.js': Buffer.from('wx.startRecord({})\n', 'utf16le'),
    });
    try {
      const result = await runAudit({ cwd: p.dir });
      expect(result.refusedFiles).toEqual([
        {
          file: 'src/u16-unmarked.js',
          reason: 'encoding',
          message: 'not valid UTF-8 (UTF-16 LE without a byte order mark): convert it to UTF-8 first',
          fails: true,
        },
        {
          file: 'src/u16.js',
          reason: 'encoding',
          message: 'not valid UTF-8 (UTF-16 LE): convert it to UTF-8 first',
          fails: true,
        },
      ]);
      for (const refused of result.refusedFiles)
        expect((await codemodReasons(p.dir)).get(refused.file)).toBe(refused.message);
    } finally {
      p.remove();
    }
  });

  it.each([
    [
      'brackets',
      `export const x = ${'('.repeat(50_000)}1${')'.repeat(50_000)}\nwx.startRecord()\n`.replace(/(.{80})/g, '$1\n'),
    ],
    // TypeScript's binder overflowed its stack on this, and the whole audit ended in an internal error.
    [
      'an else-if chain',
      `export const x = 1\nwx.startRecord()\nexport function k(a) {\n${'  if (a === 1) { f(); } else\n'.repeat(4_000)}  f();\n}\n`,
    ],
    // oxc-parser crashed the process (SIGSEGV) on these three on a parsing thread's stack, the codemod's and the audit's.
    ['prefix operators', `export const x = 1\nwx.startRecord()\nexport const y = ${'!\n'.repeat(20_000)}x\n`],
    ['a sum', `export const x = 1\nwx.startRecord()\nexport const y = ${Array(40_000).fill('x').join(' +\n')}\n`],
    [
      'spaced type arguments',
      `export const x = 1\nwx.startRecord()\nexport let y: ${'Array <\n'.repeat(3_000)}string${' >\n'.repeat(3_000)}\n`,
    ],
    // TypeScript's parser overflowed its stack on this (from about 1,500 elements), and the whole audit with it.
    [
      'JSX elements',
      `export const x = 1\nwx.startRecord()\nexport const A = () => (\n${'<a>\n'.repeat(3_000)}x\n${'</a>\n'.repeat(3_000)});\n`,
    ],
  ])(
    'a deeply nested file (%s): refused, no stack trace, JSON still printed, and a file importing it is still audited',
    async (_, deep) => {
      const p = project({ 'src/deep.js': deep, 'src/page.js': "import { x } from './deep'\nwx.stopRecord(x)\n" });
      try {
        const r = await command(p.dir, ['--json']);
        expect(r.err).toBe('');
        const result = JSON.parse(r.out);
        expect(result.refusedFiles).toEqual([
          {
            file: 'src/deep.js',
            reason: 'tooDeep',
            message:
              'nested too deeply to parse safely (over 1000 levels of brackets, chained operators and JSX elements): migrate it by hand',
            fails: true,
          },
        ]);
        expect(result.findings).toMatchObject([{ file: 'src/page.js', status: 'handled' }]);
        expect(r.code).toBe(1);
        expect((await codemodReasons(p.dir)).get('src/deep.js')).toBe(result.refusedFiles[0].message);
      } finally {
        p.remove();
      }
    },
  );

  // Nesting the gate lets through, on the audit's thread: with its former stack (1.15 MB, the main thread's
  // JavaScript limit) the first crashed the process (SIGSEGV, not a word) and TypeScript could not read the others.
  it.each([
    [
      'one line of 500 nested functions',
      `wx.startRecord()\n${'function f() {'.repeat(500)}${'}'.repeat(500)}\n`,
      'src/deep.js',
      1,
      [{ file: 'src/deep.js', reason: 'minified' }],
    ],
    [
      '900 nested functions',
      `wx.startRecord()\n${'function f() {\n'.repeat(900)}${'}\n'.repeat(900)}`,
      'src/deep.js',
      0,
      [],
    ],
    [
      '900 type arguments',
      `wx.startRecord()\nlet t: ${'Array<\n'.repeat(900)}string${'>\n'.repeat(900)}`,
      'src/deep.ts',
      0,
      [],
    ],
  ])(
    'a file nested within the limit (%s): the built audit reads it on its thread and reports, no crash',
    async (_, deep, file, code, refused) => {
      const p = project({ [file]: deep });
      try {
        const r = await runCliAsync(p.dir, ['audit', '--json']);
        // A crash has no exit code (null).
        expect(r.code).toBe(code);
        expect(r.stderr).toBe('');
        const result = JSON.parse(r.stdout);
        expect(result.refusedFiles).toMatchObject(refused);
        expect(result.failedFiles).toEqual([]);
        expect(result.findings).toMatchObject([{ file, line: 1, api: 'startRecord' }]);
      } finally {
        p.remove();
      }
    },
  );

  it('a file over the size limit naming the API: refused "too large" without reading it into TypeScript; its call is the place for a person the codemod lists', async () => {
    let big = 'wx.startRecord()\n';
    while (big.length < 2.5 * 1024 * 1024) big += `export const v${big.length} = ${big.length}\n`;
    const p = project({ 'src/big.js': big });
    try {
      const before = process.memoryUsage().rss;
      const result = await runAudit({ cwd: p.dir });
      expect(process.memoryUsage().rss - before).toBeLessThan(300 * 1024 * 1024);
      expect(result.refusedFiles).toMatchObject([{ file: 'src/big.js', reason: 'tooLarge', fails: false }]);
      expect(result.refusedFiles[0].message).toMatch(/^too large to migrate \(2\.\d MB, the limit is 1 MB\)/);
      expect(result.findings).toMatchObject([
        { file: 'src/big.js', line: 1, api: 'startRecord', status: 'manual', expression: 'wx.startRecord()' },
      ]);
      expect(result.findings[0].reason).toBe(`startRecord: ${result.refusedFiles[0].message}; ${REFUSED_WAY_OUT}`);
      expect((await codemodReasons(p.dir)).get('src/big.js')).toBe('tooLarge');
      expect((await command(p.dir, [])).code).toBe(1);
      expect((await command(p.dir, ['--strict'])).code).toBe(1);
    } finally {
      p.remove();
    }
  });

  // The walk's own case (no tsconfig) is test/cli/walk.test.ts's, beside the codemod's.
  it('a file minified by its name (sdk.min.js) naming the API, listed by the tsconfig: refused as the codemod refuses it whatever its lines, never handled; its call a place for a person', async () => {
    const config = JSON.stringify({ compilerOptions: { allowJs: true }, include: ['src'] });
    const p = project({
      'tsconfig.json': config,
      'src/lib/sdk.min.js': 'module.exports = function () {\n  wx.startRecord({})\n}\n',
      'src/lib/other.min.js': 'module.exports = 1\n',
    });
    try {
      const result = await runAudit({ cwd: p.dir });
      expect(result.refusedFiles).toEqual([
        {
          file: 'src/lib/sdk.min.js',
          reason: 'minified',
          message: 'minified or bundled code (its name says so): not migrated',
          fails: false,
        },
      ]);
      expect(result.findings).toMatchObject([
        { file: 'src/lib/sdk.min.js', line: 2, column: 3, status: 'manual', expression: 'wx.startRecord({})' },
      ]);
      expect((await command(p.dir, [])).code).toBe(1);
      const strict = await command(p.dir, ['--strict']);
      expect(strict.code).toBe(1);
      expect(strict.out).toContain(
        'src/lib/sdk.min.js  refused by the rewrite: minified or bundled code (its name says so): not migrated; not audited\n',
      );
    } finally {
      p.remove();
    }
  });

  const skip = typeof unprivileged === 'string' ? unprivileged : null;
  const asUser = () => unprivileged as OtherUser;
  it.skipIf(skip !== null)(
    `an unreadable folder is a warning naming it (counted under --strict), not a crash${skip ? ` (skipped: ${skip})` : ''}`,
    () => {
      const p = project({ 'secret/a.js': 'wx.startRecord()\n', 'src/b.js': 'wx.stopRecord()\n' });
      try {
        const { name } = asUser();
        if (name) execFileSync('chown', ['-R', name, p.dir]);
        fs.chmodSync(path.join(p.dir, 'secret'), 0o000);
        const r = asUser().run(p.dir, [BIN, 'audit', '--json', '--strict']);
        fs.chmodSync(path.join(p.dir, 'secret'), 0o755);
        const result = JSON.parse(r.stdout);
        expect(r.status).toBe(1);
        expect(result.warnings).toEqual([
          expect.stringMatching(/^secret: could not read the folder: EACCES; references in it are missing$/),
        ]);
        expect(result.findings).toMatchObject([{ file: 'src/b.js', status: 'handled' }]);
      } finally {
        p.remove();
      }
    },
  );

  it.skipIf(skip !== null)(
    `an unreadable file, a script or a component, is a warning naming it (counted under --strict), not a silent skip nor a crash${skip ? ` (skipped: ${skip})` : ''}`,
    () => {
      const p = project({
        'src/secret.js': 'wx.startRecord()\n',
        'src/Secret.vue': '<script>\nwx.playVoice({})\n</script>\n',
        'src/b.js': 'wx.stopRecord()\n',
      });
      try {
        const { name } = asUser();
        if (name) execFileSync('chown', ['-R', name, p.dir]);
        for (const file of ['src/secret.js', 'src/Secret.vue']) fs.chmodSync(path.join(p.dir, file), 0o000);
        const r = asUser().run(p.dir, [BIN, 'audit', '--json', '--strict']);
        expect(r.status, r.stderr).toBe(1);
        const result = JSON.parse(r.stdout);
        expect([...result.warnings].sort()).toEqual([
          'src/Secret.vue: could not read the file: EACCES; references in it are missing',
          'src/secret.js: could not read the file: EACCES; references in it are missing',
        ]);
        expect(result.findings).toMatchObject([{ file: 'src/b.js', status: 'handled' }]);
      } finally {
        p.remove();
      }
    },
  );

  it('a link out of the folders read is a warning naming its target; one inside them is not', async () => {
    const outside = project({ 'shared/legacy.js': 'wx.startRecord({})\n' });
    const p = project({ 'src/a.js': 'wx.startRecord({})\n' });
    try {
      fs.symlinkSync(path.join(outside.dir, 'shared'), path.join(p.dir, 'src', 'shared'));
      fs.symlinkSync('a.js', path.join(p.dir, 'src', 'alias.js'));
      const result = await runAudit({ cwd: p.dir, paths: ['src'] });
      const target = path.relative(p.dir, path.join(outside.dir, 'shared'));
      expect(result.warnings).toEqual([
        `src/shared: a symbolic link to ${target}, outside the paths read: not followed; references in it are missing`,
      ]);
      expect(result.findings).toMatchObject([{ file: 'src/a.js' }]);
    } finally {
      p.remove();
      outside.remove();
    }
  });

  it('a file the paths given reach twice (through a link above one of them) is audited once, under the name met first, and a warning says so', async () => {
    const p = project({ 'src/a.js': 'wx.startRecord({})\n' });
    try {
      fs.symlinkSync('src', path.join(p.dir, 'alias'));
      const result = await runAudit({ cwd: p.dir, paths: ['src', 'alias/a.js'] });
      expect(result.findings).toHaveLength(1);
      expect(result.findings).toMatchObject([{ file: 'src/a.js', status: 'handled' }]);
      expect(result.warnings).toEqual([
        'the paths given reach a file a second time, under another name (through a link or a mount on the way): each is read once, by the name met first: alias/a.js is src/a.js',
      ]);
    } finally {
      p.remove();
    }
  });

  it('a link out of the folders read through which the tsconfig lists files: audited, and the warning names the folder the codemod must be given', async () => {
    const outside = project({
      'shared/legacy.ts': 'declare const wx: any\nexport const go = () => wx.startRecord({})\n',
    });
    const p = project({ 'tsconfig.json': JSON.stringify({ include: ['src'] }), 'src/a.ts': 'export const a = 1\n' });
    try {
      fs.symlinkSync(path.join(outside.dir, 'shared'), path.join(p.dir, 'src', 'shared'));
      const result = await runAudit({ cwd: p.dir });
      const target = path.relative(p.dir, path.join(outside.dir, 'shared'));
      // TypeScript reads the include through the link: the reference is there, not "missing".
      expect(result.findings).toMatchObject([{ file: 'src/shared/legacy.ts', status: 'handled' }]);
      expect(result.warnings).toEqual([
        `src/shared: a symbolic link to ${target}, outside the paths read: the 1 file the config lists through it is audited, but the codemod does not follow the link: give it ${target} to migrate it`,
      ]);
    } finally {
      p.remove();
      outside.remove();
    }
  });

  it('a file the tsconfig lists that is not there is a warning naming it, not a silent skip', async () => {
    const p = project({ 'src/a.ts': 'declare const wx: any\nwx.startRecord({})\n' });
    try {
      fs.writeFileSync(
        path.join(p.dir, 'tsconfig.json'),
        JSON.stringify({ compilerOptions: { strict: true }, files: ['src/a.ts', 'src/gone.ts'] }),
      );
      const result = await runAudit({ cwd: p.dir });
      expect(result.warnings).toEqual(['src/gone.ts: could not read the file: ENOENT; references in it are missing']);
      expect(result.findings).toMatchObject([{ file: 'src/a.ts', status: 'handled' }]);
      expect((await command(p.dir, ['--strict'])).code).toBe(1);
    } finally {
      p.remove();
    }
  });
});
