/**
 * The JSON files the engine consults (package.json, project.config.json, app.json, npm's
 * lockfiles), parsed as their owners parse them: strict JSON (no comments, no trailing comma),
 * a leading byte-order mark dropped as npm and Windows editors leave it. A text that does not
 * parse is said with the line and column of its first fault, in words a one-line report can
 * carry: V8's own messages give a position on some Node versions and quote the file's lines
 * on others, so the fault is found here, the same on every Node.
 *
 * Loads no parser (part of the light entry).
 */

/** A JSON text that does not parse: where (1-based line and column) and what is wrong there. */
export class JsonTextError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly fault: string,
  ) {
    super(`not valid JSON at line ${line}, column ${column}: ${fault}`);
  }
}

/** The value of a JSON text; throws JsonTextError when it is not JSON. */
export function parseJsonText(text: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(body);
  } catch (error) {
    const { offset, fault } = firstFault(body) ?? { offset: 0, fault: (error as Error).message };
    const { line, column } = lineAndColumn(body, offset);
    throw new JsonTextError(line, column, fault);
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Thrown inside the scan: the offset of the fault and what it is. */
interface Fault {
  offset: number;
  fault: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** The first place where `text` stops being JSON (RFC 8259), or undefined when it is JSON. */
function firstFault(text: string): Fault | undefined {
  let at = 0;
  const fail = (fault: string): never => {
    throw { offset: at, fault } satisfies Fault;
  };
  const unexpected = (): never => {
    if (at >= text.length) fail('the text ends before the JSON does');
    if (text.startsWith('//', at) || text.startsWith('/*', at)) fail('a comment, which JSON does not allow');
    return fail(`unexpected ${JSON.stringify(text[at])}`);
  };
  const skipSpace = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at])) at++;
  };
  /** After the comma at `comma`: the closing bracket right behind it is a trailing comma, said at the comma. */
  const trailingComma = (comma: number, close: string) => {
    if (text[at] !== close) return;
    at = comma;
    fail(`a trailing comma before '${close}', which JSON does not allow`);
  };
  const string = () => {
    at++;
    for (;;) {
      if (at >= text.length) fail('a string that is never closed');
      const c = text[at];
      if (c === '"') break;
      if (c < ' ') fail('a control character (a line break?) inside a string');
      if (c === '\\') {
        at++;
        if (text[at] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) at += 4;
        else if (!ESCAPES.has(text[at])) fail('an escape JSON does not have');
      }
      at++;
    }
    at++;
  };
  const value = (): void => {
    skipSpace();
    const c = text[at];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    NUMBER.lastIndex = at;
    if (NUMBER.test(text)) {
      at = NUMBER.lastIndex;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return;
      }
    }
    unexpected();
  };
  const object = () => {
    at++;
    skipSpace();
    if (text[at] === '}') {
      at++;
      return;
    }
    for (;;) {
      if (text[at] !== '"') unexpected();
      string();
      skipSpace();
      if (text[at] !== ':') unexpected();
      at++;
      value();
      skipSpace();
      if (text[at] === '}') break;
      if (text[at] !== ',') unexpected();
      const comma = at++;
      skipSpace();
      trailingComma(comma, '}');
    }
    at++;
  };
  const array = () => {
    at++;
    skipSpace();
    if (text[at] === ']') {
      at++;
      return;
    }
    for (;;) {
      value();
      skipSpace();
      if (text[at] === ']') break;
      if (text[at] !== ',') unexpected();
      const comma = at++;
      skipSpace();
      trailingComma(comma, ']');
    }
    at++;
  };
  try {
    value();
    skipSpace();
    if (at < text.length) fail(`more text after the JSON value: ${JSON.stringify(text[at])}`);
  } catch (fault) {
    return fault as Fault;
  }
  return undefined;
}
