/**
 * Calls that name an element of the page's template by its id (`createAudioContext('myAudio')`
 * and `<audio id="myAudio">`, the table's `drivesElement` rows): is this call rewritten, and with
 * which of the element's attributes? A context alone can be emulated (the runtime's
 * createAudioContext, one InnerAudioContext per id); what the element shows (`controls`) or
 * tells the page (`bindended`, `onEnded`, `@ended`) cannot, so such a call is left as it is and
 * reported with the element's place and the reason. One verdict per call, never half of one.
 */
import type * as t from '@babel/types';
import { staticString } from '../rules/literals';
import type { TemplateWrites } from '../rules/types';
import { accessPath, holderOf, unwrapped } from './holders';
import type { Place, Reference } from './scope';
import type { AttributeValue, Rendering, ScriptTemplate, TemplateElement, TemplateSyntax } from './template-element';

/** What a rewritten call passes on from its element: its static `src` and `loop` (the runtime's third argument). */
export interface ElementAttributes {
  src?: string;
  loop?: true;
}

/**
 * The attributes a rewritten call gains, beside its id: `createAudioContext({ id: 'a', src: '/a.mp3' })`, the user's id
 * keeping its bytes.
 */
export interface ElementArguments {
  call: t.CallExpression;
  attributes: ElementAttributes;
}

export type ElementCallVerdict = { rewrite: true; attributes: ElementAttributes } | { reason: string };

/** What the verdict needs to know of the script around a call. */
export interface ElementCallContext {
  /** The script's template, read on the first call. */
  template(): ScriptTemplate;
  /** Every call of the script (the places the scope walk keeps), to find `setSrc` on the context. */
  places: readonly Place[];
  /** Every identifier that reads or writes a name: where a context handed to a function goes (context-escape.ts). */
  references: readonly Reference[];
  /** A member's static property name (`a.b`, `a['b']`). */
  memberName(node: t.MemberExpression): string | undefined;
  /**
   * The script registers a native custom component (`Component({…})`): its template is the component's, not the page's.
   */
  isComponentScript(): boolean;
  /** A node's line, for reasons that name another place of the script. */
  lineOf(node: t.Node): number;
  /** Which templates the door writes with the script: a canvas moves only with its template. */
  writesTemplates?: TemplateWrites;
  /** A Vue component's template reads the script's imports (the component has a `<script setup>`). */
  templateSeesImports?: boolean;
}

const ABSENT: AttributeValue = { kind: 'absent' };
/**
 * The legacy API takes the id and, in a component, the component: a third argument would reach the runtime's element.
 */
const MAX_LEGACY_ARGUMENTS = 2;

/**
 * Is a static attribute on? WXML turns any non-empty string into true (`controls="false"` is on,
 * only `{{false}}` is off: WeChat's data-binding rules); JSX passes the string, empty is falsy;
 * Vue casts a boolean prop written at all (`controls=""`) to true.
 */
function isOn(value: AttributeValue, syntax: TemplateSyntax): boolean {
  if (value.kind !== 'static') return false;
  if (typeof value.value === 'boolean') return value.value;
  return syntax === 'vue' || value.value !== '';
}

/**
 * The element's `controls`, written in any case (`Controls`): one that is bound, else one that
 * is on, else the one written. Taken for controls, an attribute only leaves the call for a person.
 */
function controlsOf(element: TemplateElement): AttributeValue {
  const written = [...element.attributes]
    .filter(([name]) => name.toLowerCase() === 'controls')
    .map(([, value]) => value);
  return (
    written.find((value) => value.kind === 'bound') ??
    written.find((value) => isOn(value, element.syntax)) ??
    written[0] ??
    ABSENT
  );
}

/** Does the script call `setSrc` on the context this call makes (on the very path it is kept under)? */
function setsSource(callPlace: Place, context: ElementCallContext): boolean {
  const holder = holderOf(callPlace, context.memberName);
  if (holder === undefined) return false;
  const parent = unwrapped(callPlace).parent;
  if (holder === '.') return context.memberName(parent as t.MemberExpression) === 'setSrc';
  return context.places.some(({ node }) => {
    if (
      (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression') ||
      (node.callee.type !== 'MemberExpression' && node.callee.type !== 'OptionalMemberExpression')
    )
      return false;
    return (
      context.memberName(node.callee as t.MemberExpression) === 'setSrc' &&
      accessPath(node.callee.object, context.memberName) === holder
    );
  });
}

/**
 * What renders the element other than once, said of it. A list renders the id 0 or N times and a
 * condition takes the element away (a context then plays nothing, and playback stops when it
 * goes); one InnerAudioContext per id would play anyway.
 */
function renderingPhrase(rendering: Rendering): string {
  if (rendering.kind === 'repeated') return `is repeated by ${rendering.by} at ${rendering.where}`;
  if (rendering.kind === 'conditional') return `is rendered conditionally (${rendering.by} at ${rendering.where})`;
  return `is rendered by ${rendering.by} at ${rendering.where}, which may render it any number of times`;
}

/** `a`, `a and b`, `a, b and c`. */
function joined(phrases: string[]): string {
  return phrases.length < 2
    ? phrases.join('')
    : `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]}`;
}

/** The verdict on an element the id names: what it shows or says keeps the call; else the attributes it passes. */
function elementVerdict(element: TemplateElement, id: string, setsSrc: () => boolean): ElementCallVerdict {
  const shown = `the <${element.tag} id="${id}"> at ${element.where}`;
  // A <video>'s id: no AudioContext ever drove it, so the way out may be createVideoContext, not
  // createInnerAudioContext.
  if (!element.isAudio)
    return {
      reason: `'${id}' is ${shown}, not an <audio>${/^video$/i.test(element.tag) ? ' (if the video was meant, createVideoContext drives it)' : ''}`,
    };
  if (element.unreadable)
    return { reason: `${shown} spreads attributes the migration cannot read (${element.unreadable})` };
  const controls = controlsOf(element);
  // Everything the page would lose is named at once, so one look at the report is enough.
  const shows =
    controls.kind === 'bound'
      ? `may show its own controls (controls is bound to ${controls.text})`
      : isOn(controls, element.syntax)
        ? 'shows its own controls'
        : '';
  const listens = element.events.length > 0 ? `the page listens to ${element.events.join(', ')}` : '';
  const said = [...(shows ? [shows] : []), ...element.rendering.map(renderingPhrase)];
  if (said.length > 0 && listens) return { reason: `${shown} ${joined(said)}, and ${listens}` };
  if (said.length > 0) return { reason: `${shown} ${joined(said)}` };
  if (listens) return { reason: `${shown}: ${listens}` };
  const loop = element.attributes.get('loop') ?? ABSENT;
  if (loop.kind === 'bound') return { reason: `${shown} binds loop to ${loop.text}, which the migration cannot read` };
  const src = element.attributes.get('src') ?? ABSENT;
  if (src.kind === 'bound' && !setsSrc())
    return { reason: `${shown} takes its src from ${src.text} and the script never calls setSrc on this context` };
  const attributes: ElementAttributes = {};
  if (src.kind === 'static' && typeof src.value === 'string' && src.value !== '') attributes.src = src.value;
  if (isOn(loop, element.syntax)) attributes.loop = true;
  return { rewrite: true, attributes };
}

/**
 * The verdict on one reference to an element-driving API: `callPlace` is the call it is the
 * callee of (undefined for a reference that is not called: its id cannot be read).
 */
export function elementCallVerdict(callPlace: Place | undefined, context: ElementCallContext): ElementCallVerdict {
  if (!callPlace) return { reason: 'it is not called here, so the id of its element cannot be read' };
  const call = callPlace.node as t.CallExpression;
  if (call.arguments.length > MAX_LEGACY_ARGUMENTS)
    return {
      reason: `it is called with ${call.arguments.length} arguments; the legacy API takes the id and the component`,
    };
  const id = staticString(call.arguments[0]);
  if (id === undefined) return { reason: 'the id is not a string literal' };
  // Without the component, WeChat looks for the id in the page, whose template is not this script's.
  if (call.arguments.length < 2 && context.isComponentScript())
    return {
      reason:
        'it is called in a component without the component (this) as second argument, so the id names an element of the page, whose template is not known here',
    };
  const found = context.template().lookup(id);
  if ('problem' in found) return { reason: found.problem };
  return elementVerdict(found.element, id, () => setsSource(callPlace, context));
}
