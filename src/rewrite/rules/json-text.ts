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
  const scan = new JsonScan(text);
  try {
    scan.document();
  } catch (fault) {
    return fault as Fault;
  }
  return undefined;
}

/**
 * A recursive-descent reading of a JSON text that only checks it: each step moves `at` past what it reads, or throws
 * the Fault there.
 */
class JsonScan {
  private at = 0;

  constructor(private readonly text: string) {}

  /** One value, and nothing after it but white space. */
  document(): void {
    this.value();
    this.skipSpace();
    if (this.at < this.text.length) this.fail(`more text after the JSON value: ${JSON.stringify(this.text[this.at])}`);
  }

  private fail(fault: string): never {
    throw { offset: this.at, fault } satisfies Fault;
  }

  private unexpected(): never {
    const { text, at } = this;
    if (at >= text.length) this.fail('the text ends before the JSON does');
    if (text.startsWith('//', at) || text.startsWith('/*', at)) this.fail('a comment, which JSON does not allow');
    return this.fail(`unexpected ${JSON.stringify(text[at])}`);
  }

  private skipSpace(): void {
    while (this.at < this.text.length && ' \t\n\r'.includes(this.text[this.at])) this.at++;
  }

  /** After the comma at `comma`: the closing bracket right behind it is a trailing comma, said at the comma. */
  private trailingComma(comma: number, close: string): void {
    if (this.text[this.at] !== close) return;
    this.at = comma;
    this.fail(`a trailing comma before '${close}', which JSON does not allow`);
  }

  private value(): void {
    this.skipSpace();
    const { text, at } = this;
    const c = text[at];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    NUMBER.lastIndex = at;
    if (NUMBER.test(text)) {
      this.at = NUMBER.lastIndex;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, at)) {
        this.at += word.length;
        return;
      }
    }
    this.unexpected();
  }

  private string(): void {
    const text = this.text;
    this.at++;
    for (;;) {
      if (this.at >= text.length) this.fail('a string that is never closed');
      const c = text[this.at];
      if (c === '"') break;
      if (c < ' ') this.fail('a control character (a line break?) inside a string');
      if (c === '\\') {
        this.at++;
        if (text[this.at] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(this.at + 1, this.at + 5))) this.at += 4;
        else if (!ESCAPES.has(text[this.at])) this.fail('an escape JSON does not have');
      }
      this.at++;
    }
    this.at++;
  }

  private object(): void {
    this.members('}', () => {
      if (this.text[this.at] !== '"') this.unexpected();
      this.string();
      this.skipSpace();
      if (this.text[this.at] !== ':') this.unexpected();
      this.at++;
      this.value();
    });
  }

  private array(): void {
    this.members(']', () => this.value());
  }

  /** The members of an object or an array, each read by `member`, separated by commas, up to `close`. */
  private members(close: string, member: () => void): void {
    this.at++;
    this.skipSpace();
    if (this.text[this.at] === close) {
      this.at++;
      return;
    }
    for (;;) {
      member();
      this.skipSpace();
      if (this.text[this.at] === close) break;
      if (this.text[this.at] !== ',') this.unexpected();
      const comma = this.at++;
      this.skipSpace();
      this.trailingComma(comma, close);
    }
    this.at++;
  }
}
