/**
 * Where rewritten code imports the runtime from, per file: the package's Taro
 * entry, its native entry, or a local standalone copy written into the project.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_IMPORT_SOURCE, findGitRoot, isSkippedFolder, NATIVE_IMPORT_SOURCE, TARO_MODULE, toPosixPath } from '../rewrite/light';
import type { RuntimeMode } from './options';
import { packageRoot } from '../package-info';

/** True when the text imports or requires `@tarojs/taro` (the exact module, not `@tarojs/taro-h5`). */
export function mentionsTaro(text: string): boolean {
  return text.includes(`'${TARO_MODULE}'`) || text.includes(`"${TARO_MODULE}"`);
}

/** Finds, with a cache per folder, whether the nearest package.json depends on @tarojs/taro. */
export class TaroProjectLookup {
  private readonly byDir = new Map<string, boolean>();

  dependsOnTaro(dir: string): boolean {
    const cached = this.byDir.get(dir);
    if (cached !== undefined) return cached;
    let answer: boolean;
    const pkgFile = path.join(dir, 'package.json');
    let pkgText: string | null = null;
    try {
      pkgText = fs.readFileSync(pkgFile, 'utf8');
    } catch {
      pkgText = null;
    }
    if (pkgText !== null) {
      answer = packageDependsOnTaro(pkgText);
    } else {
      const up = path.dirname(dir);
      answer = up === dir ? false : this.dependsOnTaro(up);
    }
    this.byDir.set(dir, answer);
    return answer;
  }
}

function packageDependsOnTaro(text: string): boolean {
  try {
    const pkg = JSON.parse(text) as Record<string, unknown>;
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      const deps = pkg[field];
      if (deps && typeof deps === 'object' && TARO_MODULE in deps) return true;
    }
  } catch {
    // An unreadable package.json says nothing either way.
  }
  return false;
}

export interface LocalRuntime {
  /** Absolute path of the copy in the user's project. */
  file: string;
  /** Absolute path of the copy shipped in this package. */
  template: string;
}

function findUp(start: string, stopAt: string | null, name: string): string | null {
  let cur = start;
  for (;;) {
    const candidate = path.join(cur, name);
    if (fs.existsSync(candidate)) return candidate;
    const up = path.dirname(cur);
    if (up === cur || (stopAt !== null && cur === stopAt)) return null;
    cur = up;
  }
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
  const isTs = findUp(base, gitRoot, 'tsconfig.json') !== null;
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

export class RuntimeChooser {
  private readonly taro = new TaroProjectLookup();

  constructor(
    private readonly mode: RuntimeMode,
    private readonly local: LocalRuntime | null,
  ) {}

  importSourceFor(file: string, text: string): string {
    if (this.mode.kind === 'local' && this.local) return relativeSpecifier(file, this.local.file);
    if (mentionsTaro(text) || this.taro.dependsOnTaro(path.dirname(file))) return DEFAULT_IMPORT_SOURCE;
    return NATIVE_IMPORT_SOURCE;
  }
}
