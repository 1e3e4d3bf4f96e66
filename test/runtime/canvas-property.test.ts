/*
 * Random legacy programs (any of the legacy context's methods and property writes, in batches ended
 * by draw(reserve)), drawn through the runtime onto a `type="2d"` canvas and by the fake platform's
 * legacy context onto a legacy canvas: the two bitmaps are equal, pixel for pixel, and measureText
 * answers the same at every point (docs/contract.md, Decisions C2 and C3). At pixel ratios 1, 2 and 3.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { LegacyCanvasContext } from '../../src/runtime/canvas-context';
import { canvasFor, differing, drawn, twoCanvases } from './canvas-helpers';

const WIDTH = 60;
const HEIGHT = 40;
const IMAGES = ['/img/a.png', '/img/b.png', '/img/missing.png'];

type Step =
  | { call: string; args: unknown[] }
  | { set: string; value: unknown }
  | { style: 'setFillStyle' | 'setStrokeStyle' | 'fillStyle' | 'strokeStyle'; made: Made }
  | { measure: string }
  | { draw: boolean };
type Made =
  | { kind: 'createLinearGradient' | 'createCircularGradient'; args: number[]; stops: [number, string][] }
  | { kind: 'createPattern'; args: [string, string] };

const coordinate = fc.integer({ min: -10, max: 70 });
const length = fc.integer({ min: -5, max: 50 });
const small = fc.integer({ min: 0, max: 12 });
const angle = fc.double({ min: -7, max: 7, noNaN: true });
const factor = fc.constantFrom(0.5, 1, 1.5, -1, 2);
const color = fc.constantFrom('red', '#00ff00', 'rgba(0, 0, 255, 0.5)', 'black', '#fa0', 'transparent');
const text = fc.constantFrom('Ag', 'poster 海报', 'W', '');
const font = fc.constantFrom('10px sans-serif', 'bold 14px serif', 'italic 12px monospace', '20px sans-serif');

const call = (name: string, ...args: fc.Arbitrary<unknown>[]): fc.Arbitrary<Step> =>
  fc.tuple(...args).map((a) => ({ call: name, args: a }));
const set = (name: string, value: fc.Arbitrary<unknown>): fc.Arbitrary<Step> =>
  value.map((v) => ({ set: name, value: v }));

const made: fc.Arbitrary<Made> = fc.oneof(
  fc.record({
    kind: fc.constant('createLinearGradient' as const),
    args: fc.tuple(coordinate, coordinate, coordinate, coordinate),
    stops: fc.array(fc.tuple(fc.constantFrom(0, 0.3, 1), color), { maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constant('createCircularGradient' as const),
    args: fc.tuple(coordinate, coordinate, small),
    stops: fc.array(fc.tuple(fc.constantFrom(0, 0.5, 1), color), { maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constant('createPattern' as const),
    args: fc.tuple(fc.constantFrom(...IMAGES), fc.constantFrom('repeat', 'repeat-x', 'no-repeat')),
  }),
);

const step: fc.Arbitrary<Step> = fc.oneof(
  call('fillRect', coordinate, coordinate, length, length),
  call('strokeRect', coordinate, coordinate, length, length),
  call('clearRect', coordinate, coordinate, length, length),
  call('rect', coordinate, coordinate, length, length),
  call('beginPath'),
  call('closePath'),
  call('moveTo', coordinate, coordinate),
  call('lineTo', coordinate, coordinate),
  call('arc', coordinate, coordinate, fc.integer({ min: -2, max: 20 }), angle, angle, fc.boolean()),
  call('arcTo', coordinate, coordinate, coordinate, coordinate, small),
  call('quadraticCurveTo', coordinate, coordinate, coordinate, coordinate),
  call('bezierCurveTo', coordinate, coordinate, coordinate, coordinate, coordinate, coordinate),
  call('fill'),
  call('stroke'),
  { arbitrary: call('clip'), weight: 1 },
  call('save'),
  call('restore'),
  call('translate', length, length),
  call('rotate', angle),
  call('scale', factor, factor),
  call('transform', factor, fc.constantFrom(0, 0.2), fc.constantFrom(0, -0.3), factor, length, length),
  call('setTransform', factor, fc.constantFrom(0, 0.2), fc.constantFrom(0, -0.3), factor, length, length),
  call('setFillStyle', color),
  call('setStrokeStyle', color),
  call('setLineWidth', fc.integer({ min: 0, max: 8 })),
  call('setLineCap', fc.constantFrom('butt', 'round', 'square')),
  call('setLineJoin', fc.constantFrom('bevel', 'round', 'miter')),
  call('setMiterLimit', fc.integer({ min: 1, max: 10 })),
  call('setGlobalAlpha', fc.constantFrom(0, 0.4, 1)),
  call('setLineDash', fc.constantFrom([], [4, 2], [1, 3, 5]), small),
  call('setShadow', fc.integer({ min: -6, max: 6 }), fc.integer({ min: -6, max: 6 }), small, color),
  call('setFontSize', fc.integer({ min: 6, max: 30 })),
  call('setTextAlign', fc.constantFrom('left', 'center', 'right')),
  call('setTextBaseline', fc.constantFrom('top', 'bottom', 'middle', 'normal')),
  call('fillText', text, coordinate, coordinate),
  fc.tuple(text, coordinate, coordinate, fc.integer({ min: 5, max: 40 })).map(([t, x, y, w]) => ({
    call: 'strokeText',
    args: [t, x, y, w],
  })),
  call('drawImage', fc.constantFrom(...IMAGES), coordinate, coordinate),
  call('drawImage', fc.constantFrom(...IMAGES), coordinate, coordinate, length, length),
  call('drawImage', fc.constantFrom(...IMAGES), small, small, small, small, coordinate, coordinate, length, length),
  set('fillStyle', color),
  set('strokeStyle', color),
  set('lineWidth', fc.integer({ min: 0, max: 8 })),
  set('globalAlpha', fc.constantFrom(0.3, 1)),
  set('globalCompositeOperation', fc.constantFrom('source-over', 'destination-over', 'xor', 'multiply')),
  set('font', font),
  set('lineDashOffset', small),
  set('shadowOffsetX', fc.integer({ min: -5, max: 5 })),
  set('shadowOffsetY', fc.integer({ min: -5, max: 5 })),
  set('shadowBlur', small),
  set('shadowColor', color),
  set('textAlign', fc.constantFrom('left', 'center', 'right')),
  set('textBaseline', fc.constantFrom('top', 'middle', 'normal')),
  fc
    .tuple(
      fc.constantFrom('setFillStyle', 'setStrokeStyle', 'fillStyle', 'strokeStyle') as fc.Arbitrary<'fillStyle'>,
      made,
    )
    .map(([style, m]) => ({ style, made: m })),
  text.map((t) => ({ measure: t })),
  { arbitrary: fc.boolean().map((reserve) => ({ draw: reserve })), weight: 3 },
);

/** Runs `steps` on `ctx`; at each draw, `draw(reserve)` is awaited by the caller; returns the widths measured. */
function run(ctx: LegacyCanvasContext, steps: Step[]): number[] {
  const widths: number[] = [];
  const c = ctx as unknown as Record<string, any>;
  for (const s of steps) {
    if ('call' in s) c[s.call](...s.args);
    else if ('set' in s) c[s.set] = s.value;
    else if ('style' in s) {
      const made = c[s.made.kind](...s.made.args);
      if ('stops' in s.made) for (const [offset, colour] of s.made.stops) made.addColorStop(offset, colour);
      if (s.style.startsWith('set')) c[s.style](made);
      else c[s.style] = made;
    } else if ('measure' in s) widths.push(ctx.measureText(s.measure).width);
  }
  return widths;
}

/** Splits a program at its draws: each batch with the reserve its draw has (the last batch drawn too). */
function batches(steps: Step[]): { steps: Step[]; reserve: boolean }[] {
  const out: { steps: Step[]; reserve: boolean }[] = [{ steps: [], reserve: false }];
  for (const s of steps) {
    if ('draw' in s) {
      out[out.length - 1]!.reserve = s.draw;
      out.push({ steps: [], reserve: true });
    } else out[out.length - 1]!.steps.push(s);
  }
  return out;
}

it('random legacy programs draw the same through the runtime (Canvas 2D) as on the legacy canvas, and measure the same', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), fc.constantFrom(1, 2, 3), async (steps, dpr) => {
      const c = canvasFor({ base: '3.8.8', pixelRatio: dpr, imageDelayMs: 1 });
      c.platform.addImage('/img/a.png', 3, 2, (ctx) => {
        ctx.fillStyle = 'orange';
        ctx.fillRect(0, 0, 2, 2);
        ctx.fillStyle = 'purple';
        ctx.fillRect(2, 0, 1, 2);
      });
      c.platform.addImage('/img/b.png', 8, 8, (ctx) => {
        ctx.fillStyle = 'teal';
        ctx.fillRect(0, 0, 8, 4);
      });
      const { migrated, legacy } = twoCanvases(c, WIDTH, HEIGHT);
      const runtime = c.createCanvasContext('m');
      const original = c.platform.api.createCanvasContext('l') as LegacyCanvasContext;
      for (const batch of batches(steps)) {
        expect(run(runtime, batch.steps)).toEqual(run(original, batch.steps));
        await Promise.all([drawn(runtime, batch.reserve), drawn(original, batch.reserve)]);
      }
      expect(differing(c.platform.shown(migrated), c.platform.shown(legacy))).toBe(0);
    }),
    // 200 programs of up to 40 steps at three pixel ratios per run; FC_RUNS raises the count for a longer soak.
    { numRuns: Math.max(200, Number(process.env.FC_RUNS) || 0) },
  );
});
