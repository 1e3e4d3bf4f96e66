/**
 * How a rewritten file takes the runtime's functions: `import` or `require`, the runtime import
 * or require it already has (whose names are reused), and free local names for the rest.
 */
import type * as t from '@babel/types';
import type { Place, Reference, Scope } from './scope';
import { sameRuntimeEntry, type RuntimeExport } from '../rules/legacy-apis';
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

/** The file's own `import { … } from '<runtime>'` (a half-migrated file), where new names join. */
export function existingRuntimeImport(program: t.Program, source: string): t.ImportDeclaration | undefined {
  const namedImports = program.body.filter(
    (s): s is t.ImportDeclaration =>
      s.type === 'ImportDeclaration' &&
      s.importKind !== 'type' &&
      s.importKind !== 'typeof' &&
      s.specifiers.length > 0 &&
      s.specifiers.every((x) => x.type === 'ImportSpecifier'),
  );
  // Code an earlier version migrated imports the runtime from this package (taro-plugin-record-compat/runtime): the
  // same modules, so its import takes the new names too.
  return (
    namedImports.find((s) => s.source.value === source) ??
    namedImports.find((s) => sameRuntimeEntry(s.source.value, source))
  );
}

/**
 * The file's own top-level `const { … } = require('<runtime>')` (a half-migrated file, or one a
 * run has migrated before), where new names join: a pattern of plain properties only, and
 * `require` the global one.
 */
export function existingRuntimeRequire(program: t.Program, source: string, scope: Scope): t.ObjectPattern | undefined {
  for (const statement of program.body) {
    if (statement.type !== 'VariableDeclaration') continue;
    for (const declarator of statement.declarations) {
      const { id, init } = declarator;
      if (id.type !== 'ObjectPattern' || !init || !isRequireOf(init, scope, source)) continue;
      if (
        id.properties.length > 0 &&
        id.properties.every(
          (p) => isKeyedProperty(p) && !p.computed && p.key.type === 'Identifier' && p.value.type === 'Identifier',
        )
      )
        return id;
    }
  }
  return undefined;
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
