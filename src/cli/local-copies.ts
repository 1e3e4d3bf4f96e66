/**
 * The local runtime copies of a codemod run (--runtime local): planned before anything is
 * written, written before the first source that imports a family they lack, put back whole
 * where a write fails.
 */
import * as fs from 'fs';
import { writeNewFile, type WritablePath } from '../files/io';
import { writablePath, type WriteScope } from '../files/write-gate';
import { exact, RUNTIME_FAMILIES, type RuntimeFamily, type Wording } from '../rewrite/light';
import { RunAborted } from './migrate';
import type { FileResult } from '../report/file-result';
import { assembleCopy, familiesOfCopy, heldFamilies, type RuntimePieces } from './runtime-copy';
import {
  familiesImportedBy,
  isRuntimeCopy,
  RUNTIME_PIECES_FILE,
  runtimePieces,
  type LocalRuntime,
  type RuntimeChooser,
} from './runtime-target';

/** One file of a local runtime copy: what was there, what the run makes of it, and whether the run wrote it. */
export interface CopyFilePlan {
  file: string;
  /** The runtime itself, or its declaration file beside a `.js` copy. */
  kind: 'runtime' | 'types';
  /** Its text before the run; null: there was none. */
  before: string | null;
  /** Its text for the families the copy holds so far (LocalCopyPlan's). */
  text: string;
  /** What the disk holds now: `before`, or what the run last wrote. */
  onDisk: string | null;
  written: boolean;
}

/**
 * The state of a local runtime copy: the runtime, and beside a `.js` one its declaration file,
 * decided as one: refused where either is a file this tool did not write, and (without --force) where
 * either is a copy this version would not write as it is (another version's, or edited). It holds
 * the families it held before the run and those the run's files import from it (never fewer: a
 * file the run did not look at may import the others), written again before a source that needs
 * a family it lacks.
 */
export interface LocalCopyPlan {
  runtime: LocalRuntime;
  /**
   * The families it holds (in RUNTIME_FAMILIES order when read); what it held before the run, and what the files
   * planned so far import.
   */
  families: Set<RuntimeFamily>;
  /** What it held before the run: none for a new copy. */
  familiesBefore: RuntimeFamily[];
  /** The runtime first, then its declaration file where it has one. */
  files: CopyFilePlan[];
  /** A file that changes (or would, with --dry) imports it. */
  used: boolean;
  /** Why it could not be written once a source was: the files importing it are left as they are. */
  failed?: string;
}

/** The families a copy holds, in the order a copy lists them. */
export function familiesHeldBy(copy: { families: ReadonlySet<RuntimeFamily> }): RuntimeFamily[] {
  return RUNTIME_FAMILIES.filter((family) => copy.families.has(family));
}

/** The text of one file of a copy, for the families it holds. */
function copyText(
  pieces: RuntimePieces,
  copy: { runtime: LocalRuntime; families: Set<RuntimeFamily> },
  kind: CopyFilePlan['kind'],
): string {
  return assembleCopy(pieces, copy.families, kind === 'types' ? 'dts' : copy.runtime.kind);
}

/** Makes the copy hold `families` too: its files' texts follow. Returns whether it holds more than it did. */
export function holdFamilies(copy: LocalCopyPlan, families: Iterable<RuntimeFamily>, pieces: RuntimePieces): boolean {
  const before = copy.families.size;
  for (const family of families) copy.families.add(family);
  if (copy.families.size === before) return false;
  for (const part of copy.files) part.text = copyText(pieces, copy, part.kind);
  return true;
}

/**
 * A local copy's plan before anything is written: what is at its paths, the families it holds
 * (read from its header: a copy of this tool's, never another file), and why it may not be
 * written, if so.
 */
export function planLocalCopy(
  runtime: LocalRuntime,
  force: boolean,
  warn: (msg: string) => void,
  dry: boolean,
  rel: (file: string) => string,
): LocalCopyPlan | Wording {
  let pieces: RuntimePieces;
  try {
    pieces = runtimePieces();
  } catch (err) {
    return (show) =>
      `the standalone runtime ${show(RUNTIME_PIECES_FILE)} is missing from this installation of the package (${show((err as Error).message)})`;
  }
  const parts: { file: string; kind: CopyFilePlan['kind'] }[] = [{ file: runtime.file, kind: 'runtime' }];
  if (runtime.declaration) parts.push({ file: runtime.declaration.file, kind: 'types' });
  const existing = parts.map(({ file }) => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return null;
    }
  });
  // What each file held, where it is a copy of this tool's (one of before copies held some families held them all).
  const held = existing.map((text) => (text !== null && isRuntimeCopy(text) ? familiesOfCopy(text) : undefined));
  const familiesBefore = heldFamilies(
    pieces,
    held.flatMap((f) => (f === 'every' ? RUNTIME_FAMILIES : (f ?? []))),
  );
  const copy = { runtime, families: new Set(familiesBefore) };
  const files: CopyFilePlan[] = [];
  for (const [i, { file, kind }] of parts.entries()) {
    const text = copyText(pieces, copy, kind);
    const before = existing[i];
    // Only a copy this tool wrote (another version, or edited) may be replaced, and that only with
    // --force: any other file there is the user's own (`--runtime local=utils/util.js`), never replaced.
    const conflict: Wording | null =
      before === null || before === text
        ? null
        : held[i] === undefined
          ? (show) =>
              `${show(rel(file))}${kind === 'types' ? `, where the runtime copy ${show(rel(runtime.file))} takes its declaration file,` : ''} exists and is not ${kind === 'types' ? 'one' : 'a runtime copy'} written by this tool, so it is never replaced, with or without --force: choose another path with --runtime local=<path>`
          : force
            ? null
            : (show) =>
                `${show(file)} exists and differs from ${kind === 'types' ? "the types of this version's runtime" : "this version's runtime"} (another version's copy, or edited); pass --force to replace it, or choose another path with --runtime local=<path>`;
    if (conflict !== null) {
      if (!dry) return conflict;
      warn(conflict(exact)); // a dry run writes nothing, so it only says what a real run would refuse
    }
    files.push({ file, kind, before, text, onDisk: before, written: false });
  }
  return { ...copy, familiesBefore, files, used: false };
}

/**
 * Writes the runtime copy a file imports before the file is written, where the copy lacks a
 * family the file imports (the first file, and any that imports one more). A copy that cannot be
 * written before any source is aborts the run (nothing written); after that, the files importing
 * it fail, left as they are: their require would not load.
 */
export function localCopyWriter(
  copies: Map<string, LocalCopyPlan>,
  chooser: () => RuntimeChooser,
  rel: (file: string) => string,
  gate: WriteScope,
): (result: FileResult, first: boolean) => string | null {
  return (result, first) => {
    // A file whose rewrite imports nothing (a rename, a setter written as a property) needs no copy.
    const runtime = result.importSource === undefined ? undefined : chooser().copyOf(result.file);
    if (!runtime) return null;
    const copy = copies.get(runtime.file);
    if (!copy) return 'internal: no plan for the runtime copy this file imports; nothing written';
    if (copy.failed) return copy.failed;
    holdFamilies(copy, familiesImportedBy(result.rewritten), runtimePieces());
    // The runtime, then its declaration file: each written where the disk does not hold its text yet.
    const attempt: { part: CopyFilePlan; at: WritablePath }[] = [];
    for (const part of copy.files) {
      if (part.onDisk === part.text) continue;
      try {
        const at = gatePassed(part.file, gate, rel);
        writeNewFile(at, part.text);
        attempt.push({ part, at });
        part.onDisk = part.text;
        part.written = true;
      } catch (err) {
        // A copy is written whole or not at all: what this attempt wrote goes back as it was.
        for (const done of attempt) restore(done.part, done.at);
        // Nothing is written then.
        if (first)
          throw new RunAborted(
            (show) => `could not write the runtime copy ${show(part.file)}: ${show((err as Error).message)}`,
          );
        copy.failed = `could not write the runtime copy ${rel(part.file)} it would import (${(err as Error).message}); left as it is`;
        return copy.failed;
      }
    }
    return null;
  };
}

/** The path of a file of a copy as the write gate lets it through just before its write; throws its refusal. */
function gatePassed(file: string, gate: WriteScope, rel: (file: string) => string): WritablePath {
  const verdict = writablePath(file, gate);
  if (!verdict.ok) throw new Error(verdict.says(exact, rel(file)));
  return verdict.path;
}

/** Puts back what a file of a copy held before the run wrote it: its old text, or nothing where it was new. */
function restore(part: CopyFilePlan, at: WritablePath): void {
  try {
    if (part.before === null) fs.rmSync(at, { force: true });
    else writeNewFile(at, part.before);
    part.onDisk = part.before;
    part.written = false;
  } catch {
    // What cannot be put back stays as it was written: a copy holding more families than asked still serves every file.
  }
}
