/**
 * Which files the audit scans with the type checker. A program over every file of a large project
 * is what makes type-aware tools slow, so a text pre-filter picks the files first, with the files
 * that import them (see selectFiles for the trade-off).
 */
import * as fs from 'fs';
import { ts } from 'ts-morph';
import { isScriptFile } from '../rewrite/light';
import { mentionsLegacyApi, readForAudit, usesNamespaceAsValue, type RefusedRead } from './read';
import { optionsOf, type LoadedConfig } from './config';
import { referencedTarget, referenceResolver, resolutionCachePerOptions, resolveImport } from './resolution';

const IMPORT_SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"\n]+)['"]/g;
export interface Selection {
  /** Files the scanner walks with the type checker. */
  scan: Set<string>;
  /** Files that use wx / Taro as a value (without naming the API). */
  namespaceFiles: Set<string>;
  texts: Map<string, string>;
  /**
   * Files that name the API but that the rewrite refuses (classifyFile): kept away from the type checker, listed, with
   * the places for a person in them.
   */
  refused: Map<string, RefusedRead>;
  /** Files that could not be read, with the reason: warned of, as the walk's unreadable folders are. */
  unreadable: Map<string, string>;
}
/**
 * The pre-filter. A file is scanned when
 *  1. it names a deprecated API of the rewrite's table (every direct reference, alias *definition*,
 *     destructuring, `typeof Taro.startRecord`, `x.startRecord` through an alias of Taro
 *     imported from elsewhere: the member name is always spelled at the use), or
 *  2. it uses wx / Taro as a value rather than as `wx.request`-style access or the import
 *     binding (`wx[key]`, `const api = Taro`, `promisifyAll(wx)`; see `usesNamespaceAsValue`), or
 *  3. it imports, directly or through other files, a file of (1) or (2): that is the only
 *     way a value defined there (`export const rec = wx.startRecord`, `export const api = Taro`)
 *     can reach it.
 * Most files of a Taro app import Taro and call other APIs on it; (2) keeps them out.
 * Trade-off: an alias that travels without an import (a global, `getApp().globalData`,
 * an event bus, dependency injection) is not followed; the place it is stored is still
 * reported, because that place names the API. Importers are found with a regex over the
 * text and a resolver for relative paths and tsconfig `paths`: cheap, and over-including
 * a file only costs time, never a wrong answer.
 */
export function selectFiles(config: LoadedConfig): Selection {
  const { texts, importers, refused, unreadable } = buildGraph(config);
  const legacy: string[] = [];
  const namespaceFiles = new Set<string>();
  for (const [file, text] of texts) {
    if (mentionsLegacyApi(text)) legacy.push(file);
    else if (usesNamespaceAsValue(text)) namespaceFiles.add(file);
  }

  const scan = new Set<string>();
  const queue = [...legacy, ...namespaceFiles];
  const reached = new Set(queue);
  while (queue.length > 0) {
    const file = queue.pop()!;
    scan.add(file);
    for (const importer of importers.get(file) ?? []) {
      if (!reached.has(importer)) {
        reached.add(importer);
        queue.push(importer);
      }
    }
  }
  return { scan, namespaceFiles, texts, refused, unreadable };
}

/**
 * The project's files and their texts, plus the local files they import that the config
 * leaves out (a tsconfig `include` narrower than the app: those files still hold code that
 * runs), and for each file the files that import it.
 */
export function buildGraph(config: LoadedConfig): {
  texts: Map<string, string>;
  importers: Map<string, string[]>;
  refused: Map<string, RefusedRead>;
  unreadable: Map<string, string>;
} {
  const texts = new Map<string, string>();
  const refused = new Map<string, RefusedRead>();
  const unreadable = new Map<string, string>();
  const known = new Set(config.fileNames);
  const exists = (candidate: string): boolean =>
    known.has(candidate) ||
    (isScriptFile(candidate) &&
      !candidate.includes('/node_modules/') &&
      fs.existsSync(candidate) &&
      fs.statSync(candidate).isFile());
  const importers = new Map<string, string[]>();
  // Each file's imports resolve by its own project's options (a referenced project's `paths`).
  const projectOptionsOf = optionsOf(config);
  const resolveCacheOf = resolutionCachePerOptions();
  const usesPathMapping = (options: ts.CompilerOptions): boolean =>
    options.paths !== undefined || options.baseUrl !== undefined;
  // An import of a referenced project (a workspace package whose types are its unbuilt dist/) leads to its source.
  const throughReferences = config.referencedSources ? referenceResolver(config.referencedSources, ts.sys) : undefined;
  const referencedSourceFiles = new Set(config.referencedSources?.values());
  const queue = [...config.fileNames];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (texts.has(file) || refused.has(file) || unreadable.has(file)) continue;
    const read = readForAudit(file);
    if ('unreadable' in read) {
      unreadable.set(file, read.unreadable);
      continue;
    }
    if ('refused' in read) {
      if (!file.endsWith('.d.ts') || read.refused.reason === 'encoding') refused.set(file, read.refused);
      continue;
    }
    const text = read.text;
    texts.set(file, text);
    const seen = new Set<string>();
    for (const match of text.matchAll(IMPORT_SPECIFIER)) {
      const specifier = match[1];
      if (seen.has(specifier)) continue;
      seen.add(specifier);
      const options = projectOptionsOf(file);
      const target =
        resolveImport(
          file,
          specifier,
          exists,
          usesPathMapping(options) ? options : undefined,
          resolveCacheOf(options),
        ) ??
        (throughReferences && !specifier.startsWith('.')
          ? referencedTarget(
              throughReferences(specifier, file, options)?.resolvedFileName,
              referencedSourceFiles,
              exists,
            )
          : undefined);
      if (!target) continue;
      const list = importers.get(target);
      if (list) list.push(file);
      else importers.set(target, [file]);
      if (!texts.has(target)) queue.push(target);
    }
  }
  return { texts, importers, refused, unreadable };
}
