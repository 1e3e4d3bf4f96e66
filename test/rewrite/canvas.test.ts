/**
 * The legacy canvas in Taro's JSX and a Vue template, whose <canvas> is in the file itself: the codemod moves it to
 * Canvas 2D with its call; the doors that write no template leave both for a person (Decision C1).
 */
import { describe, expect, it } from 'vitest';
import { rewriteFile } from '../../src/rewrite';

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
    expect(report.manual[0].reason).toMatch(/only the codemod .* changes a template/);
    expect(output).toMatch(/Taro\.createCanvasContext/);
    expect(output).toMatch(/ctx\.(?:lineWidth = 8|fillStyle = 'red')/);
    expect(output).not.toMatch(/type="2d"/);
  });
});
