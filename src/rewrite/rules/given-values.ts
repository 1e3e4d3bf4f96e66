/**
 * Values a user handed a door (options, a config's parts), read and shown without trusting
 * them: a getter runs once, inside a try; a proxy, a cycle or a value JSON cannot write never
 * makes a message throw or lie (NaN is shown as NaN, not as JSON's null).
 */

/** The own enumerable properties of an object, each read once, or the first that could not be read and why. */
export type ReadValues = { values: Record<string, unknown> } | { unreadable: string; why: string };

/** Reads `object`'s own enumerable string-keyed properties, running each getter once; never throws. */
export function readOwnValues(object: object): ReadValues {
  const values: Record<string, unknown> = {};
  let keys: string[];
  try {
    keys = Object.keys(object);
  } catch (error) {
    return { unreadable: '', why: `its properties could not be listed: ${errorWords(error)}` };
  }
  for (const key of keys) {
    try {
      values[key] = (object as Record<string, unknown>)[key];
    } catch (error) {
      return { unreadable: key, why: `its getter threw ${errorWords(error)}` };
    }
  }
  return { values };
}

/**
 * Whether `value` is a plain object: made by `{…}` (in any realm) or Object.create(null). A Map, a Date, an array, a
 * class's instance or an object whose prototype holds values of its own is not: what it would pass on is not what its
 * own properties say.
 */
export function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  try {
    if (Object.prototype.toString.call(value) !== '[object Object]') return false;
    const prototype: unknown = Object.getPrototypeOf(value);
    return prototype === null || Object.getPrototypeOf(prototype) === null;
  } catch {
    return false;
  }
}

/** Whether `value` is an array with an item at each index (no hole), each one a string. */
export function isStringArray(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!(i in value) || typeof value[i] !== 'string') return false;
  return true;
}

/** At most this many items or properties of a list or an object are shown, and this deep. */
const SHOWN_ITEMS = 10;
const SHOWN_DEPTH = 3;

/**
 * A value as a message shows it, as it was given: strings and plain data as JSON writes them, and
 * what JSON cannot write as JavaScript does (NaN, Infinity, -0, 10n, undefined, Symbol(x), a
 * function, a hole in an array, an object without a prototype or of a class); a getter is
 * named, not run. Never throws.
 */
export function shownValue(value: unknown): string {
  return shown(value, 0, new Set());
}

function shown(value: unknown, depth: number, seen: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return value.toString();
    case 'function':
      return value.name ? `a function (${value.name})` : 'a function';
    case 'undefined':
      return 'undefined';
    case 'boolean':
      return String(value);
  }
  if (value === null) return 'null';
  try {
    return shownObject(value as object, depth, seen);
  } catch {
    return 'an object that cannot be read';
  }
}

function shownObject(object: object, depth: number, seen: Set<object>): string {
  if (seen.has(object)) return '(itself)';
  if (depth >= SHOWN_DEPTH) return Array.isArray(object) ? '[…]' : '{…}';
  seen.add(object);
  try {
    return Array.isArray(object) ? shownArray(object, depth, seen) : shownProperties(object, depth, seen);
  } finally {
    seen.delete(object);
  }
}

function shownArray(array: unknown[], depth: number, seen: Set<object>): string {
  const items: string[] = [];
  for (let i = 0; i < Math.min(array.length, SHOWN_ITEMS); i++)
    items.push(i in array ? shownProperty(array, String(i), depth, seen) : '<no item>');
  if (array.length > SHOWN_ITEMS) items.push(`… ${array.length - SHOWN_ITEMS} more`);
  return `[${items.join(',')}]`;
}

function shownProperties(object: object, depth: number, seen: Set<object>): string {
  const keys = Object.keys(object);
  const entries = keys
    .slice(0, SHOWN_ITEMS)
    .map((key) => `${JSON.stringify(key)}:${shownProperty(object, key, depth, seen)}`);
  if (keys.length > SHOWN_ITEMS) entries.push(`… ${keys.length - SHOWN_ITEMS} more`);
  return `${kindOf(object)}{${entries.join(',')}}`;
}

/** A property as shown: its value, or `a getter`, never run. */
function shownProperty(object: object, key: string, depth: number, seen: Set<object>): string {
  const descriptor = Object.getOwnPropertyDescriptor(object, key);
  if (descriptor && !('value' in descriptor)) return 'a getter';
  return shown(descriptor?.value, depth + 1, seen);
}

/** What is said before an object's properties that is not plain: `Object.create(null) `, `Map `, `Foo `. */
function kindOf(object: object): string {
  const prototype: unknown = Object.getPrototypeOf(object);
  if (prototype === null) return 'Object.create(null) ';
  if (isPlainObject(object)) return '';
  const name = (prototype as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? `${name} ` : 'an object ';
}

/** An error's words: its name and message, or the value thrown. */
function errorWords(error: unknown): string {
  try {
    if (error instanceof Error) return `${error.name}: ${error.message}`;
  } catch {
    return 'an error that cannot be read';
  }
  return shownValue(error);
}
