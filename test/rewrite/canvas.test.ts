/**
 * The legacy canvas in Taro's JSX and a Vue template, whose <canvas> is in the file itself: the codemod moves it to
 * Canvas 2D with its call; the doors that write no template leave both for a person (Decision C1).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { transformSync, types as t, type NodePath } from '@babel/core';
import { rewriteFile } from '../../src/rewrite';
import babelPlugin, { rewritePlugin, type RecordCompatMetadata } from '../../src/rewrite/file/babel-plugin';
import { RING_PAGE } from '../helpers/canvas-pages';

const JSX = RING_PAGE;

const VUE = `<template>
  <canvas canvas-id="badge" />
</template>

<script>
import Taro from '@tarojs/taro'

export default {
  mounted() {
    const ctx = Taro.createCanvasContext('badge', this)
    ctx.setFillStyle('red')
    ctx.draw()
  },
}
</script>
`;

/** The Vue component with a `<script setup>`, whose template reads the script's imports. */
const VUE_SETUP = `<template>
  <canvas canvas-id="badge" />
</template>

<script setup>
import Taro from '@tarojs/taro'
import { onMounted } from 'vue'

onMounted(() => {
  const ctx = Taro.createCanvasContext('badge')
  ctx.setFillStyle('red')
  ctx.draw()
})
</script>
`;

describe('a canvas whose template is in the file', () => {
  it.each([
    ['Ring.jsx', JSX, `<Canvas type={canvasType} id="ring" canvasId='ring'`],
    ['Badge.vue', VUE_SETUP, `<canvas :type="canvasType" id="badge" canvas-id="badge" />`],
  ])(
    "%s: the codemod binds the type to the runtime's canvasType (2d on WeChat only), adds the id, and calls the runtime",
    (file, text, opening) => {
      const { output, report } = rewriteFile(text, file, {}, { writesTemplates: true });
      expect(output).toContain(opening);
      expect(output).toMatch(/import \{ createCanvasContext, canvasType \} from 'record-compat-runtime'/);
      expect(output).not.toMatch(/Taro\.createCanvasContext/);
      // the runtime's context keeps the setters
      expect(output).toMatch(/ctx\.set(?:LineWidth|FillStyle)\(/);
      expect(report.manual).toEqual([]);
    },
  );

  it('Ring.jsx: a name canvasType of the file is not taken; the type reads the import by its own name', () => {
    const taken = JSX.replace(
      "import { Canvas } from '@tarojs/components'\n",
      (m) => `${m}const canvasType = 'webgl'\n`,
    );
    const { output } = rewriteFile(taken, 'Ring.jsx', {}, { writesTemplates: true });
    expect(output).toContain("import { createCanvasContext, canvasType as _canvasType } from 'record-compat-runtime'");
    expect(output).toContain(`<Canvas type={_canvasType} id="ring" canvasId='ring'`);
  });

  it("Badge.vue without <script setup>: its template cannot read the runtime's canvasType, so the canvas stays, for a person", () => {
    const { output, report } = rewriteFile(VUE, 'Badge.vue', {}, { writesTemplates: true });
    expect(report.manual[0].reason).toMatch(
      /^the <canvas canvas-id='badge'> at Badge\.vue:2 is in a template that cannot read the runtime's canvasType \(the component has no <script setup>\)/,
    );
    expect(output).toMatch(/Taro\.createCanvasContext/);
    expect(output).not.toMatch(/type=/);
  });

  it.each([
    ['Ring.jsx', JSX],
    ['Badge.vue', VUE],
  ])('%s: a door that writes no template leaves it, its setters written as properties', (file, text) => {
    const { output, report } = rewriteFile(text, file);
    expect(report.manual[0].reason).toMatch(/^the template is not visible to this door, /);
    expect(output).toMatch(/Taro\.createCanvasContext/);
    expect(output).toMatch(/ctx\.(?:lineWidth = 8|fillStyle = 'red')/);
    expect(output).not.toMatch(/type=/);
  });
});

describe('the build, which writes the JSX in the file and no template of another file', () => {
  const printed = (code: string) =>
    transformSync(code, {
      filename: 'Ring.jsx',
      babelrc: false,
      configFile: false,
      parserOpts: { plugins: ['jsx'] },
    })!.code!.replace(/'/g, '"');

  it("Ring.jsx: its text (vite, Taro 2's loader) and its Babel tree (webpack) move the canvas as the codemod does", () => {
    const codemod = rewriteFile(JSX, 'Ring.jsx', {}, { writesTemplates: true }).output!;
    const text = rewriteFile(JSX, 'Ring.jsx', {}, { writesTemplates: 'jsx' });
    expect(text.output).toBe(codemod);
    expect(text.report.manual).toEqual([]);
    const tree = transformSync(JSX, {
      filename: 'Ring.jsx',
      babelrc: false,
      configFile: false,
      parserOpts: { plugins: ['jsx'] },
      plugins: [(api: unknown) => rewritePlugin(api, {}, undefined, 'jsx')],
    })!;
    expect(printed(tree.code!)).toBe(printed(codemod));
    expect((tree.metadata as RecordCompatMetadata).recordCompat!.manual).toEqual([]);
  });

  it('Badge.vue: leaves it for a person, its template being a block of its own', () => {
    const { output, report } = rewriteFile(VUE, 'Badge.vue', {}, { writesTemplates: 'jsx' });
    expect(report.manual[0].reason).toMatch(/^the template is not visible to this door, /);
    expect(output).not.toMatch(/type="2d"/);
  });
});

describe('the Babel door, where a canvas stays', () => {
  it('registers each receiver of the setters written as properties, so that a later plugin sees every use of the context', () => {
    const source =
      "function paint() {\n  const ctx = wx.createCanvasContext('lost')\n  ctx.setShadow(1, 2, 3, 'red')\n  ctx.setFillStyle('blue')\n  ctx.fill()\n}\n";
    const seen: { references: number; detached: number }[] = [];
    // A later plugin that reads the binding's references, as a renaming or inlining plugin does.
    const later = () => ({
      visitor: {
        CallExpression(path: NodePath<t.CallExpression>) {
          const callee = path.node.callee;
          if (
            callee.type !== 'MemberExpression' ||
            callee.property.type !== 'Identifier' ||
            callee.property.name !== 'fill'
          )
            return;
          const binding = path.scope.getBinding('ctx')!;
          seen.push({
            references: binding.referencePaths.length,
            detached: binding.referencePaths.filter((ref) => !ref.findParent((p) => p.isProgram())).length,
          });
          for (const ref of binding.referencePaths) ref.replaceWith(t.identifier('renamed'));
        },
      },
    });
    const out = transformSync(source, {
      filename: 'paint.js',
      babelrc: false,
      configFile: false,
      plugins: [babelPlugin, later],
    });
    expect(out!.code).toContain(
      'renamed.shadowOffsetX = 1, renamed.shadowOffsetY = 2, renamed.shadowBlur = 3, renamed.shadowColor',
    );
    expect(out!.code).toContain("renamed.fillStyle = 'blue'");
    expect(out!.code).not.toMatch(/\bctx\b(?!\s*=)/);
    // setShadow's four receivers, setFillStyle's and fill's
    expect(seen).toEqual([{ references: 6, detached: 0 }]);
  });
});

describe('a <canvas> in a file the page includes', () => {
  it('is left for a person: other pages may include that file too', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canvas-include-'));
    try {
      fs.writeFileSync(path.join(dir, 'page.wxml'), '<view>\n  <include src="part.wxml" />\n</view>\n');
      fs.writeFileSync(path.join(dir, 'part.wxml'), '<canvas canvas-id="poster"></canvas>\n');
      const script =
        "Page({\n  onReady() {\n    const ctx = wx.createCanvasContext('poster')\n    ctx.draw()\n  },\n})\n";
      const { output, report, templates } = rewriteFile(
        script,
        path.join(dir, 'page.js'),
        {},
        { writesTemplates: true },
      );
      expect(templates).toBeUndefined();
      expect(output ?? script).not.toMatch(/record-compat-runtime/);
      expect(report.manual[0].reason).toMatch(
        /^the <canvas> at part\.wxml:1 is in a file the page includes, which other pages may include too; migrate this createCanvasContext/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A native page's script and its template in a folder of their own; returns the script's path. */
function page(script: string, wxml: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canvas-page-'));
  fs.writeFileSync(path.join(dir, 'page.wxml'), wxml);
  fs.writeFileSync(path.join(dir, 'page.js'), script);
  return path.join(dir, 'page.js');
}

/** The codemod's rewrite of a page (it writes the template). */
function codemod(script: string, wxml: string) {
  const file = page(script, wxml);
  try {
    return rewriteFile(script, file, {}, { writesTemplates: true });
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

const POSTER_WXML = '<canvas canvas-id="poster" style="width: 300px; height: 400px;"></canvas>\n';

/** A page that draws the poster in onReady; `more` is the rest of its methods. */
const posterPage = (more: string, create = "wx.createCanvasContext('poster', this)") =>
  `Page({\n  onReady() {\n    const ctx = ${create}\n    ctx.fillRect(0, 0, 10, 10)\n    ctx.draw()\n  },\n${more}})\n`;

describe('C4: the calls that read a canvas by its canvas id move with it', () => {
  it("Taro JSX: Taro.canvasToTempFilePath of the canvas becomes the runtime's, and in TypeScript the Taro import it was the last read of goes", () => {
    const tsx = `import Taro from '@tarojs/taro'
import { Canvas } from '@tarojs/components'
import { useReady } from '@tarojs/taro'

export default function Poster(): JSX.Element {
  useReady(() => {
    const ctx = Taro.createCanvasContext('poster')
    ctx.fillRect(0, 0, 300, 400)
    ctx.draw(false, () => Taro.canvasToTempFilePath({ canvasId: 'poster' }))
  })
  return <Canvas canvasId='poster' />
}
`;
    const { output, report } = rewriteFile(tsx, 'Poster.tsx', {}, { writesTemplates: true });
    expect(report.manual).toEqual([]);
    expect(output).toContain(
      "import { createCanvasContext, canvasToTempFilePath, canvasType } from 'record-compat-runtime'",
    );
    expect(output).toContain("ctx.draw(false, () => canvasToTempFilePath({ canvasId: 'poster' }))");
    expect(output).toContain(`<Canvas type={canvasType} id="poster" canvasId='poster' />`);
    expect(output).not.toContain('import Taro from');
    // One file at a time, neither the canvas nor its export moves.
    const oneFile = rewriteFile(tsx, 'Poster.tsx');
    expect(oneFile.output ?? tsx).toContain('Taro.canvasToTempFilePath(');
  });

  it('Vue: Taro.canvasGetImageData moves with the canvas of its template', () => {
    const vue = `<template>
  <canvas canvas-id="badge" />
</template>

<script setup>
import Taro from '@tarojs/taro'
import { onMounted } from 'vue'

onMounted(() => {
  const ctx = Taro.createCanvasContext('badge')
  ctx.fillRect(0, 0, 10, 10)
  ctx.draw(false, () => Taro.canvasGetImageData({ canvasId: 'badge', x: 0, y: 0, width: 1, height: 1 }))
})
</script>
`;
    const { output, report } = rewriteFile(vue, 'Badge.vue', {}, { writesTemplates: true });
    expect(report.manual).toEqual([]);
    expect(output).toContain(
      "import { createCanvasContext, canvasGetImageData, canvasType } from 'record-compat-runtime'",
    );
    expect(output).toContain("canvasGetImageData({ canvasId: 'badge', x: 0, y: 0, width: 1, height: 1 })");
    expect(output).toContain('<canvas :type="canvasType" id="badge" canvas-id="badge" />');
  });

  it('two createCanvasContext of one canvas: it gains type="2d" and its id once', () => {
    const { output, templates } = codemod(
      posterPage("  again() {\n    const ctx = wx.createCanvasContext('poster')\n    ctx.draw(true)\n  },\n"),
      POSTER_WXML,
    );
    expect(output).not.toContain('wx.createCanvasContext');
    expect(templates![0].text).toBe(
      '<canvas type="2d" id="poster" canvas-id="poster" style="width: 300px; height: 400px;"></canvas>\n',
    );
  });

  it('a createCanvasContext of the canvas that stays (its context handed on) keeps the other one legacy too', () => {
    const { output, templates, report } = codemod(
      posterPage("  again() {\n    chart.init(wx.createCanvasContext('poster'))\n  },\n"),
      POSTER_WXML,
    );
    expect(templates).toBeUndefined();
    expect(output ?? '').not.toMatch(/record-compat-runtime/);
    expect(report.manual.find((site) => site.line === 3)!.reason).toBe(
      'the createCanvasContext at line 8 names this canvas too and stays legacy, and a canvas moves to Canvas 2D only with every call that names it; migrate this createCanvasContext to Canvas.getContext by hand',
    );
  });

  it("a canvasId of the page's data may be the literal canvas's: both stay, and the call is named for a person", () => {
    const { templates, report } = codemod(
      posterPage('  save() {\n    wx.canvasToTempFilePath({ canvasId: this.data.canvas }, this)\n  },\n'),
      POSTER_WXML,
    );
    expect(templates).toBeUndefined();
    expect(report.manual.map((site) => [site.line, site.reason])).toEqual([
      [
        3,
        "canvasToTempFilePath at line 8 passes canvasId {{canvas}}, which may be this canvas's, and a legacy canvasToTempFilePath finds nothing on a canvas moved to Canvas 2D; migrate this createCanvasContext to Canvas.getContext by hand",
      ],
      [4, expect.stringMatching(/^CanvasContext\.fillRect is deprecated/)],
      [5, expect.stringMatching(/^CanvasContext\.draw is deprecated/)],
      [
        8,
        "its canvasId {{canvas}} may or may not be the canvas 'poster': that canvas stays legacy with this call (createCanvasContext at line 3); write its canvasId as createCanvasContext writes the id and run again, or move it to Canvas 2D by hand (canvasToTempFilePath → canvasToTempFilePath({ canvas: node }))",
      ],
    ]);
  });

  it("a call of another canvas, a Canvas 2D export and qq's own are left as they are, the canvas moves", () => {
    const { output, report } = codemod(
      posterPage(
        "  save() {\n    wx.canvasToTempFilePath({ canvasId: 'elsewhere' })\n    wx.canvasToTempFilePath({ canvas: this.node })\n    qq.canvasToTempFilePath({ canvasId: 'poster' })\n  },\n",
      ),
      POSTER_WXML,
    );
    expect(report.manual).toEqual([]);
    expect(output).toContain("wx.canvasToTempFilePath({ canvasId: 'elsewhere' })");
    expect(output).toContain('wx.canvasToTempFilePath({ canvas: this.node })');
    expect(output).toContain("qq.canvasToTempFilePath({ canvasId: 'poster' })");
    expect(output).toMatch(/^const \{ createCanvasContext \} = require/);
  });

  it("in a component, a call without the component names the page's canvas: left as it is, the component's moves", () => {
    const script =
      "Component({\n  lifetimes: {\n    ready() {\n      const ctx = wx.createCanvasContext('ring', this)\n      ctx.draw(false, () => wx.canvasToTempFilePath({ canvasId: 'ring' }))\n    },\n  },\n})\n";
    const { output, report } = codemod(script, '<canvas canvas-id="ring"></canvas>\n');
    expect(report.manual).toEqual([]);
    expect(output).toContain("createCanvasContext('ring', this)");
    expect(output).toContain("wx.canvasToTempFilePath({ canvasId: 'ring' })");
  });

  it('through an expression, or not called: the canvas stays, with each reason', () => {
    const through = codemod(
      posterPage("  save() {\n    ;(wx || {}).canvasToTempFilePath({ canvasId: 'poster' })\n  },\n"),
      POSTER_WXML,
    );
    expect(through.templates).toBeUndefined();
    expect(through.report.manual.at(-1)!.reason).toMatch(
      /^it reads the canvas 'poster', but it is reached through a logical \|\|, so the rewrite cannot tell which platform's canvasToTempFilePath runs: that canvas stays legacy with this call \(createCanvasContext at line 3\); call it on wx itself and run again, /,
    );
    const passed = codemod(
      posterPage("  save() {\n    promisify(wx.canvasToTempFilePath)({ canvasId: 'poster' })\n  },\n"),
      POSTER_WXML,
    );
    expect(passed.templates).toBeUndefined();
    expect(passed.report.manual.at(-1)!.reason).toMatch(/^its canvasId cannot be read \(it is not called here\), /);
  });

  it('a context copied into a local, or handed to a function of the file that calls its methods by name, moves', () => {
    const script =
      "Page({\n  onReady() {\n    this.ctx = wx.createCanvasContext('poster')\n    const ctx = this.ctx\n    frame(ctx, 4)\n    ctx.draw()\n  },\n})\n\nfunction frame(ctx, width) {\n  ctx.setLineWidth(width)\n  ctx.strokeRect(0, 0, 300, 400)\n}\n";
    expect(codemod(script, POSTER_WXML).templates).toHaveLength(1);
    // The function hands it on in turn, to code the rewrite cannot see: it stays.
    const handed = script.replace('ctx.strokeRect(0, 0, 300, 400)', 'chart.draw(ctx)');
    const { templates, report } = codemod(handed, POSTER_WXML);
    expect(templates).toBeUndefined();
    expect(report.manual[0]!.reason).toMatch(
      /^the context ctx is handed on at line 12, to code the rewrite cannot follow; /,
    );
  });
});

describe('the doors that write no template, where a call keeps the canvas legacy anyway', () => {
  it.each(['canvas-stays-pixel-variable-id', 'canvas-stays-pixel-destructured'])(
    '%s: the same places and reasons as the codemod, none of them waiting for a template',
    (name) => {
      const input = path.join(__dirname, '../../__testfixtures__', `${name}.input.js`);
      const text = fs.readFileSync(input, 'utf8');
      const oneFile = rewriteFile(text, input).report.manual;
      expect(oneFile).toEqual(rewriteFile(text, input, {}, { writesTemplates: true }).report.manual);
      expect(oneFile.filter((site) => site.awaitsTemplate)).toEqual([]);
      expect(oneFile.filter((site) => !site.api)).toHaveLength(1);
    },
  );
});
