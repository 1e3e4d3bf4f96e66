/**
 * Programs that share the parse of the declaration files nobody edits while the tests run (TypeScript's lib files and
 * the typings under node_modules), as TypeScript's language service shares files between programs: a test that
 * builds several programs over WeChat's typings and lib.dom.d.ts parses them once per worker, not once per program.
 */
import path from 'node:path';
import ts from 'typescript';

/** Parsed declaration files, by path, language version and module format: what a parse depends on. */
const parsed = new Map<string, ts.SourceFile>();

const isShared = (file: string) => file.endsWith('.d.ts') && file.includes('/node_modules/');

/**
 * `ts.createProgram(roots, options)`, its shared declaration files parsed once; `files` (absolute path to text) are
 * read from memory instead of the disk.
 */
export function createProgram(
  roots: string[],
  options: ts.CompilerOptions,
  files: ReadonlyMap<string, string> = new Map(),
): ts.Program {
  const host = ts.createCompilerHost(options);
  const { readFile, fileExists } = host;
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => files.get(path.resolve(file)) ?? readFile.call(host, file);
  host.fileExists = (file) => files.has(path.resolve(file)) || fileExists.call(host, file);
  host.getSourceFile = (file, language, onError, shouldCreate) => {
    const text = files.get(path.resolve(file));
    if (text !== undefined) return ts.createSourceFile(file, text, language, true);
    if (!isShared(file)) return getSourceFile(file, language, onError, shouldCreate);
    const settings = typeof language === 'object' ? language : { languageVersion: language };
    const key = [file, settings.languageVersion, settings.impliedNodeFormat].join('\0');
    let sourceFile = parsed.get(key);
    if (!sourceFile) {
      sourceFile = getSourceFile(file, language, onError, shouldCreate);
      if (sourceFile) parsed.set(key, sourceFile);
    }
    return sourceFile;
  };
  return ts.createProgram(roots, options, host);
}
