/**
 * The calls of a script that name a canvas by its canvas id besides createCanvasContext: canvasToTempFilePath,
 * canvasGetImageData and canvasPutImageData with a `canvasId` (docs/contract.md, Decision C4), on `wx` or Taro. Each is
 * read into a CanvasUse: the id it passes (when the rewrite can read it), and why it cannot move with its canvas (when
 * it cannot be routed to the runtime's function of the same name). canvas-moves.ts decides with them.
 */
import type * as t from '@babel/types';
import { CANVAS_PIXEL_EXPORTS, TARO_MODULE, WECHAT_GLOBAL, type CanvasPixelExport } from '../rules/legacy-apis';
import { stringValue } from '../rules/literals';
import {
  apiObjectOf,
  deprecatedThrough,
  isCallee,
  isKeyedProperty,
  isTaroVia,
  isWriteTarget,
  staticPropertyName,
} from './api-object';
import { canvasIdArgument } from './canvas-template';
import type { ElementCallContext } from './element-calls';
import { captureAt } from './name-capture';
import { withoutWrappers, type Declaration, type Place } from './scope';
import type { CanvasIdArgument } from './template-element';

/** A call that names a canvas by its id, as the script writes it. */
export interface CanvasUse {
  /** The reference the report places it at and the rewrite replaces (`wx.canvasToTempFilePath`). */
  place: Place;
  api: 'createCanvasContext' | CanvasPixelExport;
  /** The canvas id it passes; undefined where it cannot be read, so that it may name any canvas. */
  id: CanvasIdArgument | undefined;
  /** Why its id cannot be read (a pixel call's words). */
  unread?: string;
  /** It names no canvas of this script's template: a Canvas 2D `canvas` option, a component's call without `this`. */
  namesNone?: true;
  /** Why it cannot move with its canvas; undefined: it moves where its canvas moves. */
  stays?: string;
  /** What a person changes so that it moves, where that is not writing the canvas id as createCanvasContext writes it. */
  wayOut?: string;
}

const PIXEL_CALLS: ReadonlySet<string> = new Set(CANVAS_PIXEL_EXPORTS);

/** The legacy canvas is WeChat's (and Taro's over it): a pixel call through `qq` names a canvas that never moves. */
const onMovingPlatform = (via: string) => deprecatedThrough('createCanvasContext', via);

/**
 * Every pixel call of the script: members of `wx` or Taro (aliases included), and the references of a named import of
 * Taro's or a destructuring of one of them. `evals`: the file's direct eval calls (name-capture.ts).
 */
export function pixelUsesIn(context: ElementCallContext, evals: readonly Place[]): CanvasUse[] {
  const uses: CanvasUse[] = [];
  for (const place of context.places) {
    const node = place.node;
    if (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') {
      const use = memberUse(place, node, context, evals);
      if (use) uses.push(use);
    } else if (node.type === 'ImportSpecifier') {
      const imported = importedPixelCall(place, node);
      if (imported) uses.push(...bindingUses(imported, `a named import of ${TARO_MODULE}`, 'Taro', context));
    } else if (node.type === 'VariableDeclarator') {
      for (const { via, object, ...taken } of destructuredPixelCalls(place, node))
        uses.push(...bindingUses(taken, `destructured from ${via}`, object, context));
    }
  }
  return uses;
}

/** `wx.canvasToTempFilePath`, `Taro.canvasGetImageData`: routed where called with options the rewrite can read. */
function memberUse(
  place: Place,
  node: t.MemberExpression | t.OptionalMemberExpression,
  context: ElementCallContext,
  evals: readonly Place[],
): CanvasUse | undefined {
  const api = staticPropertyName(node);
  if (api === undefined || !PIXEL_CALLS.has(api) || isWriteTarget(place)) return undefined;
  const found = apiObjectOf(node.object, place.scope, new Set(), api);
  if (!found || found.onlyDefault) return undefined;
  const { uncertain } = found;
  if (uncertain ? !uncertain.objects.some(onMovingPlatform) : !onMovingPlatform(found.via)) return undefined;
  const use = calledUse(place, api as CanvasPixelExport, context);
  const capture = captureAt(place, evals);
  if (uncertain)
    return {
      ...use,
      stays: `it is reached through ${uncertain.what}, so the rewrite cannot tell which platform's ${api} runs`,
      wayOut: `call it on ${uncertain.objects[0]} itself`,
    };
  if (capture)
    return {
      ...use,
      stays: `the runtime's name would be written inside the ${capture.by === 'with' ? 'with statement' : 'reach of the direct eval'} at line ${context.lineOf(capture.node)}, where it could resolve to something else`,
      wayOut: `move it out of there`,
    };
  return use;
}

/** A pixel call's local binding: its declaration and the API it holds. */
interface PixelBinding {
  declaration: Declaration;
  api: CanvasPixelExport;
}

/** `import { canvasToTempFilePath } from '@tarojs/taro'`: its local's binding. */
function importedPixelCall(place: Place, node: t.ImportSpecifier): PixelBinding | undefined {
  const importDeclaration = place.parent as t.ImportDeclaration;
  if (
    importDeclaration.source.value !== TARO_MODULE ||
    importDeclaration.importKind === 'type' ||
    node.importKind === 'type'
  )
    return undefined;
  const api = node.imported.type === 'Identifier' ? node.imported.name : stringValue(node.imported);
  const declaration = place.scope.lookup(node.local.name);
  return api !== undefined && PIXEL_CALLS.has(api) && declaration
    ? { declaration, api: api as CanvasPixelExport }
    : undefined;
}

/** `const { canvasToTempFilePath } = Taro`: the declaration of each local a pixel call is destructured into. */
function destructuredPixelCalls(
  place: Place,
  node: t.VariableDeclarator,
): (PixelBinding & { via: string; object: string })[] {
  if (node.id.type !== 'ObjectPattern' || !node.init) return [];
  const found = apiObjectOf(node.init, place.scope, new Set());
  if (!found || found.onlyDefault) return [];
  const via = found.uncertain ? found.uncertain.objects[0] : found.via;
  if (!onMovingPlatform(via)) return [];
  const object = isTaroVia(via) ? 'Taro' : WECHAT_GLOBAL;
  const taken: (PixelBinding & { via: string; object: string })[] = [];
  for (const property of node.id.properties) {
    if (!isKeyedProperty(property) || property.computed) continue;
    const api = property.key.type === 'Identifier' ? property.key.name : stringValue(property.key);
    const value = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
    const declaration = value.type === 'Identifier' ? place.scope.lookup(value.name) : undefined;
    if (api !== undefined && PIXEL_CALLS.has(api) && declaration)
      taken.push({ declaration, api: api as CanvasPixelExport, via, object });
  }
  return taken;
}

/**
 * The reads of a pixel call's binding (`api`, taken from `object` in `form`): each names its canvas as a member call
 * would, and stays, as the rewrite routes members only.
 */
function bindingUses(
  { declaration, api }: PixelBinding,
  form: string,
  object: string,
  context: ElementCallContext,
): CanvasUse[] {
  return declaration.references
    .filter((ref) => !ref.write && !ref.inType)
    .map((ref) => {
      const use = calledUse(ref.place, api, context);
      return {
        ...use,
        stays: use.stays ?? `it is ${form}, a form the rewrite does not route`,
        wayOut: `call it as ${object}.${api}(…)`,
      };
    });
}

/** A pixel call's canvas as its call names it; a reference that is not called may name any. */
function calledUse(place: Place, api: CanvasPixelExport, context: ElementCallContext): CanvasUse {
  if (!isCallee(place))
    return { place, api, id: undefined, unread: 'it is not called here', stays: 'it is not called here' };
  const call = place.up!.node as t.CallExpression;
  // Without the component, WeChat looks for the canvas in the page, whose template is not this script's.
  if (call.arguments.length < 2 && context.isComponentScript()) return { place, api, id: undefined, namesNone: true };
  const named = canvasNamedBy(call);
  if ('none' in named) return { place, api, id: undefined, namesNone: true };
  if ('unread' in named) return { place, api, id: undefined, unread: named.unread, stays: named.unread };
  return { place, api, id: named.id };
}

/** The canvas a pixel call's options name: its `canvasId`, or none (a Canvas 2D `canvas`, no id at all). */
function canvasNamedBy(call: t.CallExpression): { id: CanvasIdArgument } | { unread: string } | { none: true } {
  if (call.arguments.some((a) => a.type === 'SpreadElement')) return { unread: 'its arguments are spread' };
  const options = call.arguments[0] && withoutWrappers(call.arguments[0]);
  if (options?.type !== 'ObjectExpression') return { unread: 'its options are not an object literal' };
  let canvasId: t.Node | undefined;
  for (const property of options.properties) {
    if (!isKeyedProperty(property)) return { unread: 'its options spread another object' };
    const key = property.computed
      ? stringValue(property.key)
      : property.key.type === 'Identifier'
        ? property.key.name
        : stringValue(property.key);
    if (key === undefined) return { unread: 'its options have a computed key' };
    if (key === 'canvas') return { none: true };
    // A method named canvasId has no value: it reads as no id.
    if (key === 'canvasId') canvasId = (property as { value?: t.Node }).value ?? property;
  }
  if (!canvasId) return { none: true };
  const id = canvasIdArgument(canvasId);
  return id ? { id } : { unread: 'neither a string literal nor this.data.<name>' };
}
