/**
 * The `<canvas>` a `createCanvasContext(id)` names, found by its `canvas-id` (Taro's `canvasId`) in
 * the script's template, whatever the template is written in (template.ts reads it). The id is a
 * string, or data the template binds (`this.data.name` in the script, `{{name}}` in the WXML).
 */
import type * as t from '@babel/types';
import { staticString } from '../rules/literals';
import { withoutWrappers } from './scope';
import type {
  AttributeValue,
  CanvasIdArgument,
  ElementLookup,
  TemplateElement,
  TemplateRead,
} from './template-element';

/** The attribute names of the legacy canvas's id: WXML's and Vue's, and Taro's JSX prop. */
export const CANVAS_ID_ATTRIBUTES = ['canvas-id', 'canvasId'];

/** The id a call's first argument passes, when the rewrite can read it. */
export function canvasIdArgument(argument: t.Node | undefined): CanvasIdArgument | undefined {
  const value = staticString(argument);
  if (value !== undefined) return { value };
  const node = argument && withoutWrappers(argument);
  if (!node || node.type !== 'MemberExpression' || node.computed || node.property.type !== 'Identifier')
    return undefined;
  const data = withoutWrappers(node.object);
  const isThisData =
    data.type === 'MemberExpression' &&
    !data.computed &&
    data.object.type === 'ThisExpression' &&
    data.property.type === 'Identifier' &&
    data.property.name === 'data';
  return isThisData ? { data: node.property.name } : undefined;
}

/** How an id is said in messages: `'poster'`, or `{{name}}`. */
export function canvasIdLabel(id: CanvasIdArgument): string {
  return 'value' in id ? `'${id.value}'` : `{{${id.data}}}`;
}

/** The element's canvas id, as written (absent when it has none). */
export function canvasIdOf(element: TemplateElement): AttributeValue {
  for (const name of CANVAS_ID_ATTRIBUTES) {
    const value = element.attributes.get(name);
    if (value) return value;
  }
  return { kind: 'absent' };
}

/** Does a canvas id as written name this id? A bound one only in WXML, where `{{name}}` reads the data. */
function names(value: AttributeValue, id: CanvasIdArgument, element: TemplateElement): boolean {
  if ('value' in id) return value.kind === 'static' && value.value === id.value;
  return (
    element.syntax === 'wxml' &&
    value.kind === 'bound' &&
    new RegExp(`^\\{\\{\\s*${id.data}\\s*\\}\\}$`).test(value.text)
  );
}

/** The one `<canvas>` whose canvas id is `id`, or why there is none or more than one. */
export function findCanvas(read: TemplateRead, id: CanvasIdArgument, templateName: string): ElementLookup {
  const { elements, unreadable, unreached } = read;
  if (unreadable.length > 0) return { problem: `the template could not be read: ${unreadable[0]}` };
  const said = canvasIdLabel(id);
  const matches = elements.filter((e) => e.isCanvas && names(canvasIdOf(e), id, e));
  if (matches.length === 1) return { element: matches[0] };
  if (matches.length > 1)
    return { problem: `more than one <canvas> has canvas-id ${said} (${matches.map((e) => e.where).join(', ')})` };
  if (unreached.length > 0)
    return { problem: `no <canvas> with canvas-id ${said} in ${templateName}, and ${unreached[0]}` };
  const bound = elements.find((e) => e.isCanvas && canvasIdOf(e).kind === 'bound');
  if (bound) {
    const text = (canvasIdOf(bound) as { text: string }).text;
    return {
      problem: `the <${bound.tag}> at ${bound.where} has a bound canvas-id (${text}) that may or may not be ${said}`,
    };
  }
  return { problem: `no <canvas> with canvas-id ${said} in ${templateName}` };
}
