/**
 * Static checks on a built `dist/`: where a rewritten legacy API (the record
 * and the voice API of src/rewrite/rules/legacy-apis.ts) is still reached, and how
 * many copies of the runtime (and of its voice module) were bundled.
 *
 * A reference to `startRecord` / `playVoice` / … (member access, computed
 * access or destructuring) is legacy unless its object is provably the
 * runtime: an identifier bound to `require()` of a chunk that carries the
 * runtime, or to the result of calling a function that carries it (the
 * runtime's own `createRecordCompat(...)` / `createVoiceCompat(...)` object).
 * Everything else — `wx`, Taro's default export, any other object — counts as
 * a legacy call left.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from '@babel/parser';
import _traverse, { type NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { REPLACED_LEGACY_APIS } from '../../../src/rewrite/rules/legacy-apis';
import { CANVAS_RUNTIME_MARKER, VOICE_RUNTIME_MARKER } from './example';

// @babel/traverse is CommonJS with a default export.
const traverse = ((_traverse as unknown as { default?: typeof _traverse }).default ?? _traverse) as typeof _traverse;

// The deprecated APIs the rewrite replaces; not the app's own getRecorderManager, which the
// runtime itself calls on the platform and which is no leftover when an app calls it.
const LEGACY: ReadonlySet<string> = new Set(REPLACED_LEGACY_APIS);
/**
 * The legacy APIs the runtime's own code calls on the platform: the legacy canvas (Taro H5's, which the H5 entry hands
 * on; WeChat's, where Canvas 2D is missing) and getSystemInfoSync for the canvas's pixel ratio (before getWindowInfo).
 * No leftover where the runtime's code calls them.
 */
const RUNTIME_OWN_CALLS: ReadonlySet<string> = new Set([
  'createCanvasContext',
  'canvasToTempFilePath',
  'canvasGetImageData',
  'canvasPutImageData',
  'getSystemInfoSync',
]);

export interface LegacySite {
  file: string;
  line: number;
  column: number;
  api: string;
  code: string;
}

export interface DistScan {
  files: string[];
  /** The legacy sites of the app's code and of the packages it bundles, Taro's own aside. */
  legacy: LegacySite[];
  /**
   * The legacy sites in Taro's own code (its `taro.js` chunk, Taro 1's `npm/@tarojs/`), which no
   * door rewrites: @tarojs/shared's canIUseWebp reads `getSystemInfoSync()`, with or without the plugin.
   */
  taroOwn: LegacySite[];
  /** How many times the runtime's marker string literal occurs in the output. */
  runtimeMarkerCount: number;
  /** Files that contain the runtime. */
  runtimeFiles: string[];
  /** How many times the voice module's marker string literal occurs in the output. */
  voiceMarkerCount: number;
  /** Files that contain the runtime's voice module. */
  voiceFiles: string[];
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
  // The record core, the voice and the canvas module are separate modules of the runtime: code that
  // carries any one is the runtime (a build that only plays voices has no record core).
  const markers = [marker, VOICE_RUNTIME_MARKER, CANVAS_RUNTIME_MARKER];
  const hasMarker = (text: string) => markers.some((m) => text.includes(m));
  const runtimeFiles = files.filter((f) => sources.get(f)!.includes(marker));
  const voiceFiles = files.filter((f) => sources.get(f)!.includes(VOICE_RUNTIME_MARKER));
  const filesWithRuntime = files.filter((f) => hasMarker(sources.get(f)!));
  const legacy: LegacySite[] = [];
  const taroOwn: LegacySite[] = [];
  const isTaroOwn = (rel: string) => rel === 'taro.js' || rel.startsWith('npm/@tarojs/');
  // Where Taro 1 puts its copies of the runtime package and of this package's former entries (npm packages are copied,
  // not bundled).
  const copiedPackages = ['record-compat-runtime', 'taro-plugin-record-compat'].map(
    (name) => path.join(distDir, 'npm', name) + path.sep,
  );
  const inCopiedPackage = (file: string) => copiedPackages.some((dir) => file.startsWith(dir));
  let runtimeMarkerCount = 0;
  let voiceMarkerCount = 0;
  const asts = new Map(
    files.map((f) => [
      f,
      parse(sources.get(f)!, { sourceType: 'unambiguous', errorRecovery: true, allowReturnOutsideFunction: true }),
    ]),
  );

  // webpack module maps ({ 1234: function (module, exports, require) {...} }): ids of the runtime's modules, and the
  // files that hold them (the others that carry the runtime are flat chunks: vite's).
  const runtimeModuleIds = new Set<string>();
  const moduleMapped = new Set<string>();
  for (const file of filesWithRuntime) {
    const code = sources.get(file)!;
    traverse(asts.get(file)!, {
      ObjectProperty(p) {
        const { key, value } = p.node;
        if (key.type !== 'NumericLiteral' && key.type !== 'StringLiteral') return;
        if (value.type !== 'FunctionExpression' && value.type !== 'ArrowFunctionExpression') return;
        if (value.start != null && value.end != null && hasMarker(code.slice(value.start, value.end))) {
          runtimeModuleIds.add(String(key.value));
          moduleMapped.add(file);
        }
      },
    });
  }

  for (const file of files) {
    const code = sources.get(file)!;
    const ast = asts.get(file)!;
    const rel = path.relative(distDir, file).split(path.sep).join('/');
    // A file of Taro 1's copy of this package is the runtime itself: what it calls is no legacy call.
    const isRuntimeCopy = inCopiedPackage(file);

    const carriesRuntime = (node: t.Node | null | undefined): boolean =>
      !!node && node.start != null && node.end != null && hasMarker(code.slice(node.start, node.end));

    /**
     * The runtime's own call of a legacy API (RUNTIME_OWN_CALLS): in a webpack module of the runtime; in a flat chunk
     * that carries it (vite's), a canvas call, or a getSystemInfoSync whose function asks the same object for
     * getWindowInfo first, as the runtime does (the chunk holds the app's packages too, whose call would be a leftover).
     */
    const flatRuntime = filesWithRuntime.includes(file) && !moduleMapped.has(file);
    const isRuntimeOwnCall = (p: NodePath<t.MemberExpression | t.OptionalMemberExpression>, name: string): boolean => {
      if (!RUNTIME_OWN_CALLS.has(name)) return false;
      const inRuntimeModule = p.findParent(
        (q) =>
          (q.isFunctionExpression() || q.isArrowFunctionExpression()) &&
          !!q.parentPath?.isObjectProperty() &&
          carriesRuntime(q.node),
      );
      if (inRuntimeModule) return true;
      if (!flatRuntime) return false;
      if (name !== 'getSystemInfoSync') return true;
      const object = p.node.object;
      const fn = p.getFunctionParent()?.node;
      return (
        object.type === 'Identifier' &&
        !!fn &&
        code.slice(fn.start ?? 0, p.node.start ?? 0).includes(`${object.name}.getWindowInfo`)
      );
    };

    /** Is this expression provably the runtime (its module or its API object)? */
    const isRuntime = (p: NodePath, depth = 0): boolean => {
      if (depth > 20) return false; // a chain of bindings that leads nowhere
      const next = (q: NodePath) => isRuntime(q, depth + 1);
      // `Object(m.createVoiceCompat)` and `(0, m.createVoiceCompat)`: webpack's ways to call an import.
      if (p.isCallExpression() && p.get('callee').isIdentifier({ name: 'Object' }) && p.node.arguments.length === 1) {
        return next(p.get('arguments.0') as NodePath);
      }
      if (p.isSequenceExpression()) {
        const last = p.get('expressions') as NodePath[];
        return next(last[last.length - 1]);
      }
      // A function of the runtime's module object (`m.createVoiceCompat`).
      if (p.isMemberExpression()) return next(p.get('object') as NodePath);
      // The runtime's own CommonJS exports, in a file that carries it (the standalone copy's
      // `startRecordWrapped = (o) => taroWrapped(exports.startRecord, o)`).
      if (p.isIdentifier({ name: 'exports' }) && !p.scope.getBinding('exports')) return hasMarker(code);
      if (p.isIdentifier()) {
        const binding = p.scope.getBinding(p.node.name);
        if (!binding || !binding.path.isVariableDeclarator()) return false;
        const init = binding.path.get('init');
        return !Array.isArray(init) && !!init.node && next(init as NodePath);
      }
      if (!p.isCallExpression()) return false;
      const callee = p.get('callee');
      const args = p.node.arguments;
      // require("../../vendors.js") of a chunk that holds the runtime; or, where nothing bundles
      // (Taro 1 copies each npm file into dist/npm/), of a file of this package's copy. By what it
      // loads, not by its name: a minifier passes `require` in under another.
      if (callee.isIdentifier() && args.length === 1 && args[0].type === 'StringLiteral') {
        const target = path.resolve(path.dirname(file), args[0].value);
        const withJs = target.endsWith('.js') ? target : `${target}.js`;
        if (sources.has(withJs)) return filesWithRuntime.includes(withJs) || inCopiedPackage(withJs);
      }
      // __webpack_require__(id) of the runtime's module (a number, or a path in unminified builds)
      if (
        callee.isIdentifier() &&
        args.length === 1 &&
        (args[0].type === 'NumericLiteral' || args[0].type === 'StringLiteral')
      ) {
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
      return next(callee as NodePath);
    };

    const report = (p: NodePath, api: string) => {
      const loc = p.node.loc?.start;
      const start = p.node.start ?? 0;
      (isTaroOwn(rel) ? taroOwn : legacy).push({
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
        if (p.node.value === VOICE_RUNTIME_MARKER) voiceMarkerCount += 1;
      },
      'MemberExpression|OptionalMemberExpression'(path) {
        const p = path as NodePath<t.MemberExpression | t.OptionalMemberExpression>;
        const name = propertyName(p.node);
        if (!name || !LEGACY.has(name) || isRuntimeCopy) return;
        if (isRuntimeOwnCall(p, name)) return;
        // `exports.startRecord = ...` defines a property (the runtime's chunk exports); it calls nothing.
        if (p.parentPath.isAssignmentExpression() && p.parentPath.node.left === p.node) return;
        if (isRuntime(p.get('object') as NodePath)) return;
        report(p, name);
      },
      ObjectPattern(p) {
        if (isRuntimeCopy) return;
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
  return { files, legacy, taroOwn, runtimeMarkerCount, runtimeFiles, voiceMarkerCount, voiceFiles };
}
