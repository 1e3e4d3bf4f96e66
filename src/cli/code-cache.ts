/**
 * Runs the command's bundled scripts (bundle.js on the main thread, plan-worker.js and audit-worker.js on theirs) from
 * the code V8 compiled for them in an earlier run, where there is one. That code holds every function the earlier
 * run compiled, so a later run neither parses the script again nor compiles what it calls: it starts sooner and its
 * threads plan sooner. Node 22.1 and later keep such a cache for the modules they load (module.enableCompileCache,
 * which the bin turns on for the dependencies); these scripts are compiled here instead, so every Node the command
 * runs on keeps theirs, on every thread, and so is the one large dependency a thread names (preloadCompiled).
 *
 * The cache is a file per script, its name the script's content hash and the V8 version, in a folder of the user's
 * own under the system's temporary folder (0700, not a link, owned by this user: code read from it runs), with a
 * checksum of its own. V8 checks the rest (its flags) and rejects a cache that does not match; the script then
 * compiles as usual. Nothing is lost without the cache but time, and Node's NODE_DISABLE_COMPILE_CACHE turns it off.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import { createRequire, Module } from 'module';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import type { Worker, WorkerOptions } from 'worker_threads';

/** What became of a script's compiled code in this run. */
export type CodeCacheUse = 'used' | 'rejected' | 'none' | 'off';

interface Loaded {
  script: vm.Script;
  cacheFile: string;
  use: CodeCacheUse;
}

/** The scripts this thread ran through runCompiled, for saveCompiledCode. */
const loaded: Loaded[] = [];

/**
 * Runs the CommonJS script `file` as require() would, from its cached compiled code where there is one, and returns
 * what became of that cache. The thread calls saveCompiledCode once its work is done (the main thread: at exit).
 */
export function runCompiled(file: string): CodeCacheUse {
  const module = { exports: {}, filename: file, id: file, loaded: false };
  const use = compileAndRun(file, module);
  module.loaded = true;
  return use;
}

/**
 * Loads the CommonJS module `file` as runCompiled runs a script, and enters it in require()'s cache, so that the
 * require() of it that comes later returns this module: for a large dependency a thread would otherwise compile from
 * its source in every run.
 */
export function preloadCompiled(file: string): void {
  if (require.cache[file]) return;
  const module = new Module(file);
  module.filename = file;
  require.cache[file] = module;
  try {
    compileAndRun(file, module);
  } catch (error) {
    delete require.cache[file];
    throw error;
  }
  module.loaded = true;
}

/** Compiles `file` as a module, from its cache where there is one, runs it into `module`, and keeps it for saving. */
function compileAndRun(file: string, module: { exports: unknown }): CodeCacheUse {
  const source = fs.readFileSync(file, 'utf8');
  const folder = cacheFolder();
  const cacheFile = folder === null ? '' : path.join(folder, cacheName(file, source));
  const cached = folder === null ? undefined : readCache(cacheFile);
  const cachedData = cached === 'broken' ? undefined : cached;
  const script = new vm.Script(wrapAsModule(source), { filename: file, cachedData });
  const use: CodeCacheUse =
    folder === null
      ? 'off'
      : cached === 'broken' || script.cachedDataRejected
        ? 'rejected'
        : cachedData
          ? 'used'
          : 'none';
  loaded.push({ script, cacheFile, use });
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  return use;
}

/**
 * Writes the compiled code of each script this thread ran that had none to use: once its work is done, so that the
 * functions the work compiled are in it. A cache that cannot be written only goes unused.
 */
export function saveCompiledCode(): void {
  for (const entry of loaded) {
    if (entry.use !== 'none' && entry.use !== 'rejected') continue;
    entry.use = 'used';
    const code = entry.script.createCachedData();
    writeAtomically(entry.cacheFile, Buffer.concat([checksum(code), code]));
  }
}

/**
 * A thread that runs `file` through runCompiled (Worker's own loading would compile it from its source), with
 * `options` as Worker takes them; the modules `preload` names are loaded first through preloadCompiled.
 */
export function compiledWorker(file: string, options: WorkerOptions, preload: string[] = []): Worker {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- worker_threads only for the runs that use one
  const { Worker } = require('worker_threads') as typeof import('worker_threads');
  const start = [
    `const cache = require(${JSON.stringify(__filename)});`,
    ...preload.map((module) => `cache.preloadCompiled(${JSON.stringify(module)});`),
    `cache.runCompiled(${JSON.stringify(file)});`,
  ].join(' ');
  return new Worker(start, { ...options, eval: true });
}

/** The function Node's CommonJS loader wraps a module in. */
function wrapAsModule(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) { ${source}\n})`;
}

/**
 * The script's path and content and the V8 that compiled it name its cache: a changed script, another Node, or the same
 * script in another install has another. V8 takes a script's name from the cache it compiles from, so a cache shared
 * by two installs would name the other's file in every stack trace.
 */
function cacheName(file: string, source: string): string {
  const hash = createHash('sha256')
    .update(`${file}\0`)
    .update(source)
    .update(process.versions.v8)
    .update(process.arch)
    .digest('hex');
  return `${path.basename(file, '.js')}-${hash.slice(0, 32)}.v8`;
}

/** The user's own cache folder, made if missing; null when it is off or the folder is not safely this user's. */
function cacheFolder(): string | null {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return null;
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  const folder = path.join(os.tmpdir(), `taro-plugin-record-compat-code-${uid ?? 'user'}`);
  try {
    fs.mkdirSync(folder, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return null;
  }
  try {
    const stat = fs.lstatSync(folder);
    const ownedHere = uid === null || (stat.uid === uid && (stat.mode & 0o022) === 0);
    return stat.isDirectory() && ownedHere ? folder : null;
  } catch {
    return null;
  }
}

/**
 * A cache's compiled code; undefined when there is none; 'broken' when its checksum does not match. V8 checks only a
 * cache's header: a damaged body would crash the process, so it never gets one.
 */
function readCache(file: string): Buffer | undefined | 'broken' {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const code = bytes.subarray(CHECKSUM_BYTES);
  return bytes.length > CHECKSUM_BYTES && checksum(code).equals(bytes.subarray(0, CHECKSUM_BYTES)) ? code : 'broken';
}

/** Each cache file starts with the SHA-256 of the code after it. */
const CHECKSUM_BYTES = 32;
const checksum = (code: Buffer) => createHash('sha256').update(code).digest();

/** Writes beside `file` and renames over it: a run reading it meanwhile sees the old file or the new one, never half. */
function writeAtomically(file: string, data: Buffer): void {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.writeFileSync(temp, data, { mode: 0o600 });
    fs.renameSync(temp, file);
  } catch {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // Left in the user's own folder; the next write has another name.
    }
  }
}
