/**
 * The audit: every reference to the deprecated startRecord/stopRecord the type checker
 * can find, whether the rewrite takes it, and (with `verify`) whether the migrated
 * files still type-check as well as before.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ts } from 'ts-morph';
import { classify, RewriteReportCache } from './classify';
import { checkerTexts, createAuditProject, isInside, loadConfig, mentionsLegacyApi, normalize, projectsOf, readForAudit, relative, scanTypes, selectFiles, typeScriptFailureOf, failingImportsOf, usesNamespaceAsValue } from './project';
import { SfcParseError } from '../rewrite';
import { placeInVue, virtualScripts, type VirtualBlock } from './vue';
import { ReferenceScanner, type RawFinding } from './scan';
import { builtPackageCalls, isDeclarationFile, LEGACY_APIS, otherComponentCalls, unreadBuiltPackage, unreadComponent, TARO_MODULE, undecodableNamesAt, unknownCopiesWarning, type LegacyApi, type ManualReviewSite, type RewrittenSite } from '../rewrite/light';
import { AuditUsageError, type AuditFinding, type FindingKind, type AuditOptions, type AuditResult } from './types';
import { runVerify } from './verify';

export * from './types';
export { formatText, formatJson } from './format';

/** `// record-compat-audit-ignore` (or in a block comment): a person has looked and accepts this line. */
const IGNORE_COMMENT = /(?:\/\/|\/\*).*\brecord-compat-audit-ignore\b/;

/** How the type checker would have named a rewritten site's form (the engine's `via`). */
const KIND_OF_VIA: Record<string, FindingKind> = { 'named import': 'import', destructuring: 'destructure' };

/** A finding's text on one line, at most 100 characters. */
function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}

/** The deprecated API named first on a line from a column on (`Taro.createAudioContext('a')` → createAudioContext), if one is. */
function apiNamedFrom(line: string, column: number): LegacyApi | null {
  let first: { api: LegacyApi; at: number } | null = null;
  for (const api of LEGACY_APIS) {
    const at = line.slice(column).search(new RegExp(`\\b${api}\\b`));
    if (at >= 0 && (!first || at < first.at)) first = { api, at };
  }
  return first?.api ?? null;
}

function shownText(f: RawFinding): string {
  const node = f.shown;
  let text: string;
  if (f.form === 'call' && ts.isCallExpression(node)) {
    // `wx.startRecord({ success(res) { … } })` reads better as `wx.startRecord(…)`.
    text = `${node.expression.getText(f.sourceFile)}${node.questionDotToken ? '?.' : ''}(${node.arguments.length > 0 ? '…' : ''})`;
  } else {
    text = node.getText(f.sourceFile);
  }
  return oneLine(text);
}

export async function runAudit(options: AuditOptions = {}): Promise<AuditResult> {
  const started = Date.now();
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const paths = options.paths ?? [];
  for (const entry of paths) {
    // A name that is not UTF-8 reaches argv decoded lossily: the walk names it for what it is.
    if (!fs.existsSync(path.resolve(cwd, entry)) && undecodableNamesAt(path.resolve(cwd, entry)).length === 0) throw new AuditUsageError(`${entry}: no such file or directory`);
  }
  const phase = options.onPhase ?? (() => {});
  phase({ step: 'finding' });
  const config = loadConfig(cwd, paths, options.project);
  const scopes = paths.map((entry) => normalize(path.resolve(cwd, entry)));
  phase({ step: 'reading', files: config.fileNames.length + config.vueFiles.length });
  const selection = selectFiles(config);
  const warnings: string[] = [];

  // Script blocks of .vue components that pass the same pre-filter, as virtual files.
  const blocks = new Map<string, VirtualBlock>();
  const refused = new Map(selection.refused);
  const unreadable = new Map(selection.unreadable);
  /** Files whose analysis threw, with the sentence that says so: each one fails alone (no single file ends the audit). */
  const failed = new Map<string, string>();
  /** The components whose text names a legacy API (their script files are counted from selection.texts). */
  const componentsNaming = new Set<string>();
  for (const file of config.vueFiles) {
    const read = readForAudit(file);
    if ('unreadable' in read) {
      unreadable.set(file, read.unreadable);
      continue;
    }
    if ('refused' in read) {
      refused.set(file, read.refused);
      continue;
    }
    const text = read.text;
    if (mentionsLegacyApi(text)) componentsNaming.add(file);
    if (!mentionsLegacyApi(text) && !usesNamespaceAsValue(text)) continue;
    try {
      for (const [virtualPath, block] of virtualScripts(file, text)) blocks.set(virtualPath, block);
    } catch (error) {
      // A component Vue's compiler cannot split (an unclosed <script>) fails, as the codemod fails it, at the place Vue names.
      if (error instanceof SfcParseError) failed.set(file, `line ${error.line ?? 1}: not a valid single-file component: ${error.message}; references in it are missing: fix it and audit again`);
      else warnings.push(`${relative(cwd, file)}: its script blocks could not be read (${(error as Error).message}); references in it are missing`);
    }
  }
  const virtualTexts = new Map([...blocks].map(([virtualPath, block]) => [virtualPath, block.content]));
  /** The real file a (possibly virtual) file stands for. */
  const realFile = (file: string): string => blocks.get(file)?.file ?? file;
  /** What is scanned: the selected files and the components' script blocks. */
  const scanned = [...selection.scan, ...blocks.keys()];
  // One program per referenced project of a solution-style config, each with its own options; else one.
  const groups = projectsOf(config, scanned, realFile);
  if (groups.length === 0) groups.push({ options: config.options, files: [] });
  phase({ step: 'program', files: new Set(scanned.map(realFile)).size });
  const checked = groups.map(({ options: groupOptions, files }) => {
    const inGroup = new Set(files);
    const { program, checker } = typeCheckedProject(
      groupOptions,
      { ...selection, scan: new Set(files.filter((file) => selection.scan.has(file))) },
      refused,
      new Map([...virtualTexts].filter(([file]) => inGroup.has(file))),
      failed,
      config.referencedSources,
    );
    const sourcesOf = (list: string[]): ts.SourceFile[] =>
      list
        .filter((file) => !failed.has(file))
        .map((file) => program.getSourceFile(file))
        .filter((sf): sf is NonNullable<typeof sf> => sf !== undefined);
    // The files of the other referenced projects this program reads through an import: scanned here too, so that
    // an alias defined there is followed to its uses here (their own findings count in their own program).
    const foreign = groups.length > 1 ? sourcesOf(scanned.filter((file) => !inGroup.has(file))) : [];
    return { program, checker, sourceFiles: sourcesOf(files), foreign };
  });
  const sourceFiles = checked.flatMap((group) => group.sourceFiles);
  const textOf = (file: string): string => virtualTexts.get(file) ?? selection.texts.get(file) ?? fs.readFileSync(file, 'utf8');
  /** 0-based line/column in a (possibly virtual) file → 1-based in the real file. */
  const place = (file: string, line: number, column: number): { file: string; line: number; column: number } => {
    const block = blocks.get(file);
    if (block) return { file: relative(cwd, block.file), ...placeInVue(block, line, column) };
    return { file: relative(cwd, file), line: line + 1, column: column + 1 };
  };

  /** A place only the rewrite sees, as a finding for a person: its text read from the line. */
  const siteFinding = (file: string, s: RewrittenSite, reason: string): AuditFinding => {
    const line = textOf(file).split(/\r?\n/)[s.line - 1] ?? '';
    return {
      ...place(file, s.line - 1, s.column),
      expression: oneLine(line.slice(s.column)),
      api: s.api,
      kind: KIND_OF_VIA[s.via] ?? 'member',
      status: 'manual',
      reason,
      certainty: 'certain',
    };
  };

  /**
   * A place the rewrite leaves for a person that the type checker did not see, as a finding: the
   * same place and reason as the codemod's list. `possible` where the line names no API (a computed key).
   */
  const leftFinding = (file: string, m: ManualReviewSite): AuditFinding => {
    const line = textOf(file).split(/\r?\n/)[Math.max(m.line, 1) - 1] ?? '';
    const api = m.api ?? apiNamedFrom(line, m.column);
    return {
      ...place(file, Math.max(m.line, 1) - 1, m.column),
      expression: oneLine(line.slice(m.column)),
      api,
      kind: api ? 'member' : 'dynamic',
      status: 'manual',
      reason: m.reason,
      certainty: api ? 'certain' : 'possible',
    };
  };

  const scanners = checked.map(
    ({ checker }) =>
      new ReferenceScanner(checker, cwd, (file, line) => {
        const at = place(file, line, 0);
        return `${at.file}:${at.line}`;
      }),
  );
  const foreignFindings = new Set<RawFinding>();
  phase({ step: 'references', files: new Set(sourceFiles.map((sf) => realFile(sf.fileName))).size });
  const raw = scanners.flatMap((scanner, index) => {
    const { sourceFiles: own, foreign } = checked[index];
    const found = scanner.scan([...own, ...foreign]);
    const foreignFiles = new Set(foreign);
    for (const finding of found) if (foreignFiles.has(finding.sourceFile)) foreignFindings.add(finding);
    return found;
  });

  // The engine also runs on in-scope files that name the API, to catch what it would change that the checker disowns.
  const engineFiles = sourceFiles
    .map((sf) => sf.fileName)
    .filter((file) => isInside(realFile(file), scopes) && mentionsLegacyApi(textOf(file)) && !file.endsWith('.d.ts'));
  phase({ step: 'rewrite', files: new Set(engineFiles.map(realFile)).size });
  const reports = new RewriteReportCache(options.taroCopies, (file) => blocks.get(file));
  const { classified, skipped, droppedBySkip, unmatched, refusedSites, manualLeft } = classify(raw, engineFiles, textOf, reports, (finding) => !foreignFindings.has(finding));
  // A component's template calls the API itself (`@tap="Taro.startRecord({})"`): the codemod lists it for a person, and so does the audit.
  for (const block of blocks.values()) if (block.templateSites?.length) manualLeft.set(block.file, [...(manualLeft.get(block.file) ?? []), ...block.templateSites]);

  // The scripts the mini-program loads from miniprogram_npm, never rewritten: their legacy calls
  // are for a person, with the way out (package-calls.ts), and only as that.
  const builtFiles = new Set((config.builtPackageFiles ?? []).filter((file) => isInside(file, scopes)));
  const isBuilt = (shownFile: string) => builtFiles.size > 0 && builtFiles.has(normalize(path.resolve(cwd, shownFile)));
  const builtFindings: AuditFinding[] = [];
  // And the other frameworks' components (.wpy, .mpx), which no door rewrites: the same, as the codemod lists them.
  const listedOnly = [
    [[...builtFiles], builtPackageCalls, unreadBuiltPackage],
    [(config.otherComponents ?? []).filter((file) => isInside(file, scopes)), otherComponentCalls, unreadComponent],
  ] as const;
  for (const [files, placesOf, unread] of listedOnly) {
    for (const file of files) {
      try {
        for (const m of placesOf(file, textOf(file))) builtFindings.push(leftFinding(file, m));
      } catch (error) {
        warnings.push(`${relative(cwd, file)}: ${unread(error)}`);
      }
    }
  }

  const all: AuditFinding[] = classified
    .filter((c) => isInside(realFile(c.finding.file), scopes))
    .map(({ finding: f, status, reason }): AuditFinding => {
      const { line, character } = f.sourceFile.getLineAndCharacterOfPosition(f.shown.getStart(f.sourceFile));
      return {
        ...place(f.file, line, character),
        expression: shownText(f),
        api: f.api,
        kind: f.kind,
        status,
        reason,
        certainty: f.certainty,
      };
    })
    // The calls of a file the codemod refuses that the type checker does not see: for a person too, never dropped.
    .concat([...refusedSites].filter(([file]) => isInside(realFile(file), scopes)).flatMap(([file, { sites, reason }]) => sites.map((s) => siteFinding(file, s, reason))))
    // What the codemod lists for a person and the type checker did not see: listed here as well, never dropped.
    .concat([...manualLeft].filter(([file]) => isInside(realFile(file), scopes) && !skipped.has(file)).flatMap(([file, sites]) => sites.map((m) => leftFinding(file, m))))
    .filter((f) => !isBuilt(f.file))
    .concat(builtFindings)
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);

  const ignoredMarks = new Map<string, Set<number>>();
  const isIgnored = (f: AuditFinding): boolean => {
    const absolute = normalize(path.resolve(cwd, f.file));
    let marks = ignoredMarks.get(absolute);
    if (!marks) {
      marks = new Set();
      textOf(absolute)
        .split(/\r?\n/)
        .forEach((line, index) => {
          if (IGNORE_COMMENT.test(line)) marks!.add(index + 1);
        });
      ignoredMarks.set(absolute, marks);
    }
    return marks.has(f.line) || marks.has(f.line - 1);
  };
  const findings = all.filter((f) => !isIgnored(f));
  const ignored = all.filter((f) => isIgnored(f));

  for (const problem of config.unreadable ?? []) {
    warnings.push(`${problem}; references in it are missing`);
  }
  warnings.push(...(config.notCheckedOut ?? []));
  warnings.push(...(config.linksReadThrough ?? []));
  if (config.configAbove) warnings.push(config.configAbove);
  if (config.secondNames) warnings.push(config.secondNames);
  for (const [file, problem] of unreadable) {
    warnings.push(`${relative(cwd, file)}: ${problem}; references in it are missing`);
  }
  for (const [config, why] of reports.unknownCopies) {
    warnings.push(unknownCopiesWarning(relative(cwd, config), why, 'none of the files whose references are handled by the rewrite is'));
  }
  for (const [file, message] of scanners.flatMap((scanner) => [...scanner.failures])) {
    failed.set(file, `the type checker failed on this file (${message}); references in it may be missing: check it by hand`);
  }
  const taroTypings = checked.some(({ program }) => program.getSourceFiles().some((sf) => /[\\/]@tarojs[\\/]taro[\\/]types[\\/]/.test(sf.fileName)));
  if (!taroTypings && scanned.some((file) => textOf(file).includes(TARO_MODULE))) {
    warnings.push(
      "@tarojs/taro is imported but its typings do not resolve (is it installed?): references through Taro cannot be found; 'rewriteOnly' lists what the rewrite would still change, and the findings what it leaves for a person",
    );
  }

  const rewriteOnly = [...unmatched]
    .filter(([file]) => isInside(realFile(file), scopes) && !skipped.has(file))
    .flatMap(([file, sites]) => sites.map((s) => ({ ...place(file, s.line - 1, s.column), api: s.api, via: s.via })))
    .filter((r) => !isBuilt(r.file));

  const result: AuditResult = {
    config: config.configPath ? relative(cwd, normalize(config.configPath)) : null,
    findings,
    skippedFiles: [...skipped]
      .filter(([file]) => isInside(realFile(file), scopes))
      .map(([file, reason]) => ({ file: relative(cwd, realFile(file)), reason, references: droppedBySkip.get(file) ?? 0 }))
      // A file named on the command line is always answered for, even one of a kind the audit does not read.
      .concat((config.notRead ?? []).map(({ file, reason }) => ({ file: relative(cwd, file), reason, references: 0 }))),
    rewriteOnly,
    refusedFiles: [...refused.values()]
      .filter((r) => isInside(r.file, scopes))
      .map((r) => ({ ...r, file: relative(cwd, r.file) }))
      .sort((a, b) => a.file.localeCompare(b.file)),
    failedFiles: [...failed]
      .map(([file, reason]) => ({ file: relative(cwd, realFile(file)), reason }))
      .sort((a, b) => a.file.localeCompare(b.file)),
    ignored,
    warnings,
    needsPerson: findings.filter((f) => f.status === 'manual').length,
    stats: {
      ...filesOfThePaths(scopes, selection.texts, [...refused.keys(), ...unreadable.keys(), ...config.vueFiles, ...(config.walked ?? [])], (file) => componentsNaming.has(file) || refused.has(file)),
      // A component's script blocks are files of their own to TypeScript: each counts as its component, once.
      typeCheckedFiles: new Set(sourceFiles.map((sf) => realFile(sf.fileName))).size,
      projectFiles: config.fileNames.length + config.vueFiles.length,
      scannedFiles: new Set(sourceFiles.map((sf) => realFile(sf.fileName))).size,
      programFiles: new Set(checked.flatMap(({ program }) => program.getSourceFiles().map((sf) => sf.fileName))).size,
      ignored: config.ignored ?? { folders: 0, files: 0 },
      brokenLinks: config.brokenLinks ?? 0,
      milliseconds: 0,
    },
  };
  if (options.verify) {
    phase({ step: 'verify', baseline: options.baseline ?? 'HEAD' });
    // A file TypeScript could not read above is read as empty there too, before and after alike.
    result.verify = runVerify({ cwd, config, scopes, baseline: options.baseline ?? 'HEAD', unreadable: [...failed.keys()] });
  }
  result.stats.milliseconds = Date.now() - started;
  return result;
}

/**
 * The files under the paths (`scopes`) the audit read, declaration files aside, and those of them
 * that name a legacy API: counted as the codemod counts the same paths' files (looked at, parsed),
 * so that the two summaries agree. `texts` are the scripts read; `others` the files read otherwise
 * (components, refused, unreadable) or only walked (a script the config leaves out that names no API),
 * `othersNaming` says which of those name one.
 */
function filesOfThePaths(scopes: string[], texts: ReadonlyMap<string, string>, others: string[], othersNaming: (file: string) => boolean): { filesLookedAt: number; filesNamingLegacyApi: number } {
  const counted = (file: string) => isInside(file, scopes) && !isDeclarationFile(file);
  let filesLookedAt = 0;
  let filesNamingLegacyApi = 0;
  for (const [file, text] of texts) {
    if (!counted(file)) continue;
    filesLookedAt++;
    if (mentionsLegacyApi(text)) filesNamingLegacyApi++;
  }
  for (const file of new Set(others)) {
    if (!counted(file) || texts.has(file)) continue;
    filesLookedAt++;
    if (othersNaming(file)) filesNamingLegacyApi++;
  }
  return { filesLookedAt, filesNamingLegacyApi };
}

/**
 * The type checker over the project's files. TypeScript builds the program as a whole, so a file
 * its parser or binder cannot take (a stack overflow) would end the audit: then each file is tried
 * alone, those that fail are entered in `failed` and read as empty modules (as a refused file
 * is), and the program is built again. A failure no single file explains is the audit's own.
 */
function typeCheckedProject(
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
    );
  try {
    return build();
  } catch (error) {
    const texts = [...selection.scan].flatMap((file): [string, string][] => {
      const text = selection.texts.get(file);
      return text === undefined ? [] : [[file, text]];
    });
    const cannotRead = (reason: string) => `TypeScript cannot read this file (${reason}); its references are not audited: simplify it or check it by hand`;
    for (const [file, text] of [...texts, ...virtualTexts]) {
      const reason = typeScriptFailureOf(file, text, options);
      if (reason) failed.set(file, cannotRead(reason));
    }
    // No file of the project's own explains it: one the program reads through an import (a .d.ts) may.
    if (failed.size === 0) {
      for (const [file, reason] of failingImportsOf(selection.scan, options, checkerTexts(selection.texts, refused.keys()))) failed.set(file, cannotRead(reason));
    }
    if (failed.size === 0) throw error;
    return build();
  }
}
