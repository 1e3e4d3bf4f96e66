/**
 * Is a `createCanvasContext(id, scope?)` call moved to Canvas 2D (docs/contract.md, Decision C1)?
 * Only where the rewrite sees its `<canvas>` (canvas-template.ts) and every use of the context it
 * makes: then the call becomes the runtime's, and the template gains `type="2d"` and an `id` equal
 * to the `canvas-id`, which stays. Anything else is a place for a person, with the reason, and
 * nothing of that canvas changes but its setters (Decision C5, object-members.ts).
 */
import type * as t from '@babel/types';
import { accessPath, holderOf, unwrapped } from './holders';
import { canvasIdArgument, canvasIdLabel, canvasIdOf } from './canvas-template';
import type { ElementCallContext, TemplateWrites } from './element-calls';
import type { Place } from './scope';
import type { CanvasIdArgument, TemplateElement } from './template-element';

/**
 * Attributes added to a template: `text` at `offset` of `file` (undefined: the script's own text, JSX, whose opening
 * tag in the script's tree is `jsx`).
 */
export interface TemplateInsertion {
  file: string | undefined;
  offset: number;
  text: string;
  jsx?: t.JSXOpeningElement;
}

export type CanvasCallVerdict = { rewrite: true; insertion?: TemplateInsertion } | { reason: string };

/** The legacy call takes the id and, in a component, the component. */
const MAX_LEGACY_ARGUMENTS = 2;

/** The verdict on one reference to createCanvasContext: `callPlace` is the call it is the callee of. */
export function canvasCallVerdict(callPlace: Place | undefined, context: ElementCallContext): CanvasCallVerdict {
  if (!callPlace) return { reason: 'it is not called here, so the canvas it draws on cannot be read' };
  const call = callPlace.node as t.CallExpression;
  if (call.arguments.length > MAX_LEGACY_ARGUMENTS || call.arguments.some((a) => a.type === 'SpreadElement'))
    return { reason: 'it is not called with the canvas id and the component alone' };
  const id = canvasIdArgument(call.arguments[0]);
  if (!id) return { reason: 'the canvas id is neither a string literal nor this.data.<name>' };
  if (call.arguments.length < 2 && context.isComponentScript())
    return {
      reason:
        'it is called in a component without the component (this) as second argument, so the id names a canvas of the page, whose template is not known here',
    };
  const escape = contextEscape(callPlace, context) ?? pixelCallIn(context);
  if (escape) return { reason: escape };
  const found = context.template().canvas(id);
  if ('problem' in found) return { reason: found.problem };
  return canvasElementVerdict(found.element, id, writesTemplateOf(found.element, context.writesTemplates));
}

/** Does the door write the template this element is in? Taro's JSX is the script's own text. */
function writesTemplateOf(element: TemplateElement, writes: TemplateWrites | undefined): boolean {
  return writes === true || (writes === 'jsx' && element.syntax === 'jsx');
}

/**
 * Where the context goes that the rewrite cannot follow (SPEC trap 2: a library that wraps it, a
 * method called by a computed name): every use of where it is kept must be a method of it, by name.
 */
function contextEscape(callPlace: Place, context: ElementCallContext): string | undefined {
  const holder = holderOf(callPlace, context.memberName);
  if (holder === undefined) return 'the context is handed on where it is made, to code the rewrite cannot follow';
  if (holder === '.') return undefined;
  const declaration = !holder.includes('.') ? callPlace.scope.lookup(holder) : undefined;
  const uses = declaration
    ? declaration.references.filter((ref) => !ref.write && !ref.inType).map((ref) => ref.place)
    : context.places.filter((place) => isPathUse(place, holder, context));
  for (const use of uses) {
    const at = unwrapped(use);
    const parent = at.parent;
    if (
      parent &&
      (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') &&
      at.key === 'object'
    ) {
      if (context.memberName(parent as t.MemberExpression) !== undefined) continue;
      return `the context ${holder} is read by a computed name at line ${context.lineOf(parent)}, which the rewrite cannot follow`;
    }
    return `the context ${holder} is handed on at line ${context.lineOf(use.node)}, to code the rewrite cannot follow`;
  }
  return undefined;
}

/** The calls that read or write a canvas by its canvas-id: the runtime answers them for its canvases (Decision C4). */
const PIXEL_CALLS = new Set(['canvasToTempFilePath', 'canvasGetImageData', 'canvasPutImageData']);

/**
 * A call of the script that reads a canvas by its canvas-id: it would not find a canvas moved to Canvas 2D, and the
 * rewrite does not route it through the runtime yet, so the canvases of such a script stay.
 */
function pixelCallIn(context: ElementCallContext): string | undefined {
  for (const { node } of context.places) {
    const name =
      node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression'
        ? context.memberName(node as t.MemberExpression)
        : node.type === 'Identifier'
          ? node.name
          : undefined;
    if (name !== undefined && PIXEL_CALLS.has(name))
      return `${name} at line ${context.lineOf(node)} reads a canvas by its canvas-id, which a canvas moved to Canvas 2D answers only through the runtime, and the rewrite does not route it there yet`;
  }
  return undefined;
}

/** A read of `holder` (a path as `this.ctx`): not the assignment that stores it, nor a part of a longer path. */
function isPathUse(place: Place, holder: string, context: ElementCallContext): boolean {
  const node = place.node;
  if (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression') return false;
  if (accessPath(node, context.memberName) !== holder) return false;
  const parent = place.parent;
  return !(parent?.type === 'AssignmentExpression' && place.key === 'left');
}

/** The verdict on the one `<canvas>` the id names: what keeps it legacy, else the attributes it gains. */
function canvasElementVerdict(element: TemplateElement, id: CanvasIdArgument, writes: boolean): CanvasCallVerdict {
  const shown = `the <${element.tag} canvas-id=${canvasIdLabel(id)}> at ${element.where}`;
  if (element.unreadable)
    return { reason: `${shown} spreads attributes the migration cannot read (${element.unreadable})` };
  const repeated = element.rendering.find((r) => r.kind !== 'conditional');
  if (repeated) return { reason: `${shown} is rendered by ${repeated.by} at ${repeated.where}, so its id may repeat` };
  const type = element.attributes.get('type');
  const ownId = element.attributes.get('id');
  const canvasId = canvasIdOf(element);
  const sameId = ownId !== undefined && JSON.stringify(ownId) === JSON.stringify(canvasId);
  if (ownId !== undefined && !sameId) return { reason: `${shown} has an id unlike its canvas-id` };
  if (type !== undefined) {
    if (type.kind === 'static' && type.value === '2d' && sameId) return { rewrite: true };
    const written = type.kind === 'static' ? String(type.value) : type.kind === 'bound' ? type.text : '';
    return { reason: `${shown} has a type already (${written})` };
  }
  if (!writes)
    return {
      reason: `the template is not visible to this door, which rewrites one file at a time: ${shown} must gain type="2d" and its id with this call, which the codemod (npx taro-plugin-record-compat migrate) writes with the script`,
    };
  const insertion = insertionFor(element, canvasId, ownId === undefined);
  return insertion ? { rewrite: true, insertion } : { reason: `${shown}: its canvas-id cannot be copied into an id` };
}

/** ` type="2d" id="x"` in the element's own syntax, the id copied from the canvas id as written. */
function insertionFor(
  element: TemplateElement,
  canvasId: ReturnType<typeof canvasIdOf>,
  withId: boolean,
): TemplateInsertion | undefined {
  if (!element.opening || canvasId.kind === 'absent') return undefined;
  const text = canvasId.kind === 'static' ? String(canvasId.value) : canvasId.text;
  if (/["\n]/.test(text)) return undefined;
  const id =
    canvasId.kind === 'static'
      ? `id="${text}"`
      : element.syntax === 'jsx'
        ? `id={${text}}`
        : element.syntax === 'vue'
          ? `:id="${text}"`
          : `id="${text}"`;
  return { ...element.opening, text: withId ? ` type="2d" ${id}` : ' type="2d"' };
}
