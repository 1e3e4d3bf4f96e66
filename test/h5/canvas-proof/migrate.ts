/*
 * What the migration does to a canvas program (docs/contract.md, Decision C1), standing in for the
 * codemod's own output until the codemod migrates canvases: in the page's code, each legacy canvas
 * call on `wx` becomes the runtime's function of the same name, imported from the runtime's native
 * entry; in its WXML, each `<canvas canvas-id="x">` gains `type="2d"` and `id="x"`. Nothing else
 * changes. When the codemod does this, the proof runs on what it writes instead (migratedProgram).
 */

/** The legacy calls the runtime takes over. */
export const RUNTIME_CANVAS_CALLS = [
  'createCanvasContext',
  'canvasToTempFilePath',
  'canvasGetImageData',
  'canvasPutImageData',
];

export function migrateProgram(js: string, wxml: string): { js: string; wxml: string } {
  const used = RUNTIME_CANVAS_CALLS.filter((name) => js.includes(`wx.${name}(`));
  if (used.length === 0) throw new Error('no legacy canvas call to migrate');
  const calls = new RegExp(`\\bwx\\.(${used.join('|')})\\(`, 'g');
  const migratedJs = `import { ${used.join(', ')} } from 'record-compat-runtime/native';\n${js.replace(calls, '$1(')}`;
  const migratedWxml = wxml.replace(/<canvas\b([^>]*)>/g, (tag, attributes: string) => {
    const id = /canvas-id="([^"]*)"/.exec(attributes)?.[1];
    if (id === undefined) return tag;
    const own = /\sid="([^"]*)"/.exec(attributes)?.[1];
    if (own !== undefined && own !== id)
      throw new Error(`<canvas canvas-id="${id}" id="${own}">: a place for a person (C1)`);
    return `<canvas type="2d" id="${id}"${attributes}>`;
  });
  return { js: migratedJs, wxml: migratedWxml };
}
