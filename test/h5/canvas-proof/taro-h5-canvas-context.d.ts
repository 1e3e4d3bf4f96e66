/**
 * Taro H5's legacy CanvasContext (@tarojs/taro-h5/dist/api/canvas/CanvasContext.js, the published
 * devDependency), aliased by the bundler: the calls recorded, replayed onto a real 2D context at draw().
 */
declare module 'taro-h5-canvas-context' {
  export class CanvasContext {
    constructor(canvas: HTMLCanvasElement, ctx: CanvasRenderingContext2D);
    ctx: CanvasRenderingContext2D;
    canvas: HTMLCanvasElement;
    actions: { func: (...args: any[]) => unknown; args: any[] }[];
    enqueueActions(func: (...args: any[]) => unknown, ...args: any[]): void;
    draw(reserve?: boolean, callback?: () => void): Promise<void>;
    measureText(text: string): TextMetrics;
    [method: string]: any;
  }
}
