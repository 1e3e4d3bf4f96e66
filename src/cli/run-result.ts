/**
 * What a codemod run returns (RunResult) and whom it tells as it goes (RunListener).
 */
import type { GitState, RoutingDecision } from '../rewrite/light';
import type { FilePlan } from './migrate';
import type { FileResult } from '../report/file-result';
import type { CliOptions } from './options';
import type { StopSignalName, Tally } from './report';
import type { LocalCopyPlan } from './local-copies';

/** Why a run stopped before writing any source. */
export type RefusalReason = 'runtimeCopy' | 'dirtyTree' | 'git';

export type RunResult =
  /** --help, --version, or a bad argument caught by commander: its output and exit code. */
  | { kind: 'exit'; code: number; stdout: string; stderr: string }
  /** A bad command line (exit code 2); the message names the argument; `helpHelps`: --help is worth pointing to. */
  | { kind: 'usage'; message: string; json: boolean; helpHelps?: boolean }
  /**
   * Stopped before any source was written (exit code 1): `message` exact (for JSON), `shown` with its paths printable()
   * (for a person).
   */
  | { kind: 'refused'; options: CliOptions; reason: RefusalReason; message: string; shown: string }
  | {
      kind: 'done';
      options: CliOptions;
      /** Every file's result, counted; the notable ones kept. */
      tally: Tally;
      git: GitState;
      /**
       * With --runtime local: the copies (one per mini-program root, or the path asked for), sorted, and whether each
       * was written.
       */
      localCopies: LocalCopyPlan[] | null;
      /**
       * Which of the app's own managers were routed in at least one scope (a mini-program, a Taro project, the rest of
       * the run) holding a legacy call of their family (a record call routes getRecorderManager).
       */
      routing: RoutingDecision;
      /**
       * Stopped at a file boundary by a stop signal (STOP_SIGNALS): the files not looked at, or looked at and not
       * written; `listing`: stopped during the walk, nothing read (notProcessed: the files listed until then).
       */
      interrupted: { signal: StopSignalName; notProcessed: number; listing?: true } | null;
      /**
       * 1 when a file failed, or under --strict when places are left for manual review or a build-output folder passed
       * over holds legacy calls; 130 / 143 when interrupted.
       */
      exitCode: number;
    };

export interface RunListener {
  /** Something the run goes on after (no git, a dirty tree under --force, what a dry run's real run would refuse). */
  warning?(message: string): void;
  /** The walk is done: `total` files are to be looked at, one `file` call each (minified-by-name ones aside). */
  start?(options: CliOptions, total: number): void;
  /** One file is settled, and written unless --dry. In completion order. */
  file?(result: FileResult, plan: FilePlan): void;
}
