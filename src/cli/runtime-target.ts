/**
 * Where rewritten code imports the runtime from, per file: the package's Taro
 * entry or its native entry (the engine decides: src/rewrite/project-options.ts), or a
 * local standalone copy written into the project (decided here).
 */
import * as fs from 'fs';
import * as path from 'path';
import { findGitRoot, folderHolding, packageImportRefusal, isSkippedFolder, rewriteOptionsFor, TaroProjectLookup, taroVersionWarnings, toPosixPath, type EvaluatedCopies, type ProjectDecisions, type RewriteOptions } from '../rewrite/light';
import type { RuntimeMode } from './options';
import { packageRoot } from '../package-info';

export interface LocalRuntime {
  /** Absolute path of the copy in the user's project. */
  file: string;
  /** Absolute path of the copy shipped in this package. */
  template: string;
}

/** Shallowest app.json (the native mini-program root) within a few levels of `dir`. */
function findAppJson(dir: string, depth = 3): string | null {
  let level = [dir];
  for (let d = 0; d <= depth && level.length > 0; d++) {
    const next: string[] = [];
    for (const cur of level) {
      if (fs.existsSync(path.join(cur, 'app.json'))) return cur;
      let entries: fs.Dirent[] = [];
      try {
        entries = fs.readdirSync(cur, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        // Build output holds an app.json too (Taro's dist/): never put the copy there.
        if (e.isDirectory() && !isSkippedFolder(e.name)) {
          next.push(path.join(cur, e.name));
        }
      }
    }
    level = next.sort();
  }
  return null;
}

/**
 * Decides where `--runtime local` puts its copy. The copy must live inside the
 * mini-program root (files outside it are not uploaded), hence app.json first.
 */
export function resolveLocalRuntime(mode: { path?: string }, firstPath: string, cwd: string): LocalRuntime {
  const base = fs.statSync(firstPath).isDirectory() ? firstPath : path.dirname(firstPath);
  const gitRoot = findGitRoot(base);
  const isTs = folderHolding(base, 'tsconfig.json', gitRoot) !== undefined;
  let file: string;
  if (mode.path !== undefined) {
    file = path.resolve(cwd, mode.path);
    if (path.extname(file) === '') file += isTs ? '.ts' : '.js';
  } else {
    const appRoot = findAppJson(base);
    const srcDir = path.join(base, 'src');
    const dir = appRoot ?? (fs.existsSync(srcDir) && fs.statSync(srcDir).isDirectory() ? srcDir : base);
    file = path.join(dir, 'utils', `record-compat${isTs ? '.ts' : '.js'}`);
  }
  const ext = path.extname(file) === '.ts' ? 'ts' : 'js';
  return { file, template: path.join(packageRoot(), 'dist', 'runtime', 'standalone', `record-compat.${ext}`) };
}

/** Relative module specifier from `fromFile` to the local copy, without extension: `./utils/record-compat`. */
export function relativeSpecifier(fromFile: string, target: string): string {
  const noExt = target.slice(0, target.length - path.extname(target).length);
  let rel = toPosixPath(path.relative(path.dirname(fromFile), noExt));
  if (!rel.startsWith('.')) rel = './' + rel;
  return rel;
}

/**
 * The rewrite options of each file of a run: the engine's choice (project-options.ts,
 * the same the ESLint rule makes), except that `--runtime local` imports the local copy.
 */
export class RuntimeChooser {
  private readonly taro: TaroProjectLookup;

  /** `taroCopies`: the copy patterns Taro evaluated, when Taro's CLI runs the program (`taro record-compat`). */
  constructor(
    private readonly mode: RuntimeMode,
    private readonly local: LocalRuntime | null,
    taroCopies?: EvaluatedCopies,
  ) {
    this.taro = new TaroProjectLookup(taroCopies);
  }

  rewriteOptionsFor(file: string, text: string, project: Omit<ProjectDecisions, 'importSource'>): RewriteOptions {
    const importSource = this.mode.kind === 'local' && this.local ? relativeSpecifier(file, this.local.file) : undefined;
    return rewriteOptionsFor(file, text, { ...project, importSource }, this.taro);
  }

  /** Why the file cannot import the package's runtime where it runs (Taro copies it, WeChat loads it as it is: project-options.ts). */
  packageImportRefusal(file: string, importSource: string): string | null {
    return packageImportRefusal(file, importSource, this.taro);
  }

  /** What to say of the Taro version of the file's project, when it was not told for sure (project-options.ts). */
  taroVersionWarnings(file: string, shown: (file: string) => string): string[] {
    return taroVersionWarnings(file, this.taro, shown);
  }

  /** Whether what the file's Taro project copies is not known in full (project-options.ts), read once per project for the run. */
  unknownCopiesOf(file: string): { config: string; why: string } | undefined {
    return this.taro.unknownCopiesOf(file);
  }
}
