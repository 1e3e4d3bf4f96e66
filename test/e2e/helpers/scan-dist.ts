/**
 * Static checks on a built `dist/`: where the legacy record API is still
 * reached, and how many copies of the runtime were bundled.
 *
 * A reference to `startRecord` / `stopRecord` (member access, computed
 * access or destructuring) is legacy unless its object is provably the
 * runtime: an identifier bound to `require()` of a chunk that carries the
 * runtime, or to the result of calling a function that carries it (the
 * runtime's own `createRecordCompat(...)` object). Everything else — `wx`,
 * Taro's default export, any other object — counts as a legacy call left.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from '@babel/parser';
import _traverse, { type NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { LEGACY_APIS } from '../../../src/rewrite/legacy-apis';

// @babel/traverse is CommonJS with a default export.
const traverse = ((_traverse as unknown as { default?: typeof _traverse }).default ?? _traverse) as typeof _traverse;

// Every API the rewrite replaces (the record and the voice API), from the one table.
const LEGACY = new Set<string>(LEGACY_APIS);

export interface LegacySite {
  file: string;
  line: number;
  column: number;
  api: string;
  code: string;
}

export interface DistScan {
  files: string[];
  legacy: LegacySite[];
  /** How many times the runtime's marker string literal occurs in the output. */
  runtimeMarkerCount: number;
  /** Files that contain the runtime. */
  runtimeFiles: string[];
}

export function listJs(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.js')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

function propertyName(node: t.MemberExpression | t.OptionalMemberExpression | t.ObjectProperty): string | undefined {
  const key = node.type === 'ObjectProperty' ? node.key : node.property;
  const computed = node.computed;
  if (!computed && key.type === 'Identifier') return key.name;
  if (key.type === 'StringLiteral') return key.value;
  return undefined;
}

export function scanDist(dir: string, marker: string): DistScan {
  const distDir = path.resolve(dir);
  const files = listJs(distDir);
  const sources = new Map(files.map((f) => [f, fs.readFileSync(f, 'utf8')]));
  const runtimeFiles = files.filter((f) => sources.get(f)!.includes(marker));
  const legacy: LegacySite[] = [];
  let runtimeMarkerCount = 0;
  const asts = new Map(
    files.map((f) => [
      f,
      parse(sources.get(f)!, { sourceType: 'unambiguous', errorRecovery: true, allowReturnOutsideFunction: true }),
    ]),
  );

  // webpack module maps ({ 1234: function (module, exports, require) {...} }): ids of the runtime's modules.
  const runtimeModuleIds = new Set<string>();
  for (const file of runtimeFiles) {
    const code = sources.get(file)!;
    traverse(asts.get(file)!, {
      ObjectProperty(p) {
        const { key, value } = p.node;
        if (key.type !== 'NumericLiteral' && key.type !== 'StringLiteral') return;
        if (value.type !== 'FunctionExpression' && value.type !== 'ArrowFunctionExpression') return;
        if (value.start != null && value.end != null && code.slice(value.start, value.end).includes(marker)) {
          runtimeModuleIds.add(String(key.value));
        }
      },
    });
  }

  for (const file of files) {
    const code = sources.get(file)!;
    const ast = asts.get(file)!;
    const rel = path.relative(distDir, file).split(path.sep).join('/');

    const carriesRuntime = (node: t.Node | null | undefined): boolean =>
      !!node && node.start != null && node.end != null && code.slice(node.start, node.end).includes(marker);

    /** Is this expression provably the runtime (its module or its API object)? */
    const isRuntime = (p: NodePath): boolean => {
      if (!p.isIdentifier()) return false;
      const binding = p.scope.getBinding(p.node.name);
      if (!binding || !binding.path.isVariableDeclarator()) return false;
      const init = binding.path.get('init');
      if (Array.isArray(init) || !init.node || !init.isCallExpression()) return false;
      const callee = init.get('callee');
      const args = init.node.arguments;
      // require("../../vendors.js") of a chunk that holds the runtime
      if (callee.isIdentifier({ name: 'require' }) && args.length === 1 && args[0].type === 'StringLiteral') {
        const target = path.resolve(path.dirname(file), args[0].value);
        const withJs = target.endsWith('.js') ? target : `${target}.js`;
        return runtimeFiles.includes(withJs);
      }
      // __webpack_require__(id) of the runtime's module
      if (callee.isIdentifier() && args.length === 1 && args[0].type === 'NumericLiteral') {
        return runtimeModuleIds.has(String(args[0].value));
      }
      // createRecordCompat(...) inside the runtime itself (called by name, or inlined by the minifier)
      if (callee.isFunctionExpression() || callee.isArrowFunctionExpression()) return carriesRuntime(callee.node);
      if (callee.isIdentifier()) {
        const fn = callee.scope.getBinding(callee.node.name);
        if (!fn) return false;
        const decl = fn.path.isVariableDeclarator() ? fn.path.node.init : fn.path.node;
        return carriesRuntime(decl);
      }
      return false;
    };

    const report = (p: NodePath, api: string) => {
      const loc = p.node.loc?.start;
      const start = p.node.start ?? 0;
      legacy.push({
        file: rel,
        line: loc?.line ?? 0,
        column: loc?.column ?? 0,
        api,
        code: code.slice(Math.max(0, start - 30), Math.min(code.length, (p.node.end ?? start) + 30)),
      });
    };

    traverse(ast, {
      StringLiteral(p) {
        if (p.node.value === marker) runtimeMarkerCount += 1;
      },
      'MemberExpression|OptionalMemberExpression'(path) {
        const p = path as NodePath<t.MemberExpression | t.OptionalMemberExpression>;
        const name = propertyName(p.node);
        if (!name || !LEGACY.has(name)) return;
        // `exports.startRecord = ...` defines a property (the runtime's chunk exports); it calls nothing.
        if (p.parentPath.isAssignmentExpression() && p.parentPath.node.left === p.node) return;
        if (isRuntime(p.get('object') as NodePath)) return;
        report(p, name);
      },
      ObjectPattern(p) {
        for (const prop of p.node.properties) {
          if (prop.type !== 'ObjectProperty') continue;
          const name = propertyName(prop);
          if (!name || !LEGACY.has(name)) continue;
          const parent = p.parentPath;
          if (parent.isVariableDeclarator() && isRuntime(parent.get('init') as NodePath)) continue;
          report(p, name);
        }
      },
    });
  }
  return { files, legacy, runtimeMarkerCount, runtimeFiles };
}
