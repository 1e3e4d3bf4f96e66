/*
 * bench:build's bytes in a build's dist/: the runtime's code as bundled (the webpack module or modules that carry it;
 * for vite, the chunk), and all the build's JavaScript, each raw and gzipped. The runtime is found by a string only its
 * code holds (`marker`).
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

const { parse } = createRequire(import.meta.url)('@babel/parser');

/** The .js files under `dir`. */
export function jsFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.js')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

const gz = (s) => zlib.gzipSync(Buffer.from(s), { level: 9 }).length;

/** The runtime's code as bundled: the webpack module(s) carrying it (or, for vite, the chunk). */
export function runtimeBytes(dist, marker) {
  let raw = 0;
  let gzip = 0;
  let copies = 0;
  for (const file of jsFiles(dist)) {
    const code = fs.readFileSync(file, 'utf8');
    if (!code.includes(marker)) continue;
    const ast = parse(code, { sourceType: 'unambiguous', errorRecovery: true });
    let found = false;
    const visit = (node) => {
      if (!node || typeof node.type !== 'string') return;
      if (
        node.type === 'ObjectProperty' &&
        (node.key.type === 'NumericLiteral' || node.key.type === 'StringLiteral') &&
        (node.value.type === 'FunctionExpression' || node.value.type === 'ArrowFunctionExpression')
      ) {
        const src = code.slice(node.value.start, node.value.end);
        if (src.includes(marker)) {
          raw += Buffer.byteLength(src);
          gzip += gz(src);
          copies += 1;
          found = true;
          return;
        }
      }
      for (const k of Object.keys(node)) {
        const v = node[k];
        if (Array.isArray(v)) v.forEach(visit);
        else if (v && typeof v === 'object' && typeof v.type === 'string') visit(v);
      }
    };
    visit(ast.program);
    if (!found) {
      // No webpack module map (vite/rollup chunk): count the whole file.
      raw += Buffer.byteLength(code);
      gzip += gz(code);
      copies += 1;
    }
  }
  return { raw, gzip, copies };
}

/** All the build's JavaScript, and whether the runtime is in it. */
export function distJs(dist, marker) {
  const all = jsFiles(dist).map((f) => fs.readFileSync(f, 'utf8'));
  return {
    raw: all.reduce((n, s) => n + Buffer.byteLength(s), 0),
    gzip: all.reduce((n, s) => n + gz(s), 0),
    hasRuntime: all.some((s) => s.includes(marker)),
  };
}
