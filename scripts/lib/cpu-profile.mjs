/*
 * Where a CPU profile's self time goes, by bucket: a package of node_modules, a folder of the build, Node's own modules
 * by area, V8's pseudo-frames (scripts/bench-codemod.mjs --profile).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Node's C++ file-system bindings, as they are named in a CPU profile. */
const FS_BINDINGS = new Set([
  'open',
  'close',
  'read',
  'readFileUtf8',
  'readdir',
  'lstat',
  'stat',
  'fstat',
  'writeString',
  'writeBuffer',
  'writeFileUtf8',
  'fsync',
  'fdatasync',
  'rename',
  'unlink',
  'chmod',
  'fchmod',
  'fchown',
  'realpath',
  'existsSync',
  'access',
]);

/**
 * Where a CPU-profile node's self time goes: the package under node_modules, our dist
 * folders, Node's own modules by area, or V8's pseudo-frames.
 */
function bucketOf({ url, functionName }, dist) {
  if (!url) {
    if (functionName === '(garbage collector)') return 'V8: garbage collection';
    if (functionName === '(program)') return 'V8: (program) — compiling, runtime, native';
    if (functionName === '(idle)') return '(idle)';
    if (functionName === '(root)') return '(root)';
    // Frames without a script: Node's C++ bindings, or V8's builtins.
    if (FS_BINDINGS.has(functionName)) return 'node: fs';
    if (functionName.startsWith('internalModule')) return 'node: module loading';
    if (functionName.startsWith('RegExp:')) return 'V8: regular expressions';
    return 'V8: other builtins (JSON, String…)';
  }
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  const nm = file.lastIndexOf(`${path.sep}node_modules${path.sep}`);
  if (nm >= 0) {
    const [scope, name] = file.slice(nm + '/node_modules/'.length).split(path.sep);
    return `node_modules/${scope.startsWith('@') ? `${scope}/${name}` : scope}`;
  }
  if (file.startsWith(dist + path.sep)) {
    const parts = path.relative(dist, file).split(path.sep);
    return `dist/${parts.slice(0, parts[0] === 'src' ? 2 : 1).join('/')}`;
  }
  if (url === 'node:fs' || url.startsWith('node:internal/fs')) return 'node: fs';
  if (url.startsWith('node:internal/modules') || url.startsWith('node:internal/vm')) return 'node: module loading';
  if (url.startsWith('node:')) return 'node: other';
  return 'other';
}

/** Self time per bucket over every .cpuprofile in `dir` (one per thread), in ms; `dist`: the build whose folders are buckets. */
export function selfTimeByBucket(dir, dist) {
  const totals = new Map();
  const profiles = fs.readdirSync(dir).filter((n) => n.endsWith('.cpuprofile'));
  for (const name of profiles) {
    const p = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
    const bucketById = new Map(p.nodes.map((n) => [n.id, bucketOf(n.callFrame, dist)]));
    // Sample i lasts until sample i + 1 (as DevTools counts it).
    for (let i = 0; i + 1 < p.samples.length; i++) {
      const bucket = bucketById.get(p.samples[i]);
      totals.set(bucket, (totals.get(bucket) ?? 0) + p.timeDeltas[i + 1] / 1000);
    }
  }
  return { profiles: profiles.length, totals: [...totals].sort((a, b) => b[1] - a[1]) };
}
