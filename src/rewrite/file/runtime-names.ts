/**
 * How a rewritten file takes the runtime's functions: `import` or `require`, the runtime import
 * or require it already has (whose names are reused), and free local names for the rest.
 */
import type * as t from '@babel/types';
import type { Place, Reference, Scope } from './scope';
import {
  FORMER_RUNTIME_ENTRIES,
  LOCAL_RUNTIME_COPY_NAME,
  isRuntimeEntry,
  type RuntimeExport,
} from '../rules/legacy-apis';
import { stringValue } from '../rules/literals';
import type { RewriteOptions } from '../rules/types';
import { isCallee, isKeyedProperty, isRequireOf } from './api-object';

/** ES module or CommonJS? Decides between `import` and `require` for the runtime. */
export function moduleStyleOf(
  program: t.Program,
  usesCommonJs: boolean,
  filename: string | undefined,
  options: RewriteOptions,
): 'import' | 'require' {
  if (options.moduleStyle) return options.moduleStyle;
  if (
    program.body.some(
      (s) => s.type === 'ImportDeclaration' || s.type.startsWith('Export') || s.type === 'TSExportAssignment',
    )
  )
    return 'import';
  if (usesCommonJs) return 'require';
  // Neither: TypeScript and JSX expect `import`; plain .js/.cjs scripts (native
  // mini-program pages) get `require`, which every mini-program runtime understands.
  return !filename || /\.(c?js)$/.test(filename) ? 'require' : 'import';
}

/** `startRecord`, else `_startRecord`, `_startRecord2`, …: the first name nothing in the file uses. */
export function freeName(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? `_${base}` : `_${base}${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Does the file call `require(…)` or touch `module.…` (both unshadowed)? */
export function usesCommonJs(references: Reference[]): boolean {
  return references.some(
    (ref) =>
      !ref.place.scope.lookup(ref.place.node.name) &&
      ((ref.place.node.name === 'require' && isCallee(ref.place)) ||
        (ref.place.node.name === 'module' &&
          ref.place.parent?.type === 'MemberExpression' &&
          ref.place.key === 'object')),
  );
}

/**
 * The file's loads of the runtime, from any of its modules (runtimeModuleTest): each names one entry, and each entry
 * keeps its own recorder and players. New names join one of them or none (runtimeEntryChoice).
 */
interface RuntimeLoad {
  source: string;
  /** Where new names can join it: an `import { … }` of named imports only, a top-level `const { … } = require(…)`. */
  joinable?: { import: t.ImportDeclaration } | { require: t.ObjectPattern };
}

/**
 * Whether a module is the runtime as a file may name it: an entry of the runtime package (a former one of this package
 * too), the module the options name (`importSource`), or a local copy the tool wrote under its own name
 * (`./utils/record-compat`).
 */
function runtimeModuleTest(importSource: string): (source: string) => boolean {
  const own = entryKey(importSource);
  return (source) =>
    isRuntimeEntry(source) || isLocalCopyName(source) || (source.startsWith(own) && entryKey(source) === own);
}

/** `./utils/record-compat`, `@/utils/record-compat.js`: a path whose last name is the tool's local copy's. */
function isLocalCopyName(source: string): boolean {
  if (!source.includes(LOCAL_RUNTIME_COPY_NAME)) return false;
  const last = source.slice(source.lastIndexOf('/') + 1).replace(SCRIPT_EXTENSION, '');
  return source.includes('/') && last === LOCAL_RUNTIME_COPY_NAME;
}

const SCRIPT_EXTENSION = /\.[cm]?[jt]s$/;

/** The entry a module specifier names: a former entry as the package's, a path without its script extension. */
function entryKey(source: string): string {
  return FORMER_RUNTIME_ENTRIES.get(source) ?? (isRuntimeEntry(source) ? source : source.replace(SCRIPT_EXTENSION, ''));
}

/** Every load of the runtime by the file: its imports, re-exports and `require` calls of one of the runtime's modules. */
function runtimeLoadsOf(program: t.Program, references: readonly Reference[], importSource: string): RuntimeLoad[] {
  const isRuntimeModule = runtimeModuleTest(importSource);
  const loads: RuntimeLoad[] = [];
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      const source = statement.source.value;
      if (!isRuntimeModule(source) || isTypeOnlyImport(statement)) continue;
      const named = statement.specifiers.length > 0 && statement.specifiers.every((x) => x.type === 'ImportSpecifier');
      loads.push({ source, ...(named ? { joinable: { import: statement } } : {}) });
    } else if (
      (statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportAllDeclaration') &&
      statement.source &&
      isRuntimeModule(statement.source.value) &&
      statement.exportKind !== 'type'
    )
      loads.push({ source: statement.source.value });
  }
  for (const ref of references) {
    const call = ref.place.up;
    if (ref.place.node.name !== 'require' || !call || !isCallee(ref.place)) continue;
    const source = call.node.type === 'CallExpression' ? stringValue(call.node.arguments[0]) : undefined;
    if (source === undefined || !isRequireOf(call.node, ref.place.scope, source) || !isRuntimeModule(source)) continue;
    const pattern = joinableRequirePattern(call);
    loads.push({ source, ...(pattern ? { joinable: { require: pattern } } : {}) });
  }
  return loads;
}

/** `import type { … }`, or one whose every specifier is a type: it loads nothing. */
function isTypeOnlyImport(statement: t.ImportDeclaration): boolean {
  if (statement.importKind === 'type' || statement.importKind === 'typeof') return true;
  return (
    statement.specifiers.length > 0 &&
    statement.specifiers.every(
      (x) => x.type === 'ImportSpecifier' && (x.importKind === 'type' || x.importKind === 'typeof'),
    )
  );
}

/**
 * The pattern of a top-level `const { … } = require(…)` (`call` the require), where new names join: plain properties
 * only.
 */
function joinableRequirePattern(call: Place): t.ObjectPattern | undefined {
  const declarator = call.parent;
  if (declarator?.type !== 'VariableDeclarator' || call.key !== 'init' || call.up?.up?.parent?.type !== 'Program')
    return undefined;
  const { id } = declarator;
  if (id.type !== 'ObjectPattern' || id.properties.length === 0) return undefined;
  const plain = id.properties.every(
    (p) => isKeyedProperty(p) && !p.computed && p.key.type === 'Identifier' && p.value.type === 'Identifier',
  );
  return plain ? id : undefined;
}

/** Where the new names of a file come from: an entry, and the import or require they join, if any. */
export type RuntimeEntryChoice =
  | {
      source: string;
      moduleStyle: 'import' | 'require';
      existingImport?: t.ImportDeclaration;
      existingRequire?: t.ObjectPattern;
    }
  | { reason: string };

/**
 * The entry the file's new names come from. A file that loads the runtime already takes them from that entry, never
 * from a second one (each entry keeps its own recorder: a stopRecord of one never stops the other's recording): from
 * the options' entry where it is that one (joining its import or require where one can take them), else from the
 * entry it loads, joining its import or require. Where the file loads two entries, where the entry it loads is a local
 * copy other than the options' (what it holds is not known here), or where its load cannot take names, the reason.
 */
export function runtimeEntryChoice(
  program: t.Program,
  references: readonly Reference[],
  importSource: string,
  moduleStyle: 'import' | 'require',
  styleChosen: boolean,
): RuntimeEntryChoice {
  const loads = runtimeLoadsOf(program, references, importSource);
  const entries = [...new Map(loads.map((load) => [entryKey(load.source), load.source])).values()];
  if (entries.length > 1)
    return {
      reason: `the file loads the runtime from ${entries.length} entries (${entries.join(', ')}), each with its own recorder and players, so a call of one does not reach the other's; load it from one entry, then run again`,
    };
  const source = entries.length === 1 ? entries[0] : importSource;
  // The options' own module first: its import takes the new names where the file has several of that entry.
  const forms = [...loads]
    .sort((a, b) => Number(b.source === importSource) - Number(a.source === importSource))
    .flatMap((load) => (load.joinable ? [load.joinable] : []));
  const formIn = (style: 'import' | 'require') => forms.find((form) => style in form);
  if (entryKey(source) === entryKey(importSource))
    return { source: importSource, moduleStyle, ...joinedForm(formIn(moduleStyle)) };
  if (!isRuntimeEntry(source) || !isRuntimeEntry(importSource))
    return {
      reason: `the file loads the runtime from ${source}, and this rewrite would import it from ${importSource}: a second entry keeps its own recorder and players, so a call of one does not reach the other's; add the runtime's functions to the import of ${source} by hand, or migrate the file with the runtime taken from ${source}`,
    };
  // A file of imports that requires the runtime (its style not chosen by the options) joins that require.
  const style = !formIn(moduleStyle) && !styleChosen && formIn('require') ? 'require' : moduleStyle;
  const join = formIn(style);
  if (!join)
    return {
      reason: `the file loads the runtime from ${source} in a form new names cannot join (only an import { … } or a top-level const { … } = require(…) can take them), and a second entry would keep its own recorder and players; add the runtime's functions to it by hand`,
    };
  return { source, moduleStyle: style, ...joinedForm(join) };
}

function joinedForm(form: { import: t.ImportDeclaration } | { require: t.ObjectPattern } | undefined): {
  existingImport?: t.ImportDeclaration;
  existingRequire?: t.ObjectPattern;
} {
  if (!form) return {};
  return 'import' in form ? { existingImport: form.import } : { existingRequire: form.require };
}

/** The local name a `require` pattern of the runtime already gives `api`, when it is never reassigned. */
export function reusableProperty(pattern: t.ObjectPattern, api: RuntimeExport, program: Scope): string | undefined {
  for (const property of pattern.properties as t.ObjectProperty[]) {
    const local = (property.value as t.Identifier).name;
    if ((property.key as t.Identifier).name === api && program.lookup(local)?.constant) return local;
  }
  return undefined;
}

/** Whether the file declares anything with `const` or `let` (then a new `require` line may too). */
export function declaresBlockScoped(places: readonly Place[]): boolean {
  return places.some(
    (place) =>
      place.node.type === 'VariableDeclarator' &&
      ['const', 'let'].includes((place.parent as t.VariableDeclaration | undefined)?.kind ?? ''),
  );
}

export function reusableLocal(
  declaration: t.ImportDeclaration,
  api: RuntimeExport,
  program: Scope,
): string | undefined {
  for (const specifier of declaration.specifiers) {
    if (specifier.type !== 'ImportSpecifier' || specifier.importKind === 'type') continue;
    const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
    if (imported === api && program.lookup(specifier.local.name)?.constant) return specifier.local.name;
  }
  return undefined;
}
