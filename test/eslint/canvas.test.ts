/**
 * The rule on legacy canvas code, with ESLint 9 and ESLint 8.57. It reports every legacy canvas call, and fixes only
 * what one file proves: a setter with an exact property becomes that property of the same legacy context (Decision
 * C5). The createCanvasContext and the context's other calls are left for a person, and the message says why: the
 * canvas moves to Canvas 2D only with its `<canvas>`, a template the rule does not write (the codemod writes both).
 * Look-alikes of other platforms and libraries are not reported.
 */
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rewriteFile } from '../../src/rewrite';
import { makeTempProject, removeTempProjects } from '../helpers/temp-project';
import { ESLINTS, flatConfigFor, RULE } from './helpers';

afterAll(removeTempProjects);

const PAGE = [
  'Page({',
  '  onReady() {',
  "    const ctx = wx.createCanvasContext('poster')",
  "    ctx.setFillStyle('#1e90ff')",
  '    ctx.fillRect(0, 0, 300, 200)',
  "    ctx.setShadow(2, 2, 4, 'rgba(0, 0, 0, 0.3)')",
  '    ctx.setFontSize(20)',
  '    ctx.setLineDash([4, 2], 1)',
  "    ctx.fillText('Voice notes', 20, 40)",
  '    ctx.draw()',
  '  },',
  '})',
  '',
].join('\n');

/** A native page with its template beside it, on disk as a project has them: the codemod reads the .wxml. */
const project = makeTempProject(
  {
    'pages/poster/poster.js': PAGE,
    'pages/poster/poster.wxml':
      '<view>\n  <canvas canvas-id="poster" style="width: 300px; height: 200px"></canvas>\n</view>\n',
  },
  { git: false, prefix: 'eslint-canvas-' },
);
const pageFile = path.join(project, 'pages/poster/poster.js');

const HAND = 'by hand, with createCanvasContext(…), which is left for a person';

describe.each(ESLINTS)('$name ($version)', ({ Linter }) => {
  const linter = () => new Linter({ configType: 'flat', cwd: project });
  const lint = (code: string, file = pageFile) =>
    linter()
      .verify(code, flatConfigFor(file), { filename: file })
      .map((m) => {
        expect(m.ruleId).toBe(RULE);
        return [m.line, m.messageId, m.message, m.fix !== undefined];
      });

  it('reports each legacy canvas call; the createCanvasContext for a person, saying the template is not visible to it', () => {
    expect(lint(PAGE)).toEqual([
      [
        3,
        'manual',
        `the template is not visible to this door, which rewrites one file at a time: the <canvas canvas-id='poster'> at poster.wxml:2 must gain type="2d" and its id with this call, which the codemod (npx taro-plugin-record-compat migrate) writes with the script; migrate this createCanvasContext to Canvas.getContext by hand`,
        false,
      ],
      [
        4,
        'written',
        'ctx.setFillStyle is deprecated (base library 1.9.90): write fillStyle on the same context, which the legacy context has too',
        true,
      ],
      [
        5,
        'manual',
        `CanvasContext.fillRect is deprecated (since base library 2.9.0) and not rewritten: migrate it to RenderingContext.fillRect ${HAND}`,
        false,
      ],
      [
        6,
        'written',
        'ctx.setShadow is deprecated (base library 1.9.90): write shadowOffsetX, shadowOffsetY, shadowBlur, shadowColor on the same context, which the legacy context has too',
        true,
      ],
      [
        7,
        'manual',
        `CanvasContext.setFontSize is deprecated (since base library 1.9.90) and not rewritten: migrate it to RenderingContext.font ${HAND}`,
        false,
      ],
      [
        8,
        'manual',
        `CanvasContext.setLineDash is deprecated (since base library 1.9.90) and not rewritten: migrate it to RenderingContext.setLineDash / RenderingContext.lineDashOffset ${HAND}`,
        false,
      ],
      [
        9,
        'manual',
        `CanvasContext.fillText is deprecated (since base library 2.9.0) and not rewritten: migrate it to RenderingContext.fillText ${HAND}`,
        false,
      ],
      [
        10,
        'manual',
        `CanvasContext.draw is deprecated (since base library 2.9.0) and not rewritten: migrate it to RenderingContext ${HAND}`,
        false,
      ],
    ]);
  });

  it('--fix writes the setters with an exact property on the legacy context, as the one-file doors do, and nothing else; the codemod moves the canvas with its template', () => {
    const fixed = linter().verifyAndFix(PAGE, flatConfigFor(pageFile), { filename: pageFile });
    expect(fixed.output).toBe(
      PAGE.replace("ctx.setFillStyle('#1e90ff')", "ctx.fillStyle = '#1e90ff'").replace(
        "ctx.setShadow(2, 2, 4, 'rgba(0, 0, 0, 0.3)')",
        "ctx.shadowOffsetX = 2, ctx.shadowOffsetY = 2, ctx.shadowBlur = 4, ctx.shadowColor = 'rgba(0, 0, 0, 0.3)'",
      ),
    );
    expect(fixed.output).toBe(rewriteFile(PAGE, pageFile).output);
    // after the fix, what is left is for a person: nothing fixable
    expect(fixed.messages.map((m) => [m.line, m.messageId])).toEqual(
      [3, 5, 7, 8, 9, 10].map((line) => [line, 'manual']),
    );
    // what the rule leaves, the codemod does: the call to the runtime, the template beside it
    const codemod = rewriteFile(PAGE, pageFile, {}, { writesTemplates: true });
    expect(codemod.report.manual).toEqual([]);
    expect(codemod.output).toMatch(/const ctx = createCanvasContext\('poster'\)/);
    expect(codemod.templates?.map((t) => t.text)).toEqual([
      '<view>\n  <canvas type="2d" id="poster" canvas-id="poster" style="width: 300px; height: 200px"></canvas>\n</view>\n',
    ]);
  });

  it('a Taro page whose <Canvas> is in its own JSX: the same, the one-file rule leaving the canvas to the codemod', () => {
    const file = path.join(project, 'src/pages/poster/index.jsx');
    const code = [
      "import Taro from '@tarojs/taro'",
      "import { Canvas } from '@tarojs/components'",
      '',
      'export default function Poster() {',
      '  const draw = () => {',
      "    const ctx = Taro.createCanvasContext('poster')",
      "    ctx.setStrokeStyle('#ff0000')",
      '    ctx.strokeRect(20, 20, 100, 60)',
      '    ctx.draw()',
      '  }',
      "  return <Canvas canvasId='poster' onClick={draw} />",
      '}',
      '',
    ].join('\n');
    expect(
      lint(code, file).map(([line, id, message, fixed]) => [line, id, String(message).split(':')[0], fixed]),
    ).toEqual([
      [6, 'manual', 'the template is not visible to this door, which rewrites one file at a time', false],
      [7, 'written', 'ctx.setStrokeStyle is deprecated (base library 1.9.90)', true],
      [8, 'manual', 'CanvasContext.strokeRect is deprecated (since base library 2.9.0) and not rewritten', false],
      [9, 'manual', 'CanvasContext.draw is deprecated (since base library 2.9.0) and not rewritten', false],
    ]);
    expect(lint(code, file)[0][2]).toContain(
      "the <Canvas canvas-id='poster'> at index.jsx:11 must gain a type bound to the runtime's canvasType",
    );
  });

  it('reports nothing on look-alikes: another platform, a PDF library, a page already on Canvas 2D', () => {
    const code = [
      "const mine = my.createCanvasContext('poster')",
      "mine.setFillStyle('#1e90ff')",
      'mine.draw()',
      'const doc = new jsPDF()',
      'doc.setFontSize(20)',
      'doc.setLineDash([4, 2], 1)',
      'Page({',
      '  onReady() {',
      "    wx.createSelectorQuery().select('#poster').fields({ node: true, size: true }).exec((res) => {",
      "      const ctx = res[0].node.getContext('2d')",
      "      ctx.fillStyle = '#1e90ff'",
      '      ctx.fillRect(0, 0, 300, 200)',
      '    })',
      '  },',
      '})',
      '',
    ].join('\n');
    expect(lint(code, path.join(project, 'pages/other/other.js'))).toEqual([]);
  });
});
