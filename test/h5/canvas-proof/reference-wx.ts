/// <reference lib="dom" />
/*
 * `wx` of the original programs: the legacy canvas as Taro H5 implements it, on a real HTML canvas
 * (its published CanvasContext, which nobody here wrote: calls recorded, replayed at draw()), found
 * by `canvas-id` as Taro H5's createCanvasContext finds it. canvasToTempFilePath exports the whole
 * canvas as Taro H5's does (it takes no region or size: "not supported yet" in its source); the
 * programs export whole canvases.
 *
 * Where Taro H5 is unfaithful to WeChat, it is put in WeChat's order, and only there, through its
 * own queue (`enqueueActions`), so that its replay stays its own:
 * - save() and restore() run at once in Taro H5, not at draw(): the clip of an avatar drawn inside
 *   save/restore would stay on for the rest of the batch;
 * - `font` (and setFontSize), textAlign and textBaseline apply at once (SPEC trap 5), so the last one
 *   of a batch applies to all its text; measureText then measures in the font the calls so far set,
 *   as WeChat's does.
 * With `taroH5AsPublished` in the URL none of this is done (the test that pins these quirks).
 */
import { CanvasContext } from 'taro-h5-canvas-context';

type Options = Record<string, any>;
const asPublished = new URLSearchParams(location.search).has('taroH5AsPublished');

/** Taro H5's context, its state calls queued in the order of the calls (see above). */
function inWeChatOrder(context: CanvasContext): CanvasContext {
  const raw = context.ctx;
  let font = raw.font;
  const queue = (apply: () => void) => context.enqueueActions(apply);
  context.save = () => queue(() => raw.save());
  context.restore = () => queue(() => raw.restore());
  const setFont = (value: string) => {
    font = value;
    queue(() => (raw.font = value));
  };
  context.setFontSize = (size: number) => setFont(font.replace(/\d+(\.\d+)?px/, `${size}px`));
  context.setTextAlign = (align: CanvasTextAlign) => queue(() => (raw.textAlign = align));
  const baselines: Record<string, CanvasTextBaseline> = { normal: 'alphabetic' };
  context.setTextBaseline = (baseline: string) =>
    queue(() => (raw.textBaseline = baselines[baseline] ?? (baseline as CanvasTextBaseline)));
  Object.defineProperty(context, 'font', { set: setFont, get: () => font });
  context.measureText = (text: string) => {
    const applied = raw.font;
    raw.font = font;
    const metrics = raw.measureText(text);
    raw.font = applied;
    return metrics;
  };
  return context;
}

(window as unknown as Options).wx = {
  createCanvasContext: (canvasId: string) => {
    const canvas = document.querySelector(`#page canvas[canvas-id="${canvasId}"]`) as HTMLCanvasElement;
    const context = new CanvasContext(canvas, canvas.getContext('2d')!);
    return asPublished ? context : inWeChatOrder(context);
  },
  canvasToTempFilePath: (o: Options) => {
    const canvas = document.querySelector(`#page canvas[canvas-id="${o.canvasId}"]`) as HTMLCanvasElement;
    const res = { tempFilePath: canvas.toDataURL('image/png'), errMsg: 'canvasToTempFilePath:ok' };
    setTimeout(() => (o.success?.(res), o.complete?.(res)), 0);
  },
};
