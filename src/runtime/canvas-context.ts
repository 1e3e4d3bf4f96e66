/*
 * The legacy CanvasContext of createCanvasContext(id, scope?), as a recorder: every method and
 * property write is kept, in the order of the calls, until draw(reserve, callback) hands the batch
 * to its canvas (canvas.ts), which replays it onto the Canvas 2D node or, where there is none, onto
 * the platform's own legacy context. Contract: docs/contract.md, Decisions C2 and C3.
 *
 * What must answer at once, before the node exists, answers here: gradients and patterns are
 * descriptions the replay makes real; measureText asks the canvas for a 2D context of its own (C3);
 * the getters read what this context last set. A batch is one flat array (name, arguments, name,
 * arguments…): no object per call, as draw(true) may run 60 times a second with dozens of calls.
 * Written against nothing but its canvas; ES2015, small.
 */

/** A gradient as the legacy API hands it out: colour stops added until the replay makes it real. */
export interface LegacyCanvasGradient {
  addColorStop(offset: number, color: string): void;
}

/** What measureText answers: the width in CSS pixels, at least. */
export interface LegacyTextMetrics {
  width: number;
}

type Style = string | LegacyCanvasGradient;

/** WeChat's legacy CanvasContext (miniprogram-api-typings' `CanvasContext`), every method and property. */
export interface LegacyCanvasContext {
  fillStyle: Style;
  strokeStyle: Style;
  font: string;
  globalAlpha: number;
  globalCompositeOperation: string;
  lineCap: string;
  lineJoin: string;
  lineWidth: number;
  lineDashOffset: number;
  miterLimit: number;
  shadowBlur: number;
  shadowColor: string;
  shadowOffsetX: number;
  shadowOffsetY: number;
  textAlign: string;
  textBaseline: string;
  arc(x: number, y: number, r: number, sAngle: number, eAngle: number, counterclockwise?: boolean): void;
  arcTo(x1: number, y1: number, x2: number, y2: number, radius: number): void;
  beginPath(): void;
  bezierCurveTo(cp1x: number, cp1y: number, cp2x: number, cp2y: number, x: number, y: number): void;
  clearRect(x: number, y: number, width: number, height: number): void;
  clip(): void;
  closePath(): void;
  createCircularGradient(x: number, y: number, r: number): LegacyCanvasGradient;
  createLinearGradient(x0: number, y0: number, x1: number, y1: number): LegacyCanvasGradient;
  createPattern(image: string, repetition: 'repeat' | 'repeat-x' | 'repeat-y' | 'no-repeat'): object;
  /** Draws what was recorded since the last draw; `reserve`: keep what the canvas shows. */
  draw(reserve?: boolean, callback?: () => void): void;
  drawImage(imageResource: string, dx: number, dy: number, dWidth?: number, dHeight?: number): void;
  drawImage(
    imageResource: string,
    sx: number,
    sy: number,
    sWidth: number,
    sHeight: number,
    dx: number,
    dy: number,
    dWidth: number,
    dHeight: number,
  ): void;
  fill(): void;
  fillRect(x: number, y: number, width: number, height: number): void;
  fillText(text: string, x: number, y: number, maxWidth?: number): void;
  lineTo(x: number, y: number): void;
  measureText(text: string): LegacyTextMetrics;
  moveTo(x: number, y: number): void;
  quadraticCurveTo(cpx: number, cpy: number, x: number, y: number): void;
  rect(x: number, y: number, width: number, height: number): void;
  restore(): void;
  rotate(rotate: number): void;
  save(): void;
  scale(scaleWidth: number, scaleHeight: number): void;
  setFillStyle(color: Style): void;
  setFontSize(fontSize: number): void;
  setGlobalAlpha(alpha: number): void;
  setLineCap(lineCap: 'butt' | 'round' | 'square'): void;
  setLineDash(pattern: number[], offset: number): void;
  setLineJoin(lineJoin: 'bevel' | 'round' | 'miter'): void;
  setLineWidth(lineWidth: number): void;
  setMiterLimit(miterLimit: number): void;
  setShadow(offsetX: number, offsetY: number, blur: number, color: string): void;
  setStrokeStyle(color: Style): void;
  setTextAlign(align: 'left' | 'center' | 'right'): void;
  setTextBaseline(textBaseline: 'top' | 'bottom' | 'middle' | 'normal'): void;
  setTransform(
    scaleX: number,
    skewX: number,
    skewY: number,
    scaleY: number,
    translateX: number,
    translateY: number,
  ): void;
  stroke(): void;
  strokeRect(x: number, y: number, width: number, height: number): void;
  strokeText(text: string, x: number, y: number, maxWidth?: number): void;
  transform(scaleX: number, skewX: number, skewY: number, scaleY: number, translateX: number, translateY: number): void;
  translate(x: number, y: number): void;
}

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * A gradient or pattern before the replay makes it: the legacy method that asked for it, its
 * arguments, and (gradients) the colour stops added since.
 */
export interface Described {
  /** @internal */
  kind_: string;
  /** @internal */
  args_: any[];
  /** @internal */
  stops_: [number, string][];
}

/** What a context needs of its canvas: a batch drawn, a text measured in a font. */
export interface CanvasSurface {
  /** @internal */
  draw_(calls: any[], reserve: boolean, callback: unknown): void;
  /** @internal */
  measure_(font: string, text: string): LegacyTextMetrics;
}

/** The context's own fields beside the legacy API. */
interface Recording {
  /** The batch since the last draw: name, arguments, name, arguments… */
  calls_: any[];
  /** What was last set, by property name: the getters' answers and measureText's font. */
  state_: { font: string; [property: string]: any };
  surface_: CanvasSurface;
}

/** The legacy default font (the typings': "10px sans-serif"). */
export const DEFAULT_FONT = '10px sans-serif';

/**
 * The properties a legacy context can be written (1.9.90 and later; textAlign and textBaseline as
 * Taro H5 has them), recorded under their own names. The first nine have a setter of their own
 * (`setFillStyle` → `fillStyle`), recorded under the setter's name.
 */
export const PROPERTIES = () =>
  (
    'fillStyle strokeStyle globalAlpha lineCap lineJoin lineWidth miterLimit textAlign textBaseline ' +
    'font globalCompositeOperation lineDashOffset shadowBlur shadowColor shadowOffsetX shadowOffsetY'
  ).split(' ');
export const SETTER_PROPERTIES = () => PROPERTIES().slice(0, 9);

/** `fillStyle` → `setFillStyle`. */
export const setterOf = (property: string) => 'set' + property.charAt(0).toUpperCase() + property.slice(1);

/** The methods recorded as they are called (the setters of SETTER_PROPERTIES besides). */
const RECORDED = () =>
  (
    'arc arcTo beginPath bezierCurveTo clearRect clip closePath drawImage fill fillRect fillText lineTo moveTo ' +
    'quadraticCurveTo rect restore rotate save scale setLineDash setShadow setTransform stroke strokeRect ' +
    'strokeText transform translate'
  ).split(' ');

/** `font` with its size (the first number with a unit) replaced by `size` px. */
export const withFontSize = (font: string, size: number): string => font.replace(/[\d.]+[a-z%]+/i, size + 'px');

/** A gradient or pattern described now, made by the replay. */
function described(kind: string, args: any[]): Described & LegacyCanvasGradient {
  const stops: [number, string][] = [];
  return { kind_: kind, args_: args, stops_: stops, addColorStop: (offset, color) => stops.push([offset, color]) };
}

/** Keeps `value` as what `property` was last set to, and records the write under `name`. */
function note(c: Recording, name: string, property: string, value: unknown) {
  c.state_[property] = value;
  c.calls_.push(name, [value]);
}

/**
 * The prototype every context of a createCanvasCompat shares: the legacy API as recording
 * methods and accessors. Made once, when the first context is (nothing runs at import).
 */
export function contextPrototype(): object {
  const proto: any = {};
  RECORDED().forEach((name) => {
    proto[name] = function (this: Recording, ...args: any[]) {
      this.calls_.push(name, args);
    };
  });
  SETTER_PROPERTIES().forEach((property) => {
    const setter = setterOf(property);
    proto[setter] = function (this: Recording, value: unknown) {
      note(this, setter, property, value);
    };
  });
  PROPERTIES().forEach((property) =>
    Object.defineProperty(proto, property, {
      get(this: Recording) {
        return this.state_[property];
      },
      set(this: Recording, value: unknown) {
        note(this, property, property, value);
      },
    }),
  );
  // The font after setFontSize is decided now, so that measureText agrees with what is drawn (C3).
  proto.setFontSize = function (this: Recording, size: number) {
    const font = withFontSize(this.state_.font, size);
    this.state_.font = font;
    this.calls_.push('setFontSize', [size, font]);
  };
  proto.measureText = function (this: Recording, text: string) {
    return this.surface_.measure_(this.state_.font, text);
  };
  ['createLinearGradient', 'createCircularGradient', 'createPattern'].forEach((kind) => {
    proto[kind] = (...args: any[]) => described(kind, args);
  });
  proto.draw = function (this: Recording, reserve?: boolean, callback?: unknown) {
    const calls = this.calls_;
    this.calls_ = [];
    this.surface_.draw_(calls, !!reserve, callback);
  };
  return proto;
}

/** A new legacy context on `surface`, over the shared prototype. */
export function newContext(proto: object, surface: CanvasSurface): LegacyCanvasContext {
  const c = Object.create(proto) as Recording;
  c.calls_ = [];
  c.state_ = { font: DEFAULT_FONT };
  c.surface_ = surface;
  return c as unknown as LegacyCanvasContext;
}
