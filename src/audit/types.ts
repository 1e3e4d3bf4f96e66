import type { Invocation } from '../report/next-steps';
import type {
  EvaluatedCopies,
  LegacyApiName,
  ReportFormat,
  RewriteOptions,
  RoutedAppApi,
  RewrittenSite,
} from '../rewrite/light';

export interface AuditOptions {
  /** Files or directories to report on. Default: the project directory. */
  paths?: string[];
  /** tsconfig.json / jsconfig.json, or a directory holding one. Default: found in the first path or cwd. */
  project?: string;
  /** Working directory paths are resolved against and reported relative to. Default: process.cwd(). */
  cwd?: string;
  /**
   * The families the migration takes (the codemod's --families); the references of the others are left as chosen,
   * counted apart and never for a person. Undefined: all.
   */
  families?: RewriteOptions['families'];
  /** Type-check the migrated files against their text at `baseline`. */
  verify?: boolean;
  /** Git revision holding the pre-migration text for `verify`. Default: HEAD. */
  baseline?: string;
  /**
   * A Taro project's copy patterns as Taro evaluated its config (`taro record-compat audit`); others are read from
   * their config's text.
   */
  taroCopies?: EvaluatedCopies;
  /** Gitignore patterns, relative to `cwd`, of what the audit leaves out (the options table's `exclude`). */
  exclude?: readonly string[];
  /**
   * Told as each phase begins, with its count where known: a terminal shows it while the audit works (format.ts,
   * phaseWords).
   */
  onPhase?: (phase: AuditPhase) => void;
}

/** The phases of an audit, in their order; the TypeScript program's is the long one. */
export type AuditPhase =
  | { step: 'finding' }
  | { step: 'reading'; files: number }
  | { step: 'program'; files: number }
  | { step: 'references'; files: number }
  | { step: 'rewrite'; files: number }
  | { step: 'verify'; baseline: string };

/**
 * How the type checker reached the deprecated API:
 * - `member`: `x.startRecord` / `x['startRecord']` where x is wx, Taro or anything typed like them;
 * - `destructure`: `const { startRecord } = Taro`;
 * - `import`: an import or re-export specifier naming it;
 * - `alias`: a use of a variable/property/export that holds it (possibly in another file);
 * - `dynamic`: `wx[key]` with a key that is or may be startRecord/stopRecord;
 * - `type`: `typeof Taro.startRecord` in a type.
 */
export type FindingKind = 'member' | 'destructure' | 'import' | 'alias' | 'dynamic' | 'type';

export interface AuditFinding {
  /** Path relative to `cwd`, with forward slashes. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, as editors show it. */
  column: number;
  /** Source text of the reference (the call when it is called), shortened to one line. */
  expression: string;
  /**
   * A deprecated API of the rewrite's table (legacy-apis.ts); null when a dynamic key may be several.
   * An app API the rewrite routes (`getRecorderManager`…) only in a file it refuses as a whole.
   */
  api: LegacyApiName | RoutedAppApi | null;
  kind: FindingKind;
  /** `handled`: the rewrite (codemod or build plugin) takes it. `manual`: a person must change it. */
  status: 'handled' | 'manual';
  /** Why: the rewrite's own reason, or what the type checker saw. */
  reason: string;
  /** `possible` only for a computed key whose value the type checker cannot pin down. */
  certainty: 'certain' | 'possible';
}

/** A place the rewrite would change although the type checker finds no deprecated API there. */
export interface RewriteOnlySite {
  file: string;
  line: number;
  column: number;
  api: RewrittenSite['api'];
  via: string;
}

export interface VerifyDiagnostic {
  file: string;
  line: number;
  column: number;
  /** TypeScript's diagnostic code; 0 for a .vue component whose script blocks can no longer be read. */
  code: number;
  message: string;
}

export interface VerifyResult {
  baseline: string;
  /** Files that differ from the baseline and belong to the project. */
  migratedFiles: string[];
  /** Diagnostics present now but not in the baseline text of the same file. */
  introduced: VerifyDiagnostic[];
  /**
   * Files the baseline could not provide (new since the baseline, and not a rename git pairs with a baseline file):
   * listed, not type-checked.
   */
  newFiles: string[];
  /**
   * Set when the check cannot be trusted: type packages of the project (often an
   * @types/node newer than the project's TypeScript 4.x) do not parse with the audit's
   * TypeScript. One sentence, with what to do; the command exits with 1.
   */
  unchecked?: string;
}

export interface AuditResult {
  /** The config file used, relative to cwd, or null for a plain JS project without one. */
  config: string | null;
  findings: AuditFinding[];
  /**
   * Files the rewrite leaves alone on purpose (WeChat web JS-SDK code), with its reason and
   * how many references the type checker saw there (not counted: shown so the verdict can be checked);
   * files named on the command line of a kind the audit does not read (`x.json`), with why; and,
   * in the walk's words, the links that lead to no file and the FIFOs, sockets and devices met
   * under a name that is no script's (the codemod skips them with the same reasons).
   */
  skippedFiles: { file: string; reason: string; references: number }[];
  rewriteOnly: RewriteOnlySite[];
  /**
   * Files that name a deprecated API but that the rewrite refuses (not UTF-8, too large, minified,
   * nested too deeply: classifyFile, the codemod's gate), in the codemod's words; never reported as
   * handled. Those with `fails` (the codemod fails them: encoding, nesting) count in the exit code;
   * under --strict all of them count. The calls in the others are findings for a person, as the codemod lists them.
   */
  refusedFiles: RefusedFile[];
  /**
   * Files whose analysis failed (TypeScript's parser or binder ran out of stack on them, the type
   * checker threw), with the reason: their references are missing, the rest of the audit is complete.
   * Each one counts in the exit code.
   */
  failedFiles: FailedFile[];
  /** Findings silenced with a `record-compat-audit-ignore` comment on their line or the line above; never counted. */
  ignored: AuditFinding[];
  /** With `families`: the places of the families not chosen, left as they are (the codemod's "left as chosen"). */
  leftAsChosen?: { file: string; line: number; column: number; api: LegacyApiName }[];
  /** Conditions that make the result incomplete (e.g. @tarojs/taro's typings not installed). */
  warnings: string[];
  /**
   * The build-output folders (`dist`, `build`…) a codemod run on the same paths passes over, whose scripts name a
   * legacy API, each with how many do: nothing there is reported (the codemod migrates nothing there), each said in a
   * line; counted under --strict.
   */
  skippedFolders: { folder: string; namingLegacyApi: number }[];
  /**
   * Why `--verify` cannot type-check this project (`@tarojs/taro does not parse with the audit's TypeScript …`, as on
   * Taro 1 and 2): then the next steps do not recommend it.
   */
  verifyCannotRun?: string;
  verify?: VerifyResult;
  /** Count of findings with status `manual`. */
  needsPerson: number;
  stats: {
    /**
     * The files under the paths the audit read, declaration files aside: what the codemod's summary
     * counts as `scanned` ("looked at") over the same paths.
     */
    filesLookedAt: number;
    /**
     * Of those, the files whose text names a legacy API (the pre-filter's, the codemod's `parsed`); a file the rewrite
     * refuses counts.
     */
    filesNamingLegacyApi: number;
    /**
     * Files the text pre-filter chose to type-check, in the whole project: those naming an API, using wx/Taro as a
     * value, and their importers (a .vue component once).
     */
    typeCheckedFiles: number;
    /**
     * Source files of the project (after ignoring node_modules and build output), not counting the local files they
     * import that its config leaves out.
     */
    projectFiles: number;
    /** The old name of typeCheckedFiles, kept: it is not the codemod's `scanned`. */
    scannedFiles: number;
    /** Files in the TypeScript program (scanned files, what they import, typings). */
    programFiles: number;
    /**
     * Folders and files the walk passed over, as the codemod's walk does: what git ignores (and does not track),
     * dependency and build folders.
     */
    ignored: { folders: number; files: number };
    /** Links the walk met that lead to no file (dangling, or a loop): each is in skippedFiles too. */
    brokenLinks: number;
    /**
     * What `exclude` left out (null without it): the outermost folders, the files of the kinds the audit reads, those
     * whose text names a legacy API (named: never dropped in silence), what could not be read there; paths relative.
     */
    excluded: {
      folders: string[];
      files: number;
      namingLegacyApi: string[];
      notRead: { file: string; reason: string }[];
    } | null;
    milliseconds: number;
  };
}

export interface FailedFile {
  file: string;
  /** One sentence: what failed, and what to do. */
  reason: string;
}

export interface RefusedFile {
  file: string;
  reason: 'unreadableName' | 'encoding' | 'tooLarge' | 'minified' | 'tooDeep';
  message: string;
  fails: boolean;
}

/** A bad argument or unusable input: the command exits with 2. */
export class AuditUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditUsageError';
  }
}

/** The audit command's options, as src/cli/options.ts parses them. */
export interface AuditCliOptions {
  /** As given, relative to cwd: the audit resolves and reports them itself. */
  paths: string[];
  project?: string;
  verify: boolean;
  baseline?: string;
  families?: RewriteOptions['families'];
  /** The report is our own JSON (`--json`, `--format json`). */
  json: boolean;
  /** What the report is written as (`--format`; `--json` is `json`). */
  format: ReportFormat;
  strict: boolean;
  color: boolean;
  /** The --exclude patterns, relative to cwd. */
  exclude: string[];
  cwd: string;
  taroCopies?: EvaluatedCopies;
  /** How the program was called: the commands of the next steps are the user's own. */
  invocation: Invocation;
}
