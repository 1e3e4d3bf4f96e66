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

const JSX = `import Taro, { useReady } from '@tarojs/taro'
import { Canvas } from '@tarojs/components'

export default function Ring() {
  useReady(() => {
    const ctx = Taro.createCanvasContext('ring')
    ctx.setLineWidth(8)
    ctx.draw()
  })
  return <Canvas canvasId='ring' style={{ width: '100px' }} />
}
`;

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

describe('a canvas whose template is in the file', () => {
  it.each([
    ['Ring.jsx', JSX, `<Canvas type="2d" id="ring" canvasId='ring'`],
    ['Badge.vue', VUE, `<canvas type="2d" id="badge" canvas-id="badge" />`],
  ])('%s: the codemod adds type="2d" and the id, and calls the runtime', (file, text, opening) => {
    const { output, report } = rewriteFile(text, file, {}, { writesTemplates: true });
    expect(output).toContain(opening);
    expect(output).toMatch(/import \{ createCanvasContext \} from 'record-compat-runtime'/);
    expect(output).not.toMatch(/Taro\.createCanvasContext/);
    // the runtime's context keeps the setters
    expect(output).toMatch(/ctx\.set(?:LineWidth|FillStyle)\(/);
    expect(report.manual).toEqual([]);
  });

  it.each([
    ['Ring.jsx', JSX],
    ['Badge.vue', VUE],
  ])('%s: a door that writes no template leaves it, its setters written as properties', (file, text) => {
    const { output, report } = rewriteFile(text, file);
    expect(report.manual[0].reason).toMatch(/^the template is not visible to this door, /);
    expect(output).toMatch(/Taro\.createCanvasContext/);
    expect(output).toMatch(/ctx\.(?:lineWidth = 8|fillStyle = 'red')/);
    expect(output).not.toMatch(/type="2d"/);
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
