/**
 * Is a `createCanvasContext(id, scope?)` call moved to Canvas 2D (docs/contract.md, Decision C1)?
 * Only where the rewrite sees its `<canvas>` (canvas-template.ts) and every use of the context it
 * makes: then the call becomes the runtime's, and the template gains `type="2d"` and an `id` equal
 * to the `canvas-id`, which stays. Anything else is a place for a person, with the reason, and
 * nothing of that canvas changes but its setters (Decision C5, object-members.ts). The call's verdict
 * is its own; whether its canvas moves also depends on the script's other calls that name it
 * (canvas-moves.ts).
 */
import type * as t from '@babel/types';
import { canvasIdArgument, canvasIdLabel, canvasIdOf } from './canvas-template';
import { contextEscape } from './context-escape';
import type { TemplateWrites } from '../rules/types';
import type { ElementCallContext } from './element-calls';
import type { Place } from './scope';
import type { AttributeValue, CanvasIdArgument, TemplateElement, TemplateSyntax } from './template-element';
import { CANVAS_TYPE_EXPORT } from '../rules/legacy-apis';

/**
 * Attributes added to a template: a `type` and, unless it has one, an `id`, at `offset` of `file` (undefined: the
 * script's own text, JSX, whose opening tag in the script's tree is `jsx`).
 */
export interface TemplateInsertion {
  file: string | undefined;
  offset: number;
  syntax: TemplateSyntax;
  /**
   * `'2d'` in a page's WXML, which only WeChat builds; in a template built for every platform (Taro's JSX, Vue),
   * bound to the runtime's canvasType, which is '2d' only where the runtime draws on Canvas 2D.
   */
  type: '2d' | 'canvasType';
  /** The id, as the canvas id is written (`"x"`, `{expression}`), or undefined where the element has its id. */
  id?: AttributeValue;
  jsx?: t.JSXOpeningElement;
}

/**
 * The verdict on one call, with the canvas id it passes (undefined: unread, it may name any canvas). `namesNone`: the id
 * names a canvas of another template (the page's, for a component's call without the component). `awaitsTemplate`: it
 * stays only because the door writes no template.
 */
export type CanvasCallVerdict = { id: CanvasIdArgument | undefined } & (
  { rewrite: true; insertion?: TemplateInsertion } | { reason: string; namesNone?: true; awaitsTemplate?: true }
);

/** The legacy call takes the id and, in a component, the component. */
const MAX_LEGACY_ARGUMENTS = 2;

/** The verdict on one reference to createCanvasContext: `callPlace` is the call it is the callee of. */
export function canvasCallVerdict(callPlace: Place | undefined, context: ElementCallContext): CanvasCallVerdict {
  if (!callPlace) return { id: undefined, reason: 'it is not called here, so the canvas it draws on cannot be read' };
  const call = callPlace.node as t.CallExpression;
  const id = canvasIdArgument(call.arguments[0]);
  if (call.arguments.length > MAX_LEGACY_ARGUMENTS || call.arguments.some((a) => a.type === 'SpreadElement'))
    return { id, reason: 'it is not called with the canvas id and the component alone' };
  if (!id) return { id, reason: 'the canvas id is neither a string literal nor this.data.<name>' };
  if (call.arguments.length < 2 && context.isComponentScript())
    return {
      id,
      namesNone: true,
      reason:
        'it is called in a component without the component (this) as second argument, so the id names a canvas of the page, whose template is not known here',
    };
  const escape = contextEscape(callPlace, context);
  if (escape) return { id, reason: escape };
  const found = context.template().canvas(id);
  if ('problem' in found) return { id, reason: found.problem };
  const writes = writesTemplateOf(found.element, context.writesTemplates);
  return { id, ...canvasElementVerdict(found.element, id, writes, context.templateSeesImports === true) };
}

/** Does the door write the template this element is in? Taro's JSX is the script's own text. */
function writesTemplateOf(element: TemplateElement, writes: TemplateWrites | undefined): boolean {
  return writes === true || (writes === 'jsx' && element.syntax === 'jsx');
}

/** The verdict on the one `<canvas>` the id names: what keeps it legacy, else the attributes it gains. */
function canvasElementVerdict(
  element: TemplateElement,
  id: CanvasIdArgument,
  writes: boolean,
  seesImports: boolean,
): { rewrite: true; insertion?: TemplateInsertion } | { reason: string; awaitsTemplate?: true } {
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
      awaitsTemplate: true,
      reason: `the template is not visible to this door, which rewrites one file at a time: ${shown} must gain ${element.syntax === 'wxml' ? 'type="2d"' : `a type bound to the runtime's ${CANVAS_TYPE_EXPORT}`} and its id with this call, which the codemod (npx taro-plugin-record-compat migrate) writes with the script`,
    };
  if (element.syntax === 'vue' && !seesImports)
    return {
      reason: `${shown} is in a template that cannot read the runtime's ${CANVAS_TYPE_EXPORT} (the component has no <script setup>): its type must be "2d" on WeChat only, where the runtime draws on Canvas 2D, as a 2D canvas stays blank where the platform's legacy context draws (Alipay, Douyin); bind it by hand, through the component's data`,
    };
  const insertion = insertionFor(element, canvasId, ownId === undefined);
  return insertion ? { rewrite: true, insertion } : { reason: `${shown}: its canvas-id cannot be copied into an id` };
}

/** The attributes the element gains: its type, and its id copied from the canvas id as written. */
function insertionFor(
  element: TemplateElement,
  canvasId: ReturnType<typeof canvasIdOf>,
  withId: boolean,
): TemplateInsertion | undefined {
  if (!element.opening || canvasId.kind === 'absent') return undefined;
  const text = canvasId.kind === 'static' ? String(canvasId.value) : canvasId.text;
  if (/["\n]/.test(text)) return undefined;
  const type = element.syntax === 'wxml' ? '2d' : CANVAS_TYPE_EXPORT;
  return { ...element.opening, syntax: element.syntax, type, ...(withId ? { id: canvasId } : {}) };
}

/**
 * The name the element's type is bound to (the runtime's canvasType, `canvasType` in the file), or undefined when its
 * type is the text "2d" (WXML).
 */
export function canvasTypeName(insertion: TemplateInsertion, canvasType: string | undefined): string | undefined {
  if (insertion.type !== CANVAS_TYPE_EXPORT) return undefined;
  if (!canvasType) throw new Error('internal: a canvas type bound to the runtime, and no name imported for it');
  return canvasType;
}

/**
 * The text of the attributes in the element's own syntax (` type="2d" id="x"`, ` type={canvasType} id={sheet.id}`,
 * ` :type="canvasType" :id="sheet.id"`), the runtime's canvasType read through `canvasType`, its name in the file.
 */
export function insertionText(insertion: TemplateInsertion, canvasType: string | undefined): string {
  const { syntax, id } = insertion;
  const bound = (name: string, expression: string) =>
    syntax === 'jsx'
      ? `${name}={${expression}}`
      : syntax === 'vue'
        ? `:${name}="${expression}"`
        : `${name}="${expression}"`;
  const typeName = canvasTypeName(insertion, canvasType);
  const type = typeName ? bound('type', typeName) : 'type="2d"';
  if (!id || id.kind === 'absent') return ` ${type}`;
  const value = id.kind === 'static' ? String(id.value) : id.text;
  return ` ${type} ${id.kind === 'static' ? `id="${value}"` : bound('id', value)}`;
}
