/**
 * The program the audit looks with: WeChat's typings added where the project has none (and the scan may reach
 * them), the texts the pre-filter read standing in for the files, and what TypeScript cannot take.
 */
import * as path from 'path';
import { ts } from 'ts-morph';
import { normalize } from './paths';
import { createAuditHost } from './program-host';
import { scanTypes } from './config';
import type { selectFiles } from './selection';

/** miniprogram-api-typings as this package depends on it: a plain JS mini-program still resolves `wx`. */
function bundledWechatTypings(): string {
  return path.join(path.dirname(require.resolve('miniprogram-api-typings/package.json')), 'index.d.ts');
}

/**
 * What TypeScript reads for the project's files (createAuditProject's `standIns`): the texts the
 * pre-filter read, so that each file is read once and the type checker and the rewrite's report
 * see one text even when the file is edited while the audit runs (without the byte order mark,
 * as TypeScript's own read drops it); a refused file reached through an import as an empty
 * module, its text never read by TypeScript.
 */
export function checkerTexts(texts: ReadonlyMap<string, string>, refused: Iterable<string>): Map<string, string> {
  const standIns = new Map(
    [...texts].map(([file, text]) => [file, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text]),
  );
  for (const file of refused) if (!file.endsWith('.vue')) standIns.set(file, 'export {};\n');
  return standIns;
}

/**
 * Why TypeScript cannot take this one file (its parser or binder throws on it: a stack overflow
 * on code nested deeper than the refusals see, say), or undefined. The file is checked alone,
 * without its imports or the lib: cheap, and asked only once the whole program has failed.
 */
export function typeScriptFailureOf(file: string, text: string, options: ts.CompilerOptions): string | undefined {
  const alone: ts.CompilerOptions = {
    ...options,
    noLib: true,
    noResolve: true,
    types: [],
    allowJs: true,
    noEmit: true,
  };
  const host = ts.createCompilerHost(alone);
  host.getSourceFile = (name, languageVersion) =>
    normalize(name) === file ? ts.createSourceFile(name, text, languageVersion) : undefined;
  try {
    ts.createProgram({ rootNames: [file], options: alone, host }).getTypeChecker();
    return undefined;
  } catch (error) {
    return (error as Error)?.message?.split('\n')[0] ?? String(error);
  }
}

/**
 * The files a program over `rootNames` reads besides them (imports, typings) that TypeScript
 * cannot take, each with why: asked only once the whole program has failed and no root file
 * explains it. Its parser may throw on one (a `.d.ts` nested deeper than its stack); where it
 * takes them all, its binder may throw on one (a chain of thousands of `.a`, which it follows
 * by recursion), so each is then bound alone (typeScriptFailureOf). Each such file is read as
 * empty, so that the program around it can be built.
 */
export function failingImportsOf(
  rootNames: Iterable<string>,
  options: ts.CompilerOptions,
  standIns: ReadonlyMap<string, string>,
): Map<string, string> {
  const failures = new Map<string, string>();
  const programOptions: ts.CompilerOptions = { ...options, noEmit: true };
  const host = ts.createCompilerHost(programOptions);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, onError) => {
    const file = normalize(name);
    try {
      const text = standIns.get(file);
      return text === undefined
        ? read(name, languageVersion, onError)
        : ts.createSourceFile(name, text, languageVersion);
    } catch (error) {
      failures.set(file, (error as Error)?.message?.split('\n')[0] ?? String(error));
      return ts.createSourceFile(name, '', languageVersion);
    }
  };
  const program = ts.createProgram({ rootNames: [...rootNames], options: programOptions, host });
  if (failures.size > 0) return failures;
  for (const sf of program.getSourceFiles()) {
    if (program.isSourceFileDefaultLibrary(sf)) continue;
    const file = normalize(sf.fileName);
    const reason = typeScriptFailureOf(file, sf.text, options);
    if (reason) failures.set(file, reason);
  }
  return failures;
}

/** Whether the program reads WeChat's typings already: the project may bring its own (tsconfig `types`, a reference). */
function hasWechatTypings(program: ts.Program): boolean {
  return program.getSourceFiles().some((sf) => /[\\/]miniprogram-api-typings[\\/]/.test(sf.fileName));
}

/**
 * The globals WeChat's typings declare, but those of plain JavaScript (console, the timers, CommonJS's `require`,
 * `module` and `exports`): in nearly every file, and no deprecated API is reached through them. And `qq`, which QQ's
 * code uses where WeChat's uses `wx`.
 */
const WECHAT_GLOBAL =
  /\b(?:wx|qq|WechatMiniprogram|Component|Behavior|Page|App|getApp|getCurrentPages|requirePlugin|requireMiniProgram)\b/;
/** A package's declarations reach WeChat's types only by naming them: the namespace, or `typeof wx`. */
const WECHAT_TYPE_NAME = /\bWechatMiniprogram\b|\btypeof\s+wx\b/;

/**
 * Whether a file of the program may reach WeChat's typings: the scan needs them only then (a Taro-only program does
 * not, and they are 2 MB to parse and bind). TypeScript's own library and Taro's packages are not asked: Taro's
 * typings name `wx` and `qq` in their comments, never WeChat's types.
 */
function mayReachWechatTypings(program: ts.Program): boolean {
  return program.getSourceFiles().some((sf) => {
    if (program.isSourceFileDefaultLibrary(sf) || /[\\/]node_modules[\\/]@tarojs[\\/]/.test(sf.fileName)) return false;
    const isPackage = /[\\/]node_modules[\\/]/.test(sf.fileName);
    return (isPackage ? WECHAT_TYPE_NAME : WECHAT_GLOBAL).test(sf.text);
  });
}

/**
 * When the program gets WeChat's typings (where the project brings none): always, or only when a file may reach them
 * (the scan's: its findings are the same either way; `--verify` compares diagnostics, and those need the same globals
 * before and after the migration).
 */
export type WechatTypings = 'always' | 'when-reached';

export interface AuditProject {
  program: ts.Program;
  checker: ts.TypeChecker;
  /** The same program but for these files, read as these texts (each a root file): --verify's baseline. */
  withTexts(texts: ReadonlyMap<string, string>): ts.Program;
}

export function createAuditProject(
  options: ts.CompilerOptions,
  rootFiles: Iterable<string>,
  overrides: ts.CompilerOptions = {},
  virtualFiles: Map<string, string> = new Map(),
  standIns: Map<string, string> = new Map(),
  referencedSources: ReadonlyMap<string, string> = new Map(),
  wechatTypings: WechatTypings = 'always',
): AuditProject {
  const programOptions: ts.CompilerOptions = {
    ...options,
    ...overrides,
    noEmit: true,
    skipLibCheck: true,
    // Build-info and emit settings only produce option errors without emit.
    incremental: false,
    composite: false,
    declaration: false,
    emitDeclarationOnly: false,
  };
  const { host, texts } = createAuditHost(programOptions, new Map([...standIns, ...virtualFiles]), referencedSources);
  const rootNames = [...rootFiles, ...virtualFiles.keys()];
  const build = (oldProgram?: ts.Program) =>
    ts.createProgram({ rootNames: [...new Set(rootNames)], options: programOptions, host, oldProgram });
  let program = build();
  // A second copy of WeChat's typings would clash with the project's own.
  if (!hasWechatTypings(program) && (wechatTypings === 'always' || mayReachWechatTypings(program))) {
    rootNames.push(bundledWechatTypings());
    program = build(program);
  }
  const withTexts = (given: ReadonlyMap<string, string>): ts.Program => {
    for (const [file, text] of given) texts.set(normalize(file), text);
    rootNames.push(...given.keys());
    return build(program);
  };
  return { program, checker: program.getTypeChecker(), withTexts };
}

/**
 * The type checker over the project's files. TypeScript builds the program as a whole, so a file
 * its parser or binder cannot take (a stack overflow) would end the audit: then each file is tried
 * alone, those that fail are entered in `failed` and read as empty modules (as a refused file
 * is), and the program is built again. A failure no single file explains is the audit's own.
 */
export function typeCheckedProject(
  options: ts.CompilerOptions,
  selection: ReturnType<typeof selectFiles>,
  refused: ReadonlyMap<string, unknown>,
  virtualTexts: ReadonlyMap<string, string>,
  failed: Map<string, string>,
  referencedSources: ReadonlyMap<string, string> | undefined,
): ReturnType<typeof createAuditProject> {
  const build = () =>
    createAuditProject(
      options,
      selection.scan,
      scanTypes(options),
      new Map([...virtualTexts].filter(([file]) => !failed.has(file))),
      checkerTexts(selection.texts, [...refused.keys(), ...failed.keys()]),
      referencedSources,
      'when-reached',
    );
  try {
    return build();
  } catch (error) {
    const texts = [...selection.scan].flatMap((file): [string, string][] => {
      const text = selection.texts.get(file);
      return text === undefined ? [] : [[file, text]];
    });
    const cannotRead = (reason: string) =>
      `TypeScript cannot read this file (${reason}); its references are not audited: simplify it or check it by hand`;
    for (const [file, text] of [...texts, ...virtualTexts]) {
      const reason = typeScriptFailureOf(file, text, options);
      if (reason) failed.set(file, cannotRead(reason));
    }
    // No file of the project's own explains it: one the program reads through an import (a .d.ts) may.
    if (failed.size === 0) {
      for (const [file, reason] of failingImportsOf(
        selection.scan,
        options,
        checkerTexts(selection.texts, refused.keys()),
      ))
        failed.set(file, cannotRead(reason));
    }
    if (failed.size === 0) throw error;
    return build();
  }
}
