import * as fs from 'fs';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit';
import {
  assertBuilt,
  cleanupProjects,
  makeProject,
  migrateInProcess,
  read,
  readBytes,
  TARO_SOURCE,
  WX_PAGE,
  runJsonInProcess,
  mainInProcess,
} from './helpers';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

describe('file bytes', () => {
  it('keeps CRLF line endings and the BOM', async () => {
    const crlf = WX_PAGE.replace(/\n/g, '\r\n');
    const dir = makeProject({
      'pages/crlf.js': crlf,
      'pages/bom.ts': '\uFEFF' + TARO_SOURCE,
      'pages/both.js': '\uFEFF' + crlf,
    });
    expect((await mainInProcess(dir, [])).code).toBe(0);

    const out = read(dir, 'pages/crlf.js');
    expect(out).not.toContain('wx.startRecord');
    expect(out.match(/\r\n/g)!.length).toBe(out.match(/\n/g)!.length);
    expect(
      readBytes(dir, 'pages/crlf.js')
        .subarray(0, 3)
        .equals(Buffer.from([0xef, 0xbb, 0xbf])),
    ).toBe(false);

    const bom = readBytes(dir, 'pages/bom.ts');
    expect(bom.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    expect(bom.subarray(3, 6).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    expect(bom.toString('utf8')).not.toContain('Taro.startRecord');
    expect(bom.toString('utf8')).not.toContain('\r');

    const both = readBytes(dir, 'pages/both.js');
    expect(both.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    const text = both.toString('utf8');
    expect(text).not.toContain('wx.stopRecord');
    expect(text.match(/\r\n/g)!.length).toBe(text.match(/\n/g)!.length);
  });

  it("keeps the file's mode", async () => {
    const dir = makeProject({ 'scripts/record.js': '#!/usr/bin/env node\n' + WX_PAGE });
    fs.chmodSync(path.join(dir, 'scripts/record.js'), 0o755);
    expect((await mainInProcess(dir, ['--force'])).code).toBe(0);
    expect(fs.statSync(path.join(dir, 'scripts/record.js')).mode & 0o777).toBe(0o755);
    expect(read(dir, 'scripts/record.js')).not.toContain('wx.startRecord');
  });

  it('leaves no temporary files behind', async () => {
    const dir = makeProject({ 'pages/index.js': WX_PAGE });
    await mainInProcess(dir, []);
    expect(fs.readdirSync(path.join(dir, 'pages'))).toEqual(['index.js']);
  });
});

describe('a file that fails', () => {
  const broken = `import Taro from '@tarojs/taro'\n\nexport function record() {\n  Taro.startRecord({ success: (res) => { console.log(res }) })\n}\n`;

  it('is reported with path, line and reason, left untouched, and the run goes on', async () => {
    const dir = makeProject({
      'a/first.js': WX_PAGE,
      'b/broken.js': broken,
      'c/last.ts': TARO_SOURCE,
    });
    const r = await mainInProcess(dir, []);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/failed\s+b\/broken\.js:4:\d+\s+does not parse/);
    expect(r.stdout).toMatch(/1 failed/);
    expect(read(dir, 'b/broken.js')).toBe(broken);
    expect(read(dir, 'a/first.js')).not.toContain('wx.startRecord');
    expect(read(dir, 'c/last.ts')).not.toContain('Taro.startRecord');

    const { report } = await runJsonInProcess(dir, ['--dry']);
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]).toMatchObject({ path: 'b/broken.js', line: 4 });
    expect(typeof report.failures[0].reason).toBe('string');
    expect(report.exitCode).toBe(1);
  });

  it('is not rewritten when it is not UTF-8 (GBK), so no byte is lost', async () => {
    // "录音" in GBK, inside a comment of an otherwise migratable file.
    const gbk = Buffer.concat([Buffer.from('// '), Buffer.from([0xc2, 0xbc, 0xd2, 0xf4]), Buffer.from('\n' + WX_PAGE)]);
    const dir = makeProject({ 'pages/gbk.js': gbk, 'pages/ok.js': WX_PAGE });
    const r = await mainInProcess(dir, []);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/pages\/gbk\.js.*UTF-8/);
    expect(readBytes(dir, 'pages/gbk.js').equals(gbk)).toBe(true);
    expect(read(dir, 'pages/ok.js')).not.toBe(WX_PAGE);
  });
});

describe('.vue single-file components', () => {
  const template = `<template>
  <view class="recorder">
    <button @tap="startRecord">startRecord</button>
    <button @tap="stopRecord">{{ label }}</button>
  </view>
</template>
`;
  const style = `<style lang="scss" scoped>
.recorder { padding: 12px; }
</style>
`;

  it('rewrites <script setup lang="ts"> and keeps the template and styles byte-identical', async () => {
    const script = `<script setup lang="ts">
import Taro from '@tarojs/taro'
import { ref } from 'vue'

const label = ref('stop')
function startRecord(): void {
  Taro.startRecord({ success: (res) => console.log(res.tempFilePath) })
}
function stopRecord(): void {
  Taro.stopRecord()
}
</script>
`;
    const sfc = template + '\n' + script + '\n' + style;
    const dir = makeProject({ 'src/pages/Recorder.vue': sfc });
    const { code, report } = await runJsonInProcess(dir, []);
    expect(code).toBe(0);
    const out = read(dir, 'src/pages/Recorder.vue');
    expect(out.startsWith(template + '\n<script setup lang="ts">\n')).toBe(true);
    expect(out.endsWith('</script>\n\n' + style)).toBe(true);
    expect(out).not.toContain('Taro.startRecord');
    expect(out).not.toContain('Taro.stopRecord');
    expect(out).toContain('record-compat-runtime');
    // Lines point into the .vue file: the first Taro.startRecord is on line 15.
    const sites = report.files[0].rewritten.map((s: any) => s.line).sort((a: number, b: number) => a - b);
    expect(sites[0]).toBe(sfc.split('\n').findIndex((l) => l.includes('Taro.startRecord')) + 1);
  });

  it('rewrites an mpvue-style <script> (plain JS, options API) of a native mini-program', async () => {
    const sfc = `${template}
<script>
export default {
  data() {
    return { label: 'stop' }
  },
  methods: {
    startRecord() {
      wx.startRecord({
        success: (res) => { this.file = res.tempFilePath }
      })
    },
    stopRecord() {
      wx.stopRecord()
    }
  }
}
</script>

${style}`;
    const dir = makeProject({ 'src/pages/index.vue': sfc });
    expect((await mainInProcess(dir, [])).code).toBe(0);
    const out = read(dir, 'src/pages/index.vue');
    expect(out.startsWith(template)).toBe(true);
    expect(out.endsWith(style)).toBe(true);
    expect(out).not.toMatch(/wx\.(start|stop)Record/);
    expect(out).toContain('record-compat-runtime/native');
  });

  it('leaves a component whose script mentions the API only in the template untouched', async () => {
    const sfc = `${template}<script>\nexport default { data() { return { label: 'x' } } }\n</script>\n`;
    const dir = makeProject({ 'src/Only.vue': sfc });
    const { report } = await runJsonInProcess(dir, []);
    expect(report.summary.changed).toBe(0);
    expect(read(dir, 'src/Only.vue')).toBe(sfc);
  });

  it('rewrites both <script> and <script setup>, and Vue still compiles the component', async () => {
    const sfc = `${template}<script lang="ts">
import Taro from '@tarojs/taro'
export function preload(): void { Taro.stopRecord() }
</script>
<script setup lang="ts">
import Taro from '@tarojs/taro'
function go(): void { Taro.startRecord({}) }
</script>
${style}`;
    const dir = makeProject({ 'src/Both.vue': sfc });
    const { code, report } = await runJsonInProcess(dir, []);
    expect(code).toBe(0);
    expect(report.summary.calls).toEqual({ startRecord: 1, stopRecord: 1 });
    const out = read(dir, 'src/Both.vue');
    expect(out.startsWith(template)).toBe(true);
    expect(out.endsWith(style)).toBe(true);
    expect(out).not.toMatch(/Taro\.(start|stop)Record/);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const compiler = require('@vue/compiler-sfc') as typeof import('@vue/compiler-sfc');
    const { descriptor } = compiler.parse(out);
    expect(() => compiler.compileScript(descriptor, { id: 'test' })).not.toThrow();
  });

  it('keeps the runtime off a name declared in the other script block', async () => {
    // Vue merges <script> and <script setup> into one module: importing stopRecord would collide with the function.
    const sfc = `${template}<script>
export function stopRecord() { return 'mine' }
</script>
<script setup>
import { ref } from 'vue'
const n = ref(0)
function go() { wx.stopRecord() }
</script>
`;
    const dir = makeProject({ 'src/Clash.vue': sfc });
    const { code, report } = await runJsonInProcess(dir, []);
    expect(code).toBe(0);
    expect(report.failures).toEqual([]);
    const migrated = read(dir, 'src/Clash.vue');
    expect(migrated).toContain("export function stopRecord() { return 'mine' }");
    expect(migrated).toMatch(/import \{ stopRecord as (_stopRecord\d*) \} from 'record-compat-runtime\/native'/);
    expect(migrated).toContain('function go() { _stopRecord() }');
  });

  it('lists a <script> in a language it cannot parse for manual review, untouched', async () => {
    const sfc = `${template}<script lang="coffee">\nexport default\n  methods:\n    go: -> wx.startRecord({})\n</script>\n`;
    const dir = makeProject({ 'src/Coffee.vue': sfc });
    const { code, report } = await runJsonInProcess(dir, []);
    expect(code).toBe(0);
    expect(report.manualReview).toEqual([
      {
        path: 'src/Coffee.vue',
        line: sfc.split('\n').indexOf('<script lang="coffee">') + 1,
        column: 0,
        reason: expect.stringContaining('coffee'),
      },
    ]);
    expect(read(dir, 'src/Coffee.vue')).toBe(sfc);
  });

  it('rewrites a <script setup> call through Taro that the plain <script> imports (Vue shows it the names of that block), and Vue still compiles it', async () => {
    const sfc = `${template}<script>\nimport Taro from '@tarojs/taro'\nexport default { name: 'Rec' }\n</script>\n<script setup>\nfunction go() { Taro.startRecord({}) }\n</script>\n`;
    const dir = makeProject({
      'package.json': JSON.stringify({ dependencies: { '@tarojs/taro': '3.6.0' } }),
      'src/Split.vue': sfc,
    });
    const r = await migrateInProcess(['.', '--strict'], dir);
    if (r.kind !== 'done') throw new Error(JSON.stringify(r));
    expect([r.exitCode, r.tally.summary.calls]).toEqual([0, { startRecord: 1 }]);
    const out = read(dir, 'src/Split.vue');
    // the template names startRecord (a handler of its own): the runtime's import takes another name
    expect(out).toContain(
      "<script setup>\nimport { startRecord as _startRecord } from 'record-compat-runtime'\n\nfunction go() { _startRecord({}) }",
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const compiler = require('@vue/compiler-sfc') as typeof import('@vue/compiler-sfc');
    expect(() => compiler.compileScript(compiler.parse(out).descriptor, { id: 'test' })).not.toThrow();
  });

  it('fails a component with an unclosed <script> at the tag, with the reason, as the audit does; the file is left alone', async () => {
    const sfc = `${template}<script>\nimport Taro from '@tarojs/taro'\nexport default { methods: { go() { Taro.startRecord({}) } } }\n`;
    const line = sfc.split('\n').indexOf('<script>') + 1;
    const dir = makeProject({ 'src/Open.vue': sfc });
    const r = await migrateInProcess(['.', '--strict'], dir);
    if (r.kind !== 'done') throw new Error(JSON.stringify(r));
    expect(r.exitCode).toBe(1);
    expect(r.tally.notable.map((f) => [r.tally.rel(f.file), f.status, f.error])).toEqual([
      [
        'src/Open.vue',
        'failed',
        {
          line,
          column: 0,
          message:
            "not a valid single-file component: an unclosed <script> (Vue's compiler: Element is missing end tag.)",
        },
      ],
    ]);
    expect(read(dir, 'src/Open.vue')).toBe(sfc);
    const audit = await runAudit({ cwd: dir });
    expect(audit.failedFiles).toEqual([
      {
        file: 'src/Open.vue',
        reason: `line ${line}: not a valid single-file component: an unclosed <script> (Vue's compiler: Element is missing end tag.); references in it are missing: fix it and audit again`,
      },
    ]);
  });

  it('reports a syntax error at its line in the .vue file and leaves it alone', async () => {
    const sfc = `${template}<script>\nexport default {\n  methods: { go() { wx.startRecord({ ) } }\n}\n</script>\n`;
    const dir = makeProject({ 'src/Broken.vue': sfc });
    const { code, report } = await runJsonInProcess(dir, []);
    expect(code).toBe(1);
    expect(report.failures[0].path).toBe('src/Broken.vue');
    expect(report.failures[0].line).toBe(sfc.split('\n').findIndex((l) => l.includes('wx.startRecord')) + 1);
    expect(read(dir, 'src/Broken.vue')).toBe(sfc);
  });
});
