/// <reference lib="dom" />
/*
 * `wx` as WeChat's Canvas 2D has it, over the browser's own canvas: the selector query (`.in(scope)`,
 * `select('#id').fields({ node, size }).exec(cb)`, answered a tick later), the node (the <canvas>
 * element, with WeChat's createImage()), createOffscreenCanvas({ type: '2d' }), getWindowInfo() and
 * canvasToTempFilePath({ canvas }) (the region in CSS pixels, the image by default width × pixel
 * ratio; a data URL stands for the temp file). No legacy createCanvasContext: a migrated program that
 * reached for it would throw, so what it draws is the runtime's, on Canvas 2D.
 */
type Options = Record<string, any>;

function query() {
  const selected: string[] = [];
  const q = {
    in: () => q,
    select: (selector: string) => (selected.push(selector), { fields: () => q }),
    exec: (callback: (res: unknown[]) => void) => {
      const found = selected.map((selector) => {
        const node = document.querySelector(`#page canvas${selector}`) as (HTMLCanvasElement & Options) | null;
        if (!node) return null;
        node.createImage = () => new Image();
        const box = node.getBoundingClientRect();
        return { id: node.id, node, width: box.width, height: box.height };
      });
      setTimeout(() => callback(found), 0);
    },
  };
  return q;
}

function canvasToTempFilePath(o: Options) {
  const canvas = o.canvas as HTMLCanvasElement;
  const ratio = canvas.width / canvas.getBoundingClientRect().width;
  const x = o.x ?? 0;
  const y = o.y ?? 0;
  const width = o.width ?? canvas.width / ratio - x;
  const height = o.height ?? canvas.height / ratio - y;
  const out = document.createElement('canvas');
  out.width = Math.round(o.destWidth ?? width * devicePixelRatio);
  out.height = Math.round(o.destHeight ?? height * devicePixelRatio);
  out
    .getContext('2d')!
    .drawImage(canvas, x * ratio, y * ratio, width * ratio, height * ratio, 0, 0, out.width, out.height);
  const res = {
    tempFilePath: out.toDataURL(o.fileType === 'jpg' ? 'image/jpeg' : 'image/png'),
    errMsg: 'canvasToTempFilePath:ok',
  };
  setTimeout(() => (o.success?.(res), o.complete?.(res)), 0);
}

(window as unknown as Options).wx = {
  createSelectorQuery: query,
  createOffscreenCanvas: (o: { type: string }) => {
    if (o.type !== '2d') throw new Error('createOffscreenCanvas: 2d only here');
    return new OffscreenCanvas(300, 150);
  },
  getWindowInfo: () => ({ pixelRatio: devicePixelRatio, windowWidth: innerWidth, windowHeight: innerHeight }),
  canvasToTempFilePath,
};
