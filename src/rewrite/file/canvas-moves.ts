/**
 * Which canvases of a script move to Canvas 2D (docs/contract.md, Decisions C1 and C4). A canvas is one canvas id of
 * the script's template, and it moves with every call of the script that may name it, or not at all: a legacy call
 * finds nothing on a canvas moved to Canvas 2D. Its createCanvasContext calls become the runtime's (each with its own
 * verdict, canvas-calls.ts); its canvasToTempFilePath, canvasGetImageData and canvasPutImageData calls (canvas-uses.ts)
 * become the runtime's where their canvasId is the canvas's as written. A call that may name the canvas and cannot
 * move (an id the rewrite cannot match, a form it does not route, a createCanvasContext left for a person) keeps it
 * legacy, with the reason; a pixel call that keeps a canvas so is a place for a person itself.
 */
import { canvasIdLabel } from './canvas-template';
import type { CanvasUse } from './canvas-uses';
import type { Place } from './scope';
import type { CanvasIdArgument } from './template-element';

export interface CanvasMoves {
  /** The createCanvasContext uses that could move but stay with their canvas, and why. */
  kept: Map<CanvasUse, string>;
  /** The pixel calls that move with their canvas: each becomes the runtime's function of its name. */
  routed: CanvasUse[];
  /** The pixel calls that keep a canvas legacy: places for a person, with the reason. */
  keeping: { place: Place; reason: string }[];
}

/** How two canvas ids as written relate: the same text, two different strings, or data that may hold either. */
function relation(a: CanvasIdArgument | undefined, b: CanvasIdArgument): 'same' | 'different' | 'maybe' {
  if (!a) return 'maybe';
  if (canvasIdLabel(a) === canvasIdLabel(b)) return 'same';
  return 'value' in a && 'value' in b ? 'different' : 'maybe';
}

/**
 * Settles the script's canvases: `uses` are its createCanvasContext calls (`stays` set where their verdict leaves them
 * for a person) and its pixel calls. Blocking a canvas keeps its createCanvasContext calls, which may block another
 * canvas whose id they may be: repeated until nothing changes.
 */
export function settleCanvasMoves(uses: readonly CanvasUse[], lineOf: (place: Place) => number): CanvasMoves {
  const moving = new Map<string, CanvasIdArgument>();
  for (const use of uses)
    if (use.api === 'createCanvasContext' && !use.stays && use.id) moving.set(canvasIdLabel(use.id), use.id);
  const blockedBy = new Map<string, CanvasUse>();
  const routes = (use: CanvasUse) =>
    use.api !== 'createCanvasContext' &&
    !use.stays &&
    [...moving.values()].some((id) => relation(use.id, id) === 'same');
  const moves = (use: CanvasUse) =>
    use.api === 'createCanvasContext' ? !use.stays && moving.has(canvasIdLabel(use.id!)) : routes(use);
  for (let changed = true; changed;) {
    changed = false;
    for (const [label, id] of moving) {
      const blocker = uses.find((use) => !use.namesNone && relation(use.id, id) !== 'different' && !moves(use));
      if (!blocker) continue;
      moving.delete(label);
      blockedBy.set(label, blocker);
      changed = true;
    }
  }
  const kept = new Map<CanvasUse, string>();
  const keeping = new Map<CanvasUse, CanvasUse[]>();
  for (const use of uses) {
    if (use.api !== 'createCanvasContext' || use.stays || moving.has(canvasIdLabel(use.id!))) continue;
    const blocker = blockedBy.get(canvasIdLabel(use.id!))!;
    kept.set(use, keptWords(blocker, use.id!, lineOf));
    const canvases = keeping.get(blocker) ?? [];
    if (blocker.api !== 'createCanvasContext' && !canvases.some((c) => canvasIdLabel(c.id!) === canvasIdLabel(use.id!)))
      keeping.set(blocker, [...canvases, use]);
  }
  return {
    kept,
    routed: uses.filter(routes),
    keeping: [...keeping].map(([use, canvases]) => ({ place: use.place, reason: keepingWords(use, canvases, lineOf) })),
  };
}

/** What a pixel call becomes on Canvas 2D, for a person migrating it by hand. */
const BY_HAND: Record<string, string> = {
  canvasToTempFilePath: 'canvasToTempFilePath({ canvas: node })',
  canvasGetImageData: "the 2D context's getImageData",
  canvasPutImageData: "the 2D context's putImageData",
};

/** Why a createCanvasContext of canvas `id` stays: the call that may name the canvas and cannot move. */
function keptWords(blocker: CanvasUse, id: CanvasIdArgument, lineOf: (place: Place) => number): string {
  const at = `${blocker.api} at line ${lineOf(blocker.place)}`;
  const how = relation(blocker.id, id);
  if (blocker.api === 'createCanvasContext') {
    const names =
      how === 'same'
        ? 'names this canvas too'
        : blocker.id
          ? `names the canvas ${canvasIdLabel(blocker.id)}, which may be this one,`
          : 'names a canvas whose id the rewrite cannot read,';
    return `the ${at} ${names} and stays legacy, and a canvas moves to Canvas 2D only with every call that names it`;
  }
  const reads =
    how === 'same'
      ? `reads this canvas by its canvas id, but ${blocker.stays}`
      : blocker.id
        ? `passes canvasId ${canvasIdLabel(blocker.id)}, which may be this canvas's`
        : `passes a canvasId the rewrite cannot read (${blocker.unread}), so it may read this canvas`;
  return `${at} ${reads}, and a legacy ${blocker.api} finds nothing on a canvas moved to Canvas 2D`;
}

/** Why a pixel call is a place for a person: the canvases it keeps legacy (each by a createCanvasContext of it). */
function keepingWords(use: CanvasUse, canvases: readonly CanvasUse[], lineOf: (place: Place) => number): string {
  const ids = canvases.map((canvas) => canvasIdLabel(canvas.id!));
  const what =
    ids.length === 1
      ? `the canvas ${ids[0]}`
      : `the canvases ${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
  const same = use.id !== undefined && relation(use.id, canvases[0]!.id!) === 'same';
  const why = same
    ? `it reads ${what}, but ${use.stays}`
    : use.id
      ? `its canvasId ${canvasIdLabel(use.id)} may or may not be ${what}`
      : `its canvasId cannot be read (${use.unread}), so it may read ${what}`;
  const fix =
    same && use.wayOut
      ? use.wayOut
      : `write its canvasId as createCanvasContext writes the id${use.wayOut ? `, ${use.wayOut},` : ''}`;
  const lines = canvases.map((canvas) => lineOf(canvas.place));
  const at =
    lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.slice(0, -1).join(', ')} and ${lines[lines.length - 1]}`;
  const them = ids.length === 1 ? 'it' : 'them';
  return `${why}: ${ids.length === 1 ? 'that canvas stays' : 'they stay'} legacy with this call (createCanvasContext at ${at}); ${fix} and run again, or move ${them} to Canvas 2D by hand (${use.api} → ${BY_HAND[use.api]})`;
}
