/**
 * The audit: every reference to the deprecated startRecord/stopRecord the type checker
 * can find, whether the rewrite takes it, and (with `verify`) whether the migrated
 * files still type-check as well as before.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ts } from 'ts-morph';
import { classify, RewriteReportCache, type Classified, type ClassifyResult } from './classify';
import { typeCheckedProject } from './project';
import { isInside, normalize, relative } from './paths';
import { loadConfig, projectsOf, type LoadedConfig } from './config';
import { mentionsLegacyApi, readForAudit, usesNamespaceAsValue } from './read';
import { selectFiles, type Selection } from './selection';
import { SfcParseError } from '../rewrite';
import { placeInVue, virtualScripts, type VirtualBlock } from './vue';
import { ReferenceScanner, type RawFinding } from './scan';
import {
  builtPackageCalls,
  Exclusions,
  otherComponentCalls,
  unreadBuiltPackage,
  unreadComponent,
  TARO_MODULE,
  unknownCopiesWarning,
  isChosenFamily,
  isInBuiltPackages,
  legacyCallsInSkippedFolders,
  NOT_UTF8_NAME,
  skippedFolderOf,
  type LegacyApiName,
  type ManualReviewSite,
  type RewrittenSite,
} from '../rewrite/light';
import type { AuditFinding, AuditPhase, AuditOptions, AuditResult } from './types';
import { runVerify } from './verify';
import { verifyCannotRunReason } from './verify-possible';
import { apiNamedFrom, KIND_OF_VIA, oneLine, shownText } from './finding-text';
import { checkPathsExist, exclusionsOf, filesOfThePaths } from './paths-given';

export * from './types';
export { formatText, formatJson } from './format';

/** `// record-compat-audit-ignore` (or in a block comment): a person has looked and accepts this line. */
const IGNORE_COMMENT = /(?:\/\/|\/\*).*\brecord-compat-audit-ignore\b/;

export async function runAudit(options: AuditOptions = {}): Promise<AuditResult> {
  const started = Date.now();
  const run = new AuditRun(options);
  run.readComponents();
  run.checkPrograms();
  const raw = run.findReferences();
  const classification = run.classifyByRewrite(raw);
  const listedOnly = run.listedOnlyFindings();
  const { findings: all, ignored } = run.splitIgnored(run.allFindings(classification, listedOnly));
  const { findings, leftAsChosen } = setAsideUnchosen(all, options.families);
  run.collectWarnings();
  const result = run.result(classification, findings, ignored, listedOnly.isBuilt);
  if (options.families) {
    // Places only the rewrite sees, of a family not chosen, are left as chosen too: the codemod leaves those calls.
    const rewriteOnly = setAsideUnchosen(result.rewriteOnly, options.families);
    result.rewriteOnly = rewriteOnly.findings;
    result.leftAsChosen = [...leftAsChosen, ...rewriteOnly.leftAsChosen].map(({ file, line, column, api }) => ({
      file,
      line,
      column,
      api: api as LegacyApiName,
    }));
  }
  if (options.verify) result.verify = run.verify(options.baseline ?? 'HEAD');
  result.stats.milliseconds = Date.now() - started;
  return result;
}

/**
 * The places of the families chosen (all when none were), and the others, which the codemod leaves as they are: never a
 * place for a person. A dynamic key that may be several APIs (api null) stays.
 */
function setAsideUnchosen<T extends { api: string | null }>(
  places: T[],
  families: AuditOptions['families'],
): { findings: T[]; leftAsChosen: T[] } {
  if (!families) return { findings: places, leftAsChosen: [] };
  const chosen = (place: T) => place.api === null || isChosenFamily(place.api, families);
  return { findings: places.filter(chosen), leftAsChosen: places.filter((place) => !chosen(place)) };
}

/** One program the references are looked for in: a referenced project's, or the config's one. */
interface CheckedGroup {
  program: ts.Program;
  checker: ts.TypeChecker;
  sourceFiles: ts.SourceFile[];
  /** The files of the other referenced projects this program reads through an import. */
  foreign: ts.SourceFile[];
}

/**
 * The legacy calls of files no door rewrites, as findings for a person; `isBuilt` says which shown files are built
 * packages'.
 */
interface ListedOnly {
  findings: AuditFinding[];
  isBuilt: (shownFile: string) => boolean;
}

/**
 * One audit, as named steps over its state (the way the rewrite's FileMatcher is): the
 * constructor reads the config and selects the files, runAudit lists the steps in order. Its
 * fields are what the steps share: the files refused, unreadable and failed, the components'
 * script blocks, the programs, the warnings.
 */
class AuditRun {
  readonly cwd: string;
  private readonly phase: (phase: AuditPhase) => void;
  private readonly config: LoadedConfig;
  /** The paths given, absolute: what is reported on is inside them. */
  private readonly scopes: string[];
  /** The user's exclusions: what they match is never reported on, though the program may read it through an import. */
  private readonly exclusions: Exclusions | null;
  private readonly selection: Selection;
  private readonly warnings: string[] = [];
  /** Script blocks of .vue components that pass the same pre-filter, as virtual files. */
  private readonly blocks = new Map<string, VirtualBlock>();
  private readonly virtualTexts = new Map<string, string>();
  private readonly refused: Selection['refused'];
  private readonly unreadable: Selection['unreadable'];
  /**
   * Files whose analysis threw, with the sentence that says so: each one fails alone (no single file ends the audit).
   */
  private readonly failed = new Map<string, string>();
  /** The components whose text names a legacy API (their script files are counted from selection.texts). */
  private readonly componentsNaming = new Set<string>();
  /** What is scanned: the selected files and the components' script blocks. */
  private scanned: string[] = [];
  private checked: CheckedGroup[] = [];
  private scanners: ReferenceScanner[] = [];
  private readonly reports: RewriteReportCache;

  constructor(private readonly options: AuditOptions) {
    this.cwd = path.resolve(options.cwd ?? process.cwd());
    const paths = options.paths ?? [];
    checkPathsExist(this.cwd, paths);
    this.exclusions = exclusionsOf(options.exclude, this.cwd);
    this.phase = options.onPhase ?? (() => {});
    this.phase({ step: 'finding' });
    this.config = loadConfig(this.cwd, paths, options.project, this.exclusions);
    this.scopes = paths.map((entry) => normalize(path.resolve(this.cwd, entry)));
    this.phase({ step: 'reading', files: this.config.fileNames.length + this.config.vueFiles.length });
    this.selection = selectFiles(this.config);
    this.refused = new Map(this.selection.refused);
    this.unreadable = new Map(this.selection.unreadable);
    // Not opened at all, as the codemod fails them: a failure each (classifyFile), never a mere warning.
    for (const file of this.config.unreadableNames ?? []) this.failed.set(file, NOT_UTF8_NAME);
    this.reports = new RewriteReportCache(options.taroCopies, (file) => this.blocks.get(file));
  }

  /** The real file a (possibly virtual) file stands for. */
  private realFile(file: string): string {
    return this.blocks.get(file)?.file ?? file;
  }

  private textOf(file: string): string {
    return this.virtualTexts.get(file) ?? this.selection.texts.get(file) ?? fs.readFileSync(file, 'utf8');
  }

  /** Each file's lines, split once: a file of thousands of places is not split again for each. */
  private readonly lines = new Map<string, string[]>();

  /** Line `line` (1-based) of a (possibly virtual) file, or '' past its end. */
  private lineOf(file: string, line: number): string {
    let lines = this.lines.get(file);
    if (!lines) this.lines.set(file, (lines = this.textOf(file).split(/\r?\n/)));
    return lines[line - 1] ?? '';
  }

  /** Each file's path as reports show it, worked out once: a file of thousands of places is not asked again for each. */
  private readonly shownPaths = new Map<string, string>();

  private relative(file: string): string {
    let shown = this.shownPaths.get(file);
    if (shown === undefined) this.shownPaths.set(file, (shown = relative(this.cwd, file)));
    return shown;
  }

  /** Is a (possibly virtual) file inside the paths given, and not excluded? */
  private inScope(file: string): boolean {
    return this.reported(this.realFile(file));
  }

  /**
   * Is a real file (normalized) inside the paths given, not excluded, and one a codemod run on them would look at (not
   * in a build-output folder its walk passes over: those are said in a line each, skippedFolders)?
   */
  private reported(file: string): boolean {
    return (
      isInside(file, this.scopes) &&
      !this.exclusions?.excludes(path.resolve(file), false) &&
      this.untouchedFolderOf(file) === null
    );
  }

  /** The walked files, and each file's skipped folder, if it lies in one (untouchedFolderOf). */
  private walkedFiles: Set<string> | undefined;
  private readonly skippedFolderOfFile = new Map<string, string | null>();

  /**
   * The build-output folder (`dist`, `build`, a hidden one…) a file not walked lies in, under the paths walked: no
   * codemod run on those paths touches it, so the audit never calls anything there handled. Null for any other file.
   */
  private untouchedFolderOf(file: string): string | null {
    let folder = this.skippedFolderOfFile.get(file);
    if (folder === undefined) {
      // What the mini-program loads from miniprogram_npm, and the other frameworks' components, are read apart.
      this.walkedFiles ??= new Set([
        ...(this.config.walked ?? []),
        ...(this.config.builtPackageFiles ?? []),
        ...(this.config.otherComponents ?? []),
      ]);
      const apart = this.walkedFiles.has(file) || isInBuiltPackages(file);
      folder = apart ? null : skippedFolderOf(file, this.config.walkRoots ?? []);
      this.skippedFolderOfFile.set(file, folder);
    }
    return folder;
  }

  /**
   * The build-output folders passed over whose scripts name a legacy API, as the codemod finds them
   * (skipped-folders.ts), with those the config or an import reached there (untouchedFolderOf).
   */
  private skippedFolders(): AuditResult['skippedFolders'] {
    const byFolder = new Map<string, Set<string>>();
    const add = (folder: string, file: string) => byFolder.set(folder, (byFolder.get(folder) ?? new Set()).add(file));
    for (const { folder, files } of legacyCallsInSkippedFolders(this.config.skippedFolders ?? []))
      for (const file of files) add(normalize(folder), normalize(file));
    const naming = [...this.refused.keys()].concat(
      [...this.selection.texts].filter(([, text]) => mentionsLegacyApi(text)).map(([file]) => file),
    );
    for (const file of naming) {
      const folder = isInside(file, this.scopes) ? this.untouchedFolderOf(file) : null;
      if (folder !== null) add(folder, file);
    }
    return [...byFolder]
      .map(([folder, files]) => ({ folder: this.relative(folder), namingLegacyApi: files.size }))
      .sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
  }

  /** 0-based line/column in a (possibly virtual) file → 1-based in the real file. */
  private place(file: string, line: number, column: number): { file: string; line: number; column: number } {
    const block = this.blocks.get(file);
    if (block) return { file: this.relative(block.file), ...placeInVue(block, line, column) };
    return { file: this.relative(file), line: line + 1, column: column + 1 };
  }

  /**
   * Reads the .vue components: those naming the API (or using wx / Taro as a value) give their script blocks as virtual
   * files.
   */
  readComponents(): void {
    for (const file of this.config.vueFiles) {
      const read = readForAudit(file);
      if ('unreadable' in read) {
        this.unreadable.set(file, read.unreadable);
        continue;
      }
      if ('refused' in read) {
        this.refused.set(file, read.refused);
        continue;
      }
      const text = read.text;
      if (mentionsLegacyApi(text)) this.componentsNaming.add(file);
      if (!mentionsLegacyApi(text) && !usesNamespaceAsValue(text)) continue;
      try {
        for (const [virtualPath, block] of virtualScripts(file, text)) this.blocks.set(virtualPath, block);
      } catch (error) {
        // A component Vue's compiler cannot split (an unclosed <script>) fails, as the codemod fails it, at the place
        // Vue names.
        if (error instanceof SfcParseError)
          this.failed.set(
            file,
            `line ${error.line ?? 1}: not a valid single-file component: ${error.message}; references in it are missing: fix it and audit again`,
          );
        else
          this.warnings.push(
            `${this.relative(file)}: its script blocks could not be read (${(error as Error).message}); references in it are missing`,
          );
      }
    }
    for (const [virtualPath, block] of this.blocks) this.virtualTexts.set(virtualPath, block.content);
    this.scanned = [...this.selection.scan, ...this.blocks.keys()];
  }

  /** One program per referenced project of a solution-style config, each with its own options; else one. */
  checkPrograms(): void {
    const groups = projectsOf(this.config, this.scanned, (file) => this.realFile(file));
    if (groups.length === 0) groups.push({ options: this.config.options, files: [] });
    this.phase({ step: 'program', files: new Set(this.scanned.map((file) => this.realFile(file))).size });
    this.checked = groups.map(({ options, files }) => this.checkGroup(options, files, groups.length > 1));
  }

  private checkGroup(options: ts.CompilerOptions, files: string[], manyGroups: boolean): CheckedGroup {
    const inGroup = new Set(files);
    const { program, checker } = typeCheckedProject(
      options,
      { ...this.selection, scan: new Set(files.filter((file) => this.selection.scan.has(file))) },
      this.refused,
      new Map([...this.virtualTexts].filter(([file]) => inGroup.has(file))),
      this.failed,
      this.config.referencedSources,
    );
    const sourcesOf = (list: string[]): ts.SourceFile[] =>
      list
        .filter((file) => !this.failed.has(file))
        .map((file) => program.getSourceFile(file))
        .filter((sf): sf is NonNullable<typeof sf> => sf !== undefined);
    // The files of the other referenced projects this program reads through an import: scanned here too, so that
    // an alias defined there is followed to its uses here (their own findings count in their own program).
    const foreign = manyGroups ? sourcesOf(this.scanned.filter((file) => !inGroup.has(file))) : [];
    return { program, checker, sourceFiles: sourcesOf(files), foreign };
  }

  private get sourceFiles(): ts.SourceFile[] {
    return this.checked.flatMap((group) => group.sourceFiles);
  }

  /** The real files of the programs' own source files, each component once. */
  private get realSourceFiles(): Set<string> {
    return new Set(this.sourceFiles.map((sf) => this.realFile(sf.fileName)));
  }

  /** Every reference the type checkers find; those in another program's files are the `foreign` ones, counted there. */
  findReferences(): { raw: RawFinding[]; foreign: Set<RawFinding> } {
    this.scanners = this.checked.map(
      ({ checker }) =>
        new ReferenceScanner(checker, this.cwd, (file, line) => {
          const at = this.place(file, line, 0);
          return `${at.file}:${at.line}`;
        }),
    );
    const foreignFindings = new Set<RawFinding>();
    this.phase({ step: 'references', files: this.realSourceFiles.size });
    const raw = this.scanners.flatMap((scanner, index) => {
      const { sourceFiles: own, foreign } = this.checked[index];
      const found = scanner.scan([...own, ...foreign]);
      const foreignFiles = new Set(foreign);
      for (const finding of found) if (foreignFiles.has(finding.sourceFile)) foreignFindings.add(finding);
      return found;
    });
    return { raw, foreign: foreignFindings };
  }

  /**
   * The engine also runs on in-scope files that name the API, to catch what it would change that the checker disowns.
   */
  classifyByRewrite({ raw, foreign }: { raw: RawFinding[]; foreign: Set<RawFinding> }): ClassifyResult {
    const engineFiles = this.sourceFiles
      .map((sf) => sf.fileName)
      .filter((file) => this.inScope(file) && mentionsLegacyApi(this.textOf(file)) && !file.endsWith('.d.ts'));
    this.phase({ step: 'rewrite', files: new Set(engineFiles.map((file) => this.realFile(file))).size });
    const classification = classify(
      raw,
      engineFiles,
      (file) => this.textOf(file),
      this.reports,
      (finding) => !foreign.has(finding),
    );
    // A component's template calls the API itself (`@tap="Taro.startRecord({})"`): the codemod lists it for a person,
    // and so does the audit.
    const { manualLeft } = classification;
    for (const block of this.blocks.values())
      if (block.templateSites?.length)
        manualLeft.set(block.file, [...(manualLeft.get(block.file) ?? []), ...block.templateSites]);
    return classification;
  }

  /**
   * The scripts the mini-program loads from miniprogram_npm, never rewritten: their legacy calls
   * are for a person, with the way out (package-calls.ts), and only as that. And the other
   * frameworks' components (.wpy, .mpx), which no door rewrites: the same, as the codemod lists them.
   */
  listedOnlyFindings(): ListedOnly {
    const builtFiles = new Set((this.config.builtPackageFiles ?? []).filter((file) => this.reported(file)));
    const isBuilt = (shownFile: string) =>
      builtFiles.size > 0 && builtFiles.has(normalize(path.resolve(this.cwd, shownFile)));
    const findings: AuditFinding[] = [];
    const listedOnly = [
      [[...builtFiles], builtPackageCalls, unreadBuiltPackage],
      [(this.config.otherComponents ?? []).filter((file) => this.reported(file)), otherComponentCalls, unreadComponent],
    ] as const;
    for (const [files, placesOf, unread] of listedOnly) {
      for (const file of files) {
        try {
          for (const m of placesOf(file, this.textOf(file))) findings.push(this.leftFinding(file, m));
        } catch (error) {
          this.warnings.push(`${this.relative(file)}: ${unread(error)}`);
        }
      }
    }
    return { findings, isBuilt };
  }

  /** Every finding inside the paths given, in the order of their places. */
  allFindings(
    { classified, refusedSites, manualLeft, skipped }: ClassifyResult,
    listedOnly: ListedOnly,
  ): AuditFinding[] {
    return (
      classified
        .filter((c) => this.inScope(c.finding.file))
        .map((c) => this.checkerFinding(c))
        // The calls of a file the codemod refuses that the type checker does not see: for a person too, never dropped.
        .concat(
          [...refusedSites]
            .filter(([file]) => this.inScope(file))
            .flatMap(([file, { sites, reason }]) => sites.map((s) => this.siteFinding(file, s, reason))),
        )
        // What the codemod lists for a person and the type checker did not see: listed here as well, never dropped.
        .concat(
          [...manualLeft]
            .filter(([file]) => this.inScope(file) && !skipped.has(file))
            .flatMap(([file, sites]) => sites.map((m) => this.leftFinding(file, m))),
        )
        // The calls of a file the rewrite refuses (minified, too large), found as the codemod finds them.
        .concat(
          [...this.refused.values()]
            .filter((r) => this.reported(r.file))
            .flatMap((r) => r.places.map((m) => this.leftFinding(r.file, m))),
        )
        .filter((f) => !listedOnly.isBuilt(f.file))
        .concat(listedOnly.findings)
        .sort(
          (a, b) => (a.file === b.file ? 0 : a.file.localeCompare(b.file)) || a.line - b.line || a.column - b.column,
        )
    );
  }

  /** A reference the type checker found, with the rewrite's verdict on it. */
  private checkerFinding({ finding: f, status, reason }: Classified): AuditFinding {
    const { line, character } = f.sourceFile.getLineAndCharacterOfPosition(f.shown.getStart(f.sourceFile));
    return {
      ...this.place(f.file, line, character),
      expression: shownText(f),
      api: f.api,
      kind: f.kind,
      status,
      reason,
      certainty: f.certainty,
    };
  }

  /** A place only the rewrite sees, as a finding for a person: its text read from the line. */
  private siteFinding(file: string, s: RewrittenSite, reason: string): AuditFinding {
    const line = this.lineOf(file, s.line);
    return {
      ...this.place(file, s.line - 1, s.column),
      expression: oneLine(line.slice(s.column)),
      api: s.api,
      kind: KIND_OF_VIA[s.via] ?? 'member',
      status: 'manual',
      reason,
      certainty: 'certain',
    };
  }

  /**
   * A place the rewrite leaves for a person that the type checker did not see, as a finding: the
   * same place and reason as the codemod's list. `possible` where the line names no API (a computed key).
   */
  private leftFinding(file: string, m: ManualReviewSite): AuditFinding {
    const line = this.lineOf(file, Math.max(m.line, 1));
    const api = m.api ?? apiNamedFrom(line, m.column);
    return {
      ...this.place(file, Math.max(m.line, 1) - 1, m.column),
      expression: oneLine(line.slice(m.column)),
      api,
      kind: api ? 'member' : 'dynamic',
      status: 'manual',
      reason: m.reason,
      certainty: api ? 'certain' : 'possible',
    };
  }

  /** The findings a person marked with IGNORE_COMMENT (on their line or the one above) apart from the others. */
  splitIgnored(all: AuditFinding[]): { findings: AuditFinding[]; ignored: AuditFinding[] } {
    // By the file as shown, each read once: the marked lines of each.
    const ignoredMarks = new Map<string, Set<number>>();
    const marksOf = (shown: string): Set<number> => {
      let marks = ignoredMarks.get(shown);
      if (!marks) {
        marks = new Set();
        this.textOf(normalize(path.resolve(this.cwd, shown)))
          .split(/\r?\n/)
          .forEach((line, index) => {
            if (IGNORE_COMMENT.test(line)) marks!.add(index + 1);
          });
        ignoredMarks.set(shown, marks);
      }
      return marks;
    };
    const isIgnored = (f: AuditFinding): boolean => {
      const marks = marksOf(f.file);
      return marks.size > 0 && (marks.has(f.line) || marks.has(f.line - 1));
    };
    const findings: AuditFinding[] = [];
    const ignored: AuditFinding[] = [];
    for (const f of all) (isIgnored(f) ? ignored : findings).push(f);
    return { findings, ignored };
  }

  /**
   * What the config and the programs could not read or tell (after what the components and listed-only files said):
   * warnings, and the files the type checker failed on.
   */
  collectWarnings(): void {
    const { config, warnings } = this;
    for (const problem of config.unreadable ?? []) {
      warnings.push(`${problem}; references in it are missing`);
    }
    warnings.push(...(config.notCheckedOut ?? []));
    warnings.push(...(config.linksReadThrough ?? []));
    if (config.configAbove) warnings.push(config.configAbove);
    if (config.secondNames) warnings.push(config.secondNames);
    for (const [file, problem] of this.unreadable) {
      warnings.push(`${this.relative(file)}: ${problem}; references in it are missing`);
    }
    for (const [copyConfig, why] of this.reports.unknownCopies) {
      warnings.push(
        unknownCopiesWarning(
          this.relative(copyConfig),
          why,
          'none of the files whose references are handled by the rewrite is',
        ),
      );
    }
    for (const [file, message] of this.scanners.flatMap((scanner) => [...scanner.failures])) {
      this.failed.set(
        file,
        `the type checker failed on this file (${message}); references in it may be missing: check it by hand`,
      );
    }
    const taroTypings = this.checked.some(({ program }) =>
      program.getSourceFiles().some((sf) => /[\\/]@tarojs[\\/]taro[\\/]types[\\/]/.test(sf.fileName)),
    );
    if (!taroTypings && this.scanned.some((file) => this.textOf(file).includes(TARO_MODULE))) {
      warnings.push(
        "@tarojs/taro is imported but its typings do not resolve (is it installed?): references through Taro cannot be found; 'rewriteOnly' lists what the rewrite would still change, and the findings what it leaves for a person",
      );
    }
  }

  /** The audit's answer, its time aside. */
  result(
    { skipped, droppedBySkip, unmatched }: ClassifyResult,
    findings: AuditFinding[],
    ignored: AuditFinding[],
    isBuilt: (shownFile: string) => boolean,
  ): AuditResult {
    const { config, refused } = this;
    const rewriteOnly = [...unmatched]
      .filter(([file]) => this.inScope(file) && !skipped.has(file))
      .flatMap(([file, sites]) =>
        sites.map((s) => ({ ...this.place(file, s.line - 1, s.column), api: s.api, via: s.via })),
      )
      .filter((r) => !isBuilt(r.file));
    return {
      config: config.configPath ? this.relative(normalize(config.configPath)) : null,
      findings,
      skippedFiles: [...skipped]
        .filter(([file]) => this.inScope(file))
        .map(([file, reason]) => ({
          file: this.relative(this.realFile(file)),
          reason,
          references: droppedBySkip.get(file) ?? 0,
        }))
        // A file named on the command line is always answered for, even one of a kind the audit does not read.
        .concat(
          (config.notRead ?? []).map(({ file, reason }) => ({ file: this.relative(file), reason, references: 0 })),
        ),
      rewriteOnly,
      refusedFiles: [...refused.values()]
        .filter((r) => this.reported(r.file))
        .map(({ file, reason, message, fails }) => ({ file: this.relative(file), reason, message, fails }))
        .sort((a, b) => a.file.localeCompare(b.file)),
      failedFiles: [...this.failed]
        .map(([file, reason]) => ({ file: this.relative(this.realFile(file)), reason }))
        .sort((a, b) => a.file.localeCompare(b.file)),
      ignored,
      warnings: this.warnings,
      skippedFolders: this.skippedFolders(),
      ...this.verifyCannotRun(),
      needsPerson: findings.filter((f) => f.status === 'manual').length,
      stats: this.stats(),
    };
  }

  /** Why `--verify` could not type-check this project (a package's typings this TypeScript cannot parse), if so. */
  private verifyCannotRun(): Pick<AuditResult, 'verifyCannotRun'> {
    const why = verifyCannotRunReason(this.checked.map(({ program }) => program));
    return why === undefined ? {} : { verifyCannotRun: why };
  }

  private stats(): AuditResult['stats'] {
    const { config, refused, unreadable } = this;
    const others = [...refused.keys(), ...unreadable.keys(), ...config.vueFiles, ...(config.walked ?? [])];
    return {
      ...filesOfThePaths(
        (file) => this.reported(file),
        this.selection.texts,
        others,
        (file) => this.componentsNaming.has(file) || refused.has(file),
      ),
      // A component's script blocks are files of their own to TypeScript: each counts as its component, once.
      typeCheckedFiles: this.realSourceFiles.size,
      projectFiles: config.fileNames.length + config.vueFiles.length,
      scannedFiles: this.realSourceFiles.size,
      programFiles: new Set(this.checked.flatMap(({ program }) => program.getSourceFiles().map((sf) => sf.fileName)))
        .size,
      ignored: config.ignored ?? { folders: 0, files: 0 },
      brokenLinks: config.brokenLinks ?? 0,
      excluded: this.excludedStats(),
      milliseconds: 0,
    };
  }

  /** What the exclusions left out, paths relative as the report shows them; null without exclusions. */
  private excludedStats(): AuditResult['stats']['excluded'] {
    const excluded = this.config.excluded;
    if (!excluded) return null;
    return {
      folders: excluded.folders.map((folder) => this.relative(folder)),
      files: excluded.files,
      namingLegacyApi: excluded.namingLegacyApi.map((file) => this.relative(file)),
      notRead: excluded.notRead.map(({ path: file, reason }) => ({ file: this.relative(file), reason })),
    };
  }

  /** Whether the migrated files still type-check as well as before (`verify`). */
  verify(baseline: string): AuditResult['verify'] {
    this.phase({ step: 'verify', baseline });
    // A file TypeScript could not read above is read as empty there too, before and after alike.
    return runVerify({
      cwd: this.cwd,
      config: this.config,
      scopes: this.scopes,
      baseline,
      unreadable: [...this.failed.keys()],
    });
  }
}
