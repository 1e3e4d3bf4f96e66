/**
 * How the audit's programs read their files: TypeScript's own compiler host over the disk, but for the texts the
 * audit gives (what the pre-filter read, a refused file as an empty module, a .vue component's script blocks),
 * TypeScript's standard library (ts-morph's TypeScript keeps it in memory) and a referenced project's sources.
 * Each file is parsed once for every program over it (--verify's two), the standard library and installed typings once
 * a process, and as tsc parses it.
 */
import { ts } from 'ts-morph';
import { normalize } from './paths';
import { referenceResolver } from './resolution';
import { tsMorphCommonEntry } from './ts-morph-files';

/** Where the standard library's files are named, as ts-morph names them: no file on disk is there. */
const LIBRARY_FOLDER = '/node_modules/typescript/lib';

let library: Map<string, string> | undefined;

/**
 * TypeScript's standard library (`lib.es2020.d.ts`…), by path: the files the copy of @ts-morph/common that ts-morph
 * loads holds, so that they are of its TypeScript's version (its package has no lib folder).
 */
function standardLibrary(): Map<string, string> {
  if (library) return library;
  const common = tsMorphCommonEntry();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the copy ts-morph resolves, found at run time
  const { getLibFiles } = require(common) as { getLibFiles(): { fileName: string; text: string }[] };
  library = new Map(getLibFiles().map(({ fileName, text }) => [`${LIBRARY_FOLDER}/${fileName}`, text]));
  return library;
}

/**
 * A declaration file's parse without its JSDoc: under skipLibCheck no error is reported in it, and its comments (typings
 * are mostly comments, many with an `@see` that tsc parses) tell the checker nothing about a TypeScript file's types.
 */
function withoutJsDoc(given: ts.ScriptTarget | ts.CreateSourceFileOptions): ts.CreateSourceFileOptions {
  const options = typeof given === 'object' ? given : { languageVersion: given };
  return { ...options, jsDocParsingMode: ts.JSDocParsingMode.ParseForTypeInfo };
}

/**
 * Declaration files that do not change while a process runs, as parsed, by path and parse settings: TypeScript's
 * standard library and the typings installed under a node_modules (WeChat's, Taro's, React's). All the programs of a
 * process (a solution's projects, the audits of one process) share one parse of each, as TypeScript's language service
 * shares them: binding is kept on the file and done once, and each program's checker keeps its own state. An installed
 * file is read again for each program and parsed again if its text changed.
 */
const sharedDeclarations = new Map<string, ts.SourceFile>();

function sharedDeclaration(file: string, text: string, options: ts.CreateSourceFileOptions): ts.SourceFile {
  const key = [file, options.languageVersion, options.impliedNodeFormat, options.jsDocParsingMode].join('\0');
  const known = sharedDeclarations.get(key);
  if (known?.text === text) return known;
  const sourceFile = ts.createSourceFile(file, text, options);
  sharedDeclarations.set(key, sourceFile);
  return sourceFile;
}

/** A declaration file a package manager installed (TypeScript names files with forward slashes). */
const isInstalledDeclaration = (file: string): boolean => /\/node_modules\/.*\.d\.[cm]?ts$/.test(file);

/** A compiler host, and the texts it reads in place of the disk's (absolute paths, forward slashes). */
export interface AuditHost {
  host: ts.CompilerHost;
  texts: Map<string, string>;
}

/**
 * The host of one set of options. A file is parsed again only when the text given for it changed (--verify reads a
 * migrated file's text before the migration into the same host): the rest of the second program is the first's.
 */
export function createAuditHost(
  options: ts.CompilerOptions,
  texts: Map<string, string>,
  referencedSources: ReadonlyMap<string, string>,
): AuditHost {
  const host = ts.createCompilerHost(options);
  // As tsc parses: a TypeScript file's JSDoc only where a type error needs it (typings are mostly comments).
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  const fromDisk = { fileExists: host.fileExists, readFile: host.readFile, getSourceFile: host.getSourceFile };
  const textOf = (file: string): string | undefined => texts.get(normalize(file)) ?? standardLibrary().get(file);
  host.getDefaultLibLocation = () => LIBRARY_FOLDER;
  host.getDefaultLibFileName = (given) => `${LIBRARY_FOLDER}/${ts.getDefaultLibFileName(given)}`;
  host.fileExists = (file) => textOf(file) !== undefined || fromDisk.fileExists(file);
  host.readFile = (file) => textOf(file) ?? fromDisk.readFile(file);
  const parsed = new Map<string, ts.SourceFile>();
  host.getSourceFile = (file, given, onError) => {
    const text = textOf(file);
    const earlier = parsed.get(file);
    if (earlier && (text === undefined || earlier.text === text)) return earlier;
    const languageVersion = file.endsWith('.d.ts') ? withoutJsDoc(given) : given;
    const installed = text === undefined && isInstalledDeclaration(file) ? fromDisk.readFile(file) : undefined;
    let sourceFile: ts.SourceFile | undefined;
    if (installed !== undefined) sourceFile = sharedDeclaration(file, installed, withoutJsDoc(given));
    else if (text === undefined) sourceFile = fromDisk.getSourceFile(file, languageVersion, onError);
    else if (texts.has(normalize(file))) sourceFile = ts.createSourceFile(file, text, languageVersion);
    else sourceFile = sharedDeclaration(file, text, withoutJsDoc(given));
    if (sourceFile) parsed.set(file, sourceFile);
    return sourceFile;
  };
  if (referencedSources.size > 0) {
    const resolve = referenceResolver(referencedSources, host);
    host.resolveModuleNames = (names, containingFile, _reused, redirectedReference, given, containingSourceFile) =>
      names.map((name, index) =>
        resolve(
          name,
          containingFile,
          given,
          redirectedReference,
          containingSourceFile ? ts.getModeForResolutionAtIndex(containingSourceFile, index, given) : undefined,
        ),
      );
  }
  return { host, texts };
}
