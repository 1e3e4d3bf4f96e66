/**
 * The legacy canvas in Taro Vue components, where the audit and the codemod must agree: a `<canvas canvas-id>` in the
 * template, its createCanvasContext in a `<script setup>`, whose template can bind the canvas's type to the runtime's
 * canvasType, and two the rewrite cannot move: in a classic `<script>` (with the component as scope), whose template
 * cannot read the runtime, and a canvas in a v-for. The audit's verdict on each place (by the type checker, the
 * context's type from createCanvasContext) is the codemod's: what it counts handled the codemod rewrites, with the
 * template; what it leaves for a person the codemod lists with the same reason. Audited again after the codemod has
 * written, only the places for a person are left.
 */
import { describe, expect, it } from 'vitest';
import { runAudit, type AuditFinding } from '../../src/audit';
import { mainInProcess, read, runJsonInProcess } from '../cli/helpers';
import { TSCONFIG } from './fixtures';
import { auditedOnce } from './helpers';

const SETUP = 'src/pages/poster/index.vue';
const CLASSIC = 'src/pages/ring/index.vue';
const LIST = 'src/pages/badges/index.vue';

const PROJECT: Record<string, string> = {
  'tsconfig.json': TSCONFIG,
  'package.json': JSON.stringify({ name: 'vue-canvas', dependencies: { '@tarojs/taro': '4.2.1', vue: '^3.4.0' } }),
  [SETUP]: [
    '<template>',
    '  <view class="poster">',
    '    <canvas canvas-id="poster" style="width: 300px; height: 200px" />',
    '  </view>',
    '</template>',
    '',
    '<script setup lang="ts">',
    "import Taro, { useReady } from '@tarojs/taro'",
    '',
    'useReady(() => {',
    "  const ctx = Taro.createCanvasContext('poster')",
    "  ctx.setFillStyle('#1e90ff')",
    '  ctx.fillRect(0, 0, 300, 200)',
    '  ctx.setFontSize(20)',
    "  ctx.fillText('Voice notes', 20, 40)",
    '  ctx.draw()',
    '})',
    '</script>',
    '',
  ].join('\n'),
  [CLASSIC]: [
    '<template>',
    '  <canvas canvas-id="ring" style="width: 100px; height: 100px"></canvas>',
    '</template>',
    '',
    '<script lang="ts">',
    "import Taro from '@tarojs/taro'",
    '',
    'export default {',
    '  onReady() {',
    "    const ctx = Taro.createCanvasContext('ring', this)",
    '    ctx.setLineWidth(8)',
    "    ctx.setStrokeStyle('#07c160')",
    '    ctx.arc(50, 50, 40, 0, Math.PI)',
    '    ctx.stroke()',
    '    ctx.draw()',
    '  },',
    '}',
    '</script>',
    '',
  ].join('\n'),
  [LIST]: [
    '<template>',
    '  <view v-for="badge in badges" :key="badge">',
    '    <canvas canvas-id="badge"></canvas>',
    '  </view>',
    '</template>',
    '',
    '<script setup lang="ts">',
    "import Taro, { useReady } from '@tarojs/taro'",
    '',
    "const badges = ['gold', 'silver']",
    'useReady(() => {',
    "  const ctx = Taro.createCanvasContext('badge')",
    "  ctx.setFillStyle('gold')",
    '  ctx.fillRect(0, 0, 10, 10)',
    '  ctx.draw()',
    '})',
    '</script>',
    '',
  ].join('\n'),
};

/** A place as both doors name it: file, line and column (1-based), and the reason where it is left. */
const place = (file: string, line: number, column: number) => `${file}:${line}:${column}`;

/** The audit's places for a person, with their reasons; and those it counts handled, of one API. */
const manualOf = (findings: AuditFinding[]) =>
  findings.filter((f) => f.status === 'manual').map((f) => `${place(f.file, f.line, f.column)} ${f.reason}`);
const handledOf = (findings: AuditFinding[], api: string) =>
  findings.filter((f) => f.status === 'handled' && f.api === api).map((f) => place(f.file, f.line, f.column));

describe('a legacy canvas in Taro Vue components: the audit and the codemod', () => {
  const audited = auditedOnce(PROJECT, { git: true });

  it('agree on each place: the canvas that moves is handled and rewritten, the classic one and the one in a v-for are left by both with the same reasons', async () => {
    const { report } = await runJsonInProcess(audited.project.dir, ['--dry']);
    type Rewritten = { line: number; column: number; api: string };
    const rewritten = (api: string) =>
      (report.files as { path: string; rewritten?: Rewritten[] }[]).flatMap((f) =>
        (f.rewritten ?? []).filter((r) => r.api === api).map((r) => place(f.path, r.line, r.column + 1)),
      );
    const listed = (report.manualReview as { path: string; line: number; column: number; reason: string }[]).map(
      (m) => `${place(m.path, m.line, m.column + 1)} ${m.reason}`,
    );

    expect(rewritten('createCanvasContext')).toEqual([place(SETUP, 11, 15)]);
    expect(handledOf(audited.result.findings, 'createCanvasContext')).toEqual(rewritten('createCanvasContext'));
    // the canvases that stay keep their setters as properties of their legacy contexts, in both
    expect(rewritten('CanvasContext.setFillStyle')).toEqual([place(LIST, 13, 3)]);
    expect(rewritten('CanvasContext.setLineWidth')).toEqual([place(CLASSIC, 11, 5)]);
    expect(handledOf(audited.result.findings, 'CanvasContext.setFillStyle')).toEqual(
      expect.arrayContaining(rewritten('CanvasContext.setFillStyle')),
    );
    expect(manualOf(audited.result.findings)).toEqual(listed);
    expect(listed).toEqual([
      expect.stringMatching(
        /^src\/pages\/badges\/index\.vue:12:15 the <canvas canvas-id='badge'> at index\.vue:3 is rendered by v-for at index\.vue:2, so its id may repeat/,
      ),
      expect.stringMatching(/^src\/pages\/badges\/index\.vue:14:3 CanvasContext\.fillRect is deprecated/),
      expect.stringMatching(/^src\/pages\/badges\/index\.vue:15:3 CanvasContext\.draw is deprecated/),
      expect.stringMatching(
        /^src\/pages\/ring\/index\.vue:10:17 the <canvas canvas-id='ring'> at index\.vue:2 is in a template that cannot read the runtime's canvasType \(the component has no <script setup>\)/,
      ),
      expect.stringMatching(/^src\/pages\/ring\/index\.vue:13:5 CanvasContext\.arc is deprecated/),
      expect.stringMatching(/^src\/pages\/ring\/index\.vue:14:5 CanvasContext\.stroke is deprecated/),
      expect.stringMatching(/^src\/pages\/ring\/index\.vue:15:5 CanvasContext\.draw is deprecated/),
    ]);
    // nothing the codemod changes is unknown to the type checker
    expect(audited.result.rewriteOnly).toEqual([]);
    expect(audited.result.needsPerson).toBe(listed.length);
  });

  it("the codemod's edit is the audit's verdict: the template that moves gains type and id, and audited again only the places for a person are left", async () => {
    const { dir } = audited.project;
    const run = await mainInProcess(dir, []);
    expect(run.code, run.stderr).toBe(0);
    expect(read(dir, SETUP)).toContain('<canvas :type="canvasType" id="poster" canvas-id="poster" style=');
    expect(read(dir, SETUP)).toContain("import { createCanvasContext, canvasType } from 'record-compat-runtime'");
    expect(read(dir, SETUP)).toContain("const ctx = createCanvasContext('poster')");
    expect(read(dir, CLASSIC)).toBe(
      PROJECT[CLASSIC].replace('ctx.setLineWidth(8)', 'ctx.lineWidth = 8').replace(
        "ctx.setStrokeStyle('#07c160')",
        "ctx.strokeStyle = '#07c160'",
      ),
    );
    expect(read(dir, LIST)).toBe(PROJECT[LIST].replace("ctx.setFillStyle('gold')", "ctx.fillStyle = 'gold'"));

    const after = await runAudit({ cwd: dir });
    expect(after.findings.filter((f) => f.status !== 'manual')).toEqual([]);
    expect(manualOf(after.findings)).toEqual(manualOf(audited.result.findings));
  });
});
