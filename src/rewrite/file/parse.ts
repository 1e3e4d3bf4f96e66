/**
 * How the codemod reads a script: oxc-parser (native, several times faster than Babel on
 * cold code, ESTree output) where it loads and the script parses, else @babel/parser,
 * whose error messages are the ones reported. The matcher reads either tree (the few
 * places where ESTree and Babel differ are handled in api-object.ts, scope.ts and
 * apply-text.ts: string literals, object properties, directives, the interpreter line).
 *
 * The `parser` option (options-schema.ts; RECORD_COMPAT_PARSER overrides its default)
 * forces one: `babel` for anyone whose platform has no oxc binary, and how the tests run
 * every fixture through both parsers.
 */
import type * as t from '@babel/types';
import type { ParserName } from '../rules/file-kinds';
import { parseScript } from './parse-check';
import { oxcUnavailableError, parserChoice, type ParserChoice } from '../rules/options-schema';
import { loadOxc, type OxcModule } from '../rules/oxc';
import { MAX_NESTING, nestsDeeperThan } from '../rules/refusal';
import { positionsOf } from '../rules/text-positions';
import type { ChildKeys } from './scope';

export interface ParsedScript {
  program: t.Program;
  /** Every comment, with its offsets. */
  comments: readonly { start: number; end: number }[];
  /** The interpreter line (`#!…`), if any: Babel's `program.interpreter`, oxc's `program.hashbang`. */
  interpreter: { start: number; end: number } | null;
  /** Line (1-based) and column (0-based, UTF-16) of an offset. */
  position: (offset: number) => { line: number; column: number };
  parser: 'oxc' | 'babel';
  /** The child keys of the tree's node kinds, as its parser publishes them (scope.ts, ChildKeys). */
  childKeys: ChildKeys | undefined;
}

/** Babel's child keys, from the @babel/types this package depends on (loaded with the parser). */
function babelVisitorKeys(): ChildKeys {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('@babel/types') as typeof import('@babel/types')).VISITOR_KEYS;
}

/**
 * oxc can hand its tree over by raw transfer (Node >= 22, 64-bit): read by JS straight from the
 * parser's memory instead of through a JSON string, about half the cost per byte. It pays only
 * once a thread has parsed some volume: its first use allocates a 6 GiB (virtual) buffer, which
 * V8 answers with a full garbage collection (external memory), and its deserializer has to warm
 * up; together about what the JSON hand-over of 512 K characters of source costs. So each thread (each has
 * its own copy of this module) takes it after that much source, and keeps the JSON hand-over for
 * good where the buffer cannot be allocated (a low `ulimit -v`).
 */
const RAW_TRANSFER_AFTER_CHARS = rawTransferAfterChars();

/**
 * 512 K characters; a test may lower it (RECORD_COMPAT_TEST_RAW_TRANSFER_AFTER) to check the hand-over on a small tree.
 */
function rawTransferAfterChars(): number {
  const forTest = Number(process.env.RECORD_COMPAT_TEST_RAW_TRANSFER_AFTER);
  return Number.isSafeInteger(forTest) && forTest >= 0 ? forTest : 512 * 1024;
}
let parsedChars = 0;
let rawTransfer: boolean | undefined;

function useRawTransfer(native: OxcModule, code: string): boolean {
  if (parsedChars < RAW_TRANSFER_AFTER_CHARS) {
    parsedChars += code.length;
    return false;
  }
  rawTransfer ??= native.rawTransferSupported();
  return rawTransfer;
}

/**
 * oxc's parse, with the same language choice as Babel's: `.ts` without JSX, everything else as
 * TSX. `tree: false` when only the errors are read (the re-parse check): the JSON hand-over never
 * builds a tree nobody reads, where raw transfer would build it all.
 */
function parseWithOxc(
  native: OxcModule,
  code: string,
  parser: ParserName,
  tree = true,
): ReturnType<OxcModule['parseSync']> {
  const filename = parser === 'ts' ? 'file.ts' : 'file.tsx';
  const options = { lang: parser, sourceType: 'module', preserveParens: false } as const;
  if (tree && useRawTransfer(native, code)) {
    try {
      // An option oxc-parser's typings do not declare yet.
      return native.parseSync(filename, code, { ...options, experimentalRawTransfer: true } as typeof options);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      rawTransfer = false; // its buffer could not be allocated here
    }
  }
  return native.parseSync(filename, code, options);
}

/**
 * Parses a script (without its BOM). Throws Babel's SyntaxError (with `loc`) when it does not
 * parse. `depthChecked`: the door has refused this text already if it nests too deeply
 * (classifyFile, as the codemod does on each file it reads), so it is not estimated again here.
 */
export function parseForRewrite(
  text: string,
  parser: ParserName,
  option?: ParserChoice,
  depthChecked = false,
): ParsedScript {
  const choice = parserChoice(option);
  // oxc-parser overflows its native stack (and takes the process with it) on deep nesting:
  // such a text goes to Babel, which fails with a catchable error. The doors refuse it before (refusal.ts).
  const deep = !depthChecked && nestsDeeperThan(text, MAX_NESTING);
  const native = choice === 'babel' || deep ? null : loadOxc();
  if (choice === 'oxc' && !native && !deep) throw oxcUnavailableError();
  if (native) {
    const result = parseWithOxc(native, text, parser);
    if (result.errors.length === 0) {
      const program = result.program as unknown as t.Program & { hashbang?: { start: number; end: number } | null };
      return {
        program,
        comments: result.comments,
        interpreter: program.hashbang ?? null,
        position: positionsOf(text),
        parser: 'oxc',
        childKeys: native.visitorKeys as ChildKeys,
      };
    }
    // oxc is stricter in places (`return` at the top level, some legacy proposals): Babel decides.
  }
  const file = parseScript(text, parser);
  const program = file.program;
  return {
    program,
    comments: (file.comments ?? []) as { start: number; end: number }[],
    interpreter: program.interpreter ? { start: program.interpreter.start!, end: program.interpreter.end! } : null,
    position: positionsOf(text),
    parser: 'babel',
    childKeys: babelVisitorKeys(),
  };
}

/**
 * Throws when `code` does not parse as `parser` (the re-parse check of every rewritten text,
 * with the parser that read it). Read by oxc, the text was not too deep (parseForRewrite), and
 * its rewrite nests at most a level more (an options object in a call), far below where oxc's
 * stack gives out (about three times MAX_NESTING): its depth is not estimated again.
 */
export function assertReparses(code: string, parser: ParserName, readBy: ParsedScript['parser']): void {
  if (readBy === 'oxc') {
    const errors = parseWithOxc(loadOxc()!, code, parser, false).errors;
    if (errors.length > 0) throw new Error(errors[0].message);
    return;
  }
  parseScript(code, parser);
}
