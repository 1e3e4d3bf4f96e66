import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rewriteSource } from '../../src/rewrite';
import { NATIVE_IMPORT_SOURCE } from '../../src/rewrite';
import { auditCommand } from '../../src/cli/main';
import type { AuditResult } from '../../src/audit';
import { TSCONFIG } from './fixtures';
import { capture, makeProject, type TempProject } from './helpers';
import { scriptParts } from '../helpers/vue-blocks';

const RECORDER = [
  "import Taro from '@tarojs/taro'",
  '',
  'const { stopRecord: stop } = Taro',
  '',
  'export function begin(onDone: (path: string) => void): void {',
  '  Taro.startRecord({ success: (res) => onDone(res.tempFilePath) })',
  '}',
  '',
  '// an error the project already had: verify must not blame the rewrite for it',
  "export const answer: number = 'forty-two'",
  '',
  'export function end(): void {',
  '  stop()',
  '}',
  '',
].join('\n');

const TS_PROJECT: Record<string, string> = {
  'tsconfig.json': TSCONFIG,
  'src/recorder.ts': RECORDER,
  'src/page.ts':
    "import { begin, end } from './recorder'\n\nexport const onTap = () => begin(console.log)\nexport const onUnload = () => end()\n",
};

const JS_PROJECT: Record<string, string> = {
  'pages/voice/voice.js': [
    'Page({',
    '  start() {',
    '    wx.startRecord({ success: (res) => this.setData({ path: res.tempFilePath }) })',
    '  },',
    '  onUnload() {',
    '    wx.stopRecord()',
    '  },',
    '})',
    '',
  ].join('\n'),
};

let projects: TempProject[] = [];
afterEach(() => {
  for (const p of projects) p.remove();
  projects = [];
});
function project(files: Record<string, string>): TempProject {
  const p = makeProject(files, { git: true });
  projects.push(p);
  return p;
}

/** What the codemod does to a file: the engine's output. */
function migrate(p: TempProject, file: string, text: string, importSource?: string): string {
  const output = rewriteSource(text, file, importSource ? { importSource } : {}).output;
  expect(output).not.toBeNull();
  p.write(file, output!);
  return output!;
}

async function verify(p: TempProject, extra: string[] = []): Promise<{ code: number; result: AuditResult }> {
  const { out, err, io } = capture();
  const code = await auditCommand(['--verify', '--json', ...extra], { ...io, cwd: p.dir });
  expect(err.join('')).toBe('');
  return { code, result: JSON.parse(out.join('')) as AuditResult };
}

describe('--verify', () => {
  it('passes a correct migration of a TypeScript project, ignoring errors the original already had', async () => {
    const p = project(TS_PROJECT);
    migrate(p, 'src/recorder.ts', RECORDER);
    const { code, result } = await verify(p);
    expect(result.verify).toMatchObject({
      baseline: 'HEAD',
      migratedFiles: ['src/recorder.ts'],
      introduced: [],
      newFiles: [],
    });
    expect(result.findings).toEqual([]);
    expect(code).toBe(0);
  });

  it('catches a rewrite that dropped the runtime import', async () => {
    const p = project(TS_PROJECT);
    const output = migrate(p, 'src/recorder.ts', RECORDER);
    const broken = output
      .split('\n')
      .filter((line) => !line.includes('record-compat-runtime'))
      .join('\n');
    expect(broken).not.toBe(output);
    p.write('src/recorder.ts', broken);
    const { code, result } = await verify(p);
    expect(code).toBe(1);
    const introduced = result.verify!.introduced;
    expect(introduced.length).toBeGreaterThan(0);
    expect(introduced.every((d) => d.file === 'src/recorder.ts')).toBe(true);
    expect(introduced.map((d) => d.code)).toContain(2304); // Cannot find name
    expect(introduced.some((d) => d.message.includes("'startRecord'"))).toBe(true);
    // the pre-existing TS2322 is in both versions, so it is not blamed on the rewrite
    expect(introduced.map((d) => d.code)).not.toContain(2322);
  });

  it('catches a rewrite that broke an export, in the unchanged file that imports it', async () => {
    const p = project(TS_PROJECT);
    const output = migrate(p, 'src/recorder.ts', RECORDER);
    p.write('src/recorder.ts', output.replace('export function end', 'function end'));
    const { code, result } = await verify(p);
    expect(code).toBe(1);
    expect(result.verify!.migratedFiles).toEqual(['src/recorder.ts']);
    expect(result.verify!.introduced).toMatchObject([{ file: 'src/page.ts', line: 1 }]);
    expect(result.verify!.introduced[0].message).toContain("'end'");
  });

  it('checks plain JavaScript too (a broken require in a native page)', async () => {
    const p = project(JS_PROJECT);
    const file = 'pages/voice/voice.js';
    const output = migrate(p, file, JS_PROJECT[file], NATIVE_IMPORT_SOURCE);
    const good = await verify(p);
    expect(good.result.verify!.introduced).toEqual([]);
    expect(good.code).toBe(0);

    p.write(file, output.replace(/^.*require\(.*\n/m, ''));
    const bad = await verify(p);
    expect(bad.code).toBe(1);
    expect(bad.result.verify!.introduced.map((d) => [d.file, d.code])).toContainEqual([file, 2304]);
  });

  it('checks the script blocks of a changed .vue component, at positions in the component', async () => {
    const component = [
      '<template>',
      '  <button @tap="go">Record</button>',
      '</template>',
      '',
      '<script setup lang="ts">',
      "import Taro from '@tarojs/taro'",
      '',
      'function go(): void {',
      '  Taro.startRecord({ success: (res) => console.log(res.tempFilePath) })',
      '}',
      '// an error the component already had',
      "const answer: number = 'forty-two'",
      '</script>',
      '',
    ].join('\n');
    const p = project({ 'tsconfig.json': TSCONFIG, 'src/pages/rec.vue': component });
    // the <script setup> block migrated as the build's vite door does it (test/helpers/vue-blocks)
    const [block] = scriptParts(component, 'src/pages/rec.vue');
    expect(block.options.moduleStyle).toBe('import');
    const migrated = rewriteSource(block.code, block.name, block.options).output!;
    expect(migrated).toContain('startRecord(');
    p.write('src/pages/rec.vue', component.replace(block.code, migrated));
    const good = await verify(p);
    expect(good.result.verify).toMatchObject({ migratedFiles: ['src/pages/rec.vue'], introduced: [] });
    expect(good.code).toBe(0);

    // The same migration without its import: the call no longer resolves, on line 9 of the component.
    p.write('src/pages/rec.vue', component.replace(block.code, migrated.replace(/^import \{[^\n]*\n/m, '')));
    const bad = await verify(p);
    expect(bad.code).toBe(1);
    const introduced = bad.result.verify!.introduced;
    const callLine = component.split('\n').findIndex((l) => l.includes('Taro.startRecord')) + 1;
    expect(introduced.every((d) => d.file === 'src/pages/rec.vue')).toBe(true);
    expect(introduced[0]).toMatchObject({ line: callLine, column: 3, code: 2304 }); // Cannot find name 'startRecord'
    // the component's own TS2322 is in both versions, so it is not blamed on the rewrite
    expect(introduced.map((d) => d.code)).not.toContain(2322);
  });

  it("reads the @types packages a config without `types` brings, as the project's own TypeScript does: every one before TypeScript 6, none from 6 on", async () => {
    // A global from an @types package: the migrated call's result no longer fits its parameter.
    const tracker = [
      "import Taro from '@tarojs/taro'",
      '',
      'export function begin(): void {',
      '  trackRecording(Taro.startRecord({ success: (res) => console.log(res.tempFilePath) }))',
      '}',
      '',
    ].join('\n');
    const config = JSON.stringify({
      compilerOptions: {
        target: 'ES2020',
        module: 'ESNext',
        moduleResolution: 'node',
        strict: true,
        skipLibCheck: true,
      },
      include: ['src'],
    });
    const withTypeScript = (version: string) => {
      const p = project({
        'tsconfig.json': config,
        'src/tracker.ts': tracker,
        'node_modules/typescript/package.json': JSON.stringify({ name: 'typescript', version }),
        'node_modules/@types/tracking/index.d.ts':
          'declare function trackRecording(recording: Promise<unknown>): void;\n',
        'node_modules/@types/tracking/package.json': JSON.stringify({
          name: '@types/tracking',
          version: '1.0.0',
          types: 'index.d.ts',
        }),
      });
      const migrated = migrate(p, 'src/tracker.ts', tracker);
      return { p, line: migrated.split('\n').findIndex((l) => l.includes('trackRecording(')) + 1 };
    };

    // TypeScript 5: the global is there, so the new error is.
    const onFive = withTypeScript('5.4.5');
    const five = await verify(onFive.p);
    expect(five.code).toBe(1);
    expect(five.result.verify!.introduced).toMatchObject([{ file: 'src/tracker.ts', line: onFive.line, code: 2345 }]);

    // TypeScript 6: no @types without `types`; `trackRecording` is missing before and after alike.
    const six = await verify(withTypeScript('6.0.2').p);
    expect(six.result.verify!.introduced).toEqual([]);
    expect(six.code).toBe(0);
  });

  it('says in one sentence, and fails, when type packages do not parse with its TypeScript (a Taro 3 template pinned to TypeScript 4.x)', async () => {
    // A Taro 3 template's tsconfig: every package under node_modules/@types is loaded.
    const template = JSON.stringify({
      compilerOptions: {
        target: 'es2017',
        module: 'commonjs',
        moduleResolution: 'node',
        strict: true,
        skipLibCheck: true,
        typeRoots: ['node_modules/@types'],
      },
      include: ['src'],
    });
    // @types/node reaches the program through a reference (Taro's typings and templates' global.d.ts bring it the same
    // way)
    const recorder = `/// <reference types="node" />\n${RECORDER}`;
    const p = project({
      ...TS_PROJECT,
      'src/recorder.ts': recorder,
      'tsconfig.json': template,
      'node_modules/typescript/package.json': JSON.stringify({ name: 'typescript', version: '4.9.5' }),
      // syntax this TypeScript does not read
      'node_modules/@types/node/index.d.ts':
        'declare module "fs" {\n  export function readFileSync(path: string): string @@ ;\n}\n',
      'node_modules/@types/node/package.json': JSON.stringify({
        name: '@types/node',
        version: '99.0.0',
        types: 'index.d.ts',
      }),
    });
    migrate(p, 'src/recorder.ts', recorder);
    const { code, result } = await verify(p);
    expect(code).toBe(1);
    const sentence = result.verify!.unchecked!;
    expect(sentence).toMatch(
      /^the source was not type-checked: @types\/node does not parse with the audit's TypeScript \d+\.\d+\.\d+ \(the project has TypeScript 4\.9\.5\), first at node_modules\/@types\/node\/index\.d\.ts:2 /,
    );
    expect(sentence).toMatch(/npm i -D @types\/node@18/);
    expect(sentence.split(/\.\s/).length).toBe(1); // one sentence
    // the text output says it on the verify line
    const { out, io } = capture();
    await auditCommand(['--verify'], { ...io, cwd: p.dir });
    expect(out.join('')).toMatch(/verify: 1 file changed since HEAD; the source was not type-checked: @types\/node/);
  });

  it('says, of a package the code imports (Taro 1.3\'s typings, which this TypeScript does not parse), to type-check with the project\'s own TypeScript, not to leave it out with "types"', async () => {
    // Taro 1.3's typings (@tarojs/taro 1.3.46, types/api/cloud/index.d.ts) list an interface's members by bare name,
    // `set` among them: read as an accessor since TypeScript 4.
    const taroTypings = [
      'declare namespace Taro {',
      '  function startRecord(options?: { success?: (res: { tempFilePath: string }) => void }): Promise<{ tempFilePath: string }>',
      '  function stopRecord(): void',
      '  namespace cloud {',
      '    /** the update commands */',
      '    interface UPDATE_COMMANDS_LITERAL {',
      '      /** set a field */',
      '      set',
      '      /** remove a field */',
      '      remove',
      '    }',
      '  }',
      '}',
      'export = Taro',
      'export as namespace Taro',
      '',
    ].join('\n');
    const p = makeProject(
      {
        ...TS_PROJECT,
        'tsconfig.json': TSCONFIG,
        'node_modules/typescript/package.json': JSON.stringify({ name: 'typescript', version: '3.7.5' }),
        'node_modules/@tarojs/taro/package.json': JSON.stringify({
          name: '@tarojs/taro',
          version: '1.3.46',
          types: 'types/index.d.ts',
        }),
        'node_modules/@tarojs/taro/types/index.d.ts': taroTypings,
      },
      { git: true, taro: false },
    );
    projects.push(p);
    // Taro still read after the rewrite (a type of it), so its import, and its typings, stay.
    migrate(p, 'src/recorder.ts', `${RECORDER}export type TaroApi = typeof Taro\n`);
    const { code, result } = await verify(p);
    expect(code).toBe(1);
    const sentence = result.verify!.unchecked!;
    expect(sentence).toMatch(
      /^the source was not type-checked: @tarojs\/taro does not parse with the audit's TypeScript \d+\.\d+\.\d+ \(the project has TypeScript 3\.7\.5\), first at node_modules\/@tarojs\/taro\/types\/index\.d\.ts:11 \('\(' expected\.\); /,
    );
    expect(sentence).toMatch(
      /; @tarojs\/taro is imported by code \(the project's own, or typings it uses\), which no "types" in a tsconfig leaves out, so type-check the migration with the project's own TypeScript instead: `npx tsc --noEmit -p tsconfig\.json`$/,
    );
    expect(sentence).not.toContain('"types": []');
    expect(sentence.split(/\.\s/).length).toBe(1); // one sentence
  });

  it('says in one sentence, with exit 2, when git cannot answer for the baseline (a missing object), instead of a stack or a wrong verdict', async () => {
    const p = project(TS_PROJECT);
    const blob = p.git('rev-parse', 'HEAD:src/recorder.ts').trim();
    migrate(p, 'src/recorder.ts', RECORDER);
    fs.rmSync(path.join(p.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const { out, err, io } = capture();
    const code = await auditCommand(['--verify'], { ...io, cwd: p.dir });
    expect(code).toBe(2);
    expect(out.join('')).toBe('');
    const said = err.join('');
    expect(said).toMatch(
      /^error: --verify: git could not compare the working tree with HEAD in \S+ \(fatal: unable to read [0-9a-f]{40}\); repair the repository \(git fsck\) or fetch what it lacks, then verify again\n/,
    );
    expect(said).not.toMatch(/\n\s+at /);
  });

  it('compares with --baseline instead of HEAD', async () => {
    const p = project(TS_PROJECT);
    const output = migrate(p, 'src/recorder.ts', RECORDER);
    p.write('src/recorder.ts', output.replace('export function end', 'function end'));
    p.git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-am', 'migrated');
    // against the migrated commit nothing changed; against the original the broken export shows
    expect((await verify(p)).result.verify!.migratedFiles).toEqual([]);
    const { code, result } = await verify(p, ['--baseline', 'HEAD~1']);
    expect(result.verify!.baseline).toBe('HEAD~1');
    expect(result.verify!.introduced.map((d) => d.file)).toEqual(['src/page.ts']);
    expect(code).toBe(1);
  });

  it('compares a file renamed since the baseline with its text there, and says a new file is not type-checked', async () => {
    const p = project(TS_PROJECT);
    p.git('mv', 'src/recorder.ts', 'src/voice-recorder.ts');
    p.write('src/page.ts', TS_PROJECT['src/page.ts'].replace("'./recorder'", "'./voice-recorder'"));
    p.write('src/added.ts', "export const added: number = 'not a number'\n");
    p.git('add', 'src/page.ts', 'src/added.ts');
    p.git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'renamed');
    const output = migrate(p, 'src/voice-recorder.ts', RECORDER);
    p.write('src/voice-recorder.ts', output.replace('export function end', 'function end'));
    const { code, result } = await verify(p, ['--baseline', 'HEAD~1']);
    // the renamed file is compared with src/recorder.ts at HEAD~1: its old TS2322 is not blamed, the broken export is
    // found
    expect(result.verify!.migratedFiles).toEqual(expect.arrayContaining(['src/voice-recorder.ts']));
    expect(result.verify!.newFiles).toEqual(['src/added.ts']);
    expect(result.verify!.introduced.map((d) => [d.file, d.code])).toEqual([['src/page.ts', 2459]]);
    expect(code).toBe(1);
    const text = capture();
    await auditCommand(['--verify', '--baseline', 'HEAD~1', '--no-color'], { ...text.io, cwd: p.dir });
    expect(text.out.join('')).toContain('src/added.ts  not in HEAD~1: not type-checked, no text there to compare with');
  });

  it("checks each project a solution-style tsconfig references with its own options (one's `strict` is not the other's)", async () => {
    const stop =
      'export function end(): void {\n  wx.stopRecord({ success(res) { console.log(res.tempFilePath) } })\n}\n';
    const p = project({
      'tsconfig.json': JSON.stringify({ files: [], references: [{ path: './strict' }, { path: './loose' }] }),
      'strict/tsconfig.json': JSON.stringify({ compilerOptions: { composite: true, strict: true }, include: ['src'] }),
      'strict/src/end.ts': stop,
      'loose/tsconfig.json': JSON.stringify({ compilerOptions: { composite: true, strict: false }, include: ['src'] }),
      'loose/src/end.ts': stop,
    });
    // the same change to both, an error under strictNullChecks only: new where that project asks for them, and only
    // there
    const optional = '\nexport const first: string = ([] as (string | undefined)[])[0]\n';
    p.write('strict/src/end.ts', migrate(p, 'strict/src/end.ts', stop, NATIVE_IMPORT_SOURCE) + optional);
    p.write('loose/src/end.ts', migrate(p, 'loose/src/end.ts', stop, NATIVE_IMPORT_SOURCE) + optional);
    const { code, result } = await verify(p);
    expect(result.verify!.migratedFiles).toEqual(['loose/src/end.ts', 'strict/src/end.ts']);
    expect(result.verify!.introduced.map((d) => [d.file, d.code])).toEqual([['strict/src/end.ts', 2322]]);
    expect(code).toBe(1);
  });

  it('finds the changed files of a project named through a symbolic link (git names them by their real path)', async () => {
    const p = project(TS_PROJECT);
    const output = migrate(p, 'src/recorder.ts', RECORDER);
    p.write('src/recorder.ts', output.replace('export function end', 'function end'));
    const link = `${p.dir}-link`;
    fs.symlinkSync(p.dir, link, 'dir');
    try {
      const { out, err, io } = capture();
      const code = await auditCommand(
        ['--verify', '--json', '--project', `${path.basename(link)}/tsconfig.json`, path.basename(link)],
        { ...io, cwd: path.dirname(link) },
      );
      expect(err.join('')).toBe('');
      const result = JSON.parse(out.join('')) as AuditResult;
      const named = path.basename(link);
      expect(result.verify!.migratedFiles).toEqual([`${named}/src/recorder.ts`]);
      expect(result.verify!.introduced.map((d) => [d.file, d.code])).toEqual([[`${named}/src/page.ts`, 2459]]);
      expect(code).toBe(1);
    } finally {
      fs.rmSync(link);
    }
  });

  it('exits 2 naming a baseline that is not a commit', async () => {
    const p = project(TS_PROJECT);
    const { out, err, io } = capture();
    const code = await auditCommand(['--verify', '--baseline', 'no-such-ref'], { ...io, cwd: p.dir });
    expect(code).toBe(2);
    expect(err.join('')).toContain('no-such-ref');
    expect(err.join('')).not.toContain('shallow');
    expect(out).toEqual([]);
  });

  it('says a clone is shallow when the baseline is a commit it did not fetch (CI checks out one commit)', async () => {
    const p = project(TS_PROJECT);
    p.write('src/page.ts', 'export const n = 1\n');
    p.git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-am', 'second');
    const clone = fs.mkdtempSync(path.join(path.dirname(p.dir), 'audit-shallow-'));
    try {
      p.git('clone', '-q', '--depth', '1', `file://${p.dir}`, clone);
      const { out, err, io } = capture();
      const code = await auditCommand(['--verify', '--baseline', 'HEAD~1'], { ...io, cwd: clone });
      expect(code).toBe(2);
      expect(err.join('')).toBe(
        `error: --baseline HEAD~1: not a commit in ${clone}; this clone is shallow, so commits before its first fetched one are not there: fetch them (git fetch --deepen=<n>, or --unshallow) and verify again\n`,
      );
      expect(out).toEqual([]);
    } finally {
      fs.rmSync(clone, { recursive: true, force: true });
    }
  });
});
