#!/usr/bin/env node
/*
 * Builds the runtime from src/runtime: the files of its own package, record-compat-runtime
 * (packages/runtime, what migrated code imports), and the copies this tool ships itself.
 *
 * The runtime package (packages/runtime):
 *   dist/esm/{caller,recording-options,record,voice,background-audio,audio-context,taro-wrapper,taro,native}.js
 *       ES modules, ES2015 syntax, for bundlers ("import"/"module"); each family is its own module so that apps drop
 *       the ones they do not call (recording-options.js is src/shared/recording-options.ts)
 *   dist/esm/{record,voice,background-audio,audio-context}.taro.js
 *       the Taro entry's form of each module that asks whether it is in a Taro build for WeChat (scripts/lib/
 *       wechat-build.mjs): the Taro entry imports it, and the app's bundler drops what WeChat does not need; every
 *       other output holds the module with each such test folded as false, and reads nothing of `process`
 *   dist/esm/{h5,h5-record,h5-recorder,h5-players,h5-system-info}.js
 *       the same for Taro H5 builds (the build plugin resolves the runtime to h5.js there); h5.js re-exports the record
 *       family from h5-record.js, so that an app that does not record bundles no recorder and no mp3 encoder
 *   dist/cjs/*.js
 *       the same modules as CommonJS ("require"/"main"), ES2015 syntax
 *   dist/types/*.d.ts
 *       their declarations (readable by TypeScript 4: build-declarations.mjs)
 *   miniprogram_dist/index.js
 *       the native entry and every family it imports as one CommonJS ES2015 file: the folder the package.json's
 *       "miniprogram" field names, which WeChat's npm build copies into miniprogram_npm/record-compat-runtime/
 *       (require('record-compat-runtime') loads index.js)
 *   miniprogram_dist/native.js
 *       the same module, for require('record-compat-runtime/native') there
 * This tool (dist/runtime):
 *   standalone/pieces.json
 *       the native entry and every module it imports, statement by statement, each as TypeScript, CommonJS and
 *       declarations, with the families it belongs to and the statements it names: what the CLI assembles a local
 *       copy from (src/cli/runtime-copy.ts), one holding only the families the project's code imports
 *   standalone/record-compat.{ts,js,d.ts}
 *       the copy holding every family: TypeScript, CommonJS with no require, and the types of the .ts copy, written
 *       beside the .js copy (editors and tsc read them there)
 *   {esm,cjs,types}/{taro,native,h5}
 *       taro-plugin-record-compat/runtime, …/runtime/native and …/runtime/h5, the entries code migrated by earlier
 *       versions imports: each re-exports the runtime package's entry (one module, one recorder)
 * Every output is checked (scripts/lib/output-checks.mjs): ES2015 syntax only, no require where none belongs, and
 * the .ts copy type-checks under strict, for each family alone, each with Taro's wrapper, and all of them together (each copy is the assembly of some
 * families). The standalone copies go into users' projects: they carry no ESLint directive that names a plugin's rule
 * (a project without that plugin fails on "Definition for rule … was not found"). The runtime's sources import nothing
 * of the tool's but the dependency-free modules of src/shared the engine reads too (checked here): the package holds
 * them alone, src/shared's as modules of its own beside the others. The module lists come from the runtime's table,
 * src/runtime/families.ts.
 * The runtime's internal fields (their names end with `_`) are written shortened in every output but the .ts copy, the
 * same everywhere: as scripts/runtime-mangle-cache.json names them (scripts/lib/runtime-mangle.mjs). The .ts copy keeps
 * the names: it is source in the user's repository, read and reviewed there. The build fails
 * when the sources need another cache (a new field, one gone); --update-mangle-cache writes it then. No declaration
 * names an internal field: one a public type holds is marked `/** @internal *\/`.
 * Usage: node scripts/build-runtime.mjs [--update-mangle-cache] (into packages/runtime and dist/runtime)
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, transform } from 'esbuild';
import {
  checkShortened,
  mangleCacheFor,
  shortening,
  shortenFields,
  underscoredNames,
  unshortened,
} from './lib/runtime-mangle.mjs';
import {
  findPostEs2015Syntax,
  pluginRuleDirectives,
  STANDALONE_CHECK,
  standaloneDeclaration,
  typeCheckStandalone,
  withoutPluginRuleDirectives,
} from './lib/output-checks.mjs';
import { foldWeChatBuild, readsTaroEnv } from './lib/wechat-build.mjs';

// Required, not imported: an import has Node scan TypeScript's 9 MB for its export names first (half a second).
const ts = createRequire(import.meta.url)('typescript');
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(root, 'src', 'runtime');
const SHARED = join(root, 'src', 'shared');
/** The runtime's own package: its package.json is kept in git, its built files are not. */
export const RUNTIME_PACKAGE_DIR = join(root, 'packages', 'runtime');
/**
 * The runtime package's entries, by the module of src/runtime each is (its package.json "exports": `.`, `./native`,
 * `./h5`).
 */
export const RUNTIME_ENTRIES = { '.': 'taro', './native': 'native', './h5': 'h5' };
const TABLE = await loadModule('src/runtime/families.ts');
const { all: ALL_MODULES, standalone: STANDALONE_MODULES, familyOf: FAMILY_OF_MODULE } = TABLE.runtimeModules();
/**
 * The modules the ES build writes, one file each (bench-size.mjs measures each too): those of src/runtime, and of
 * src/shared (SHARED_MODULES).
 */
export const RUNTIME_MODULES = ALL_MODULES;
// The standalone copy: the native entry and everything it imports, in this order.
const STANDALONE = STANDALONE_MODULES;
/**
 * The family whose own code each module is (src/rewrite/rules/legacy-apis.ts, RUNTIME_FAMILIES); the
 * caller is shared, and the native entry's statements are its families' by what they export.
 */
const FAMILY_MODULES = FAMILY_OF_MODULE;
/** The modules that live in src/shared (the engine reads them too), each a module of its own in the package. */
const SHARED_MODULES = TABLE.SHARED_MODULES;
/**
 * The short name of each internal field of the runtime (a name ending with `_`), which every output writes
 * (scripts/lib/runtime-mangle.mjs); `--update-mangle-cache` writes it afresh.
 */
export const MANGLE_CACHE_FILE = join(root, 'scripts', 'runtime-mangle-cache.json');
/** The source file of a runtime module. */
const sourceFile = (name) => join(SHARED_MODULES.includes(name) ? SHARED : SRC, `${name}.ts`);
/** The entry that may read process.env.TARO_ENV as Taro's builds define it: every Taro build bundles it. */
const TARO_ENTRY = RUNTIME_ENTRIES['.'];
/**
 * The modules that ask whether they are in a Taro build for WeChat: besides the form every entry imports, the package
 * holds their Taro entry's form, `<name>.taro.js`, which keeps the test for the app's bundler (bench-size.mjs measures
 * each too).
 */
export const TARO_FORMS = ALL_MODULES.filter(
  (name) => name !== TARO_ENTRY && readsTaroEnv(readFileSync(sourceFile(name), 'utf8')),
);
/**
 * The text of the runtime module `name` as every output but the Taro entry's forms holds it: each test of a Taro build
 * for WeChat folded as false (scripts/lib/wechat-build.mjs), the fold's problems in `problems`.
 */
function otherEntriesForm(name, text, problems) {
  if (name === TARO_ENTRY) return text;
  const folded = foldWeChatBuild(text, sourcePath(name));
  problems.push(...folded.problems);
  return folded.text;
}
/** A problem where `code` (an output no Taro build is sure to bundle) reads `process`, which nothing defines there. */
const readsProcess = (code, output) =>
  /\bprocess\.env\b/.test(code) ? [`${output}: reads process.env, which only a Taro build defines`] : [];
/** Where a module's source lives, as its imports and messages name it. */
const sourcePath = (name) => `src/${SHARED_MODULES.includes(name) ? 'shared' : 'runtime'}/${name}.ts`;

/**
 * A TypeScript module of this repository, bundled and loaded as it is (its names come from the one place they are
 * written).
 */
async function loadModule(file) {
  const out = await build({
    entryPoints: [join(root, file)],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}

/** The names a top-level statement declares (a variable statement's, a function's, an interface's…). */
function declaredNames(statement) {
  if (ts.isVariableStatement(statement)) {
    const names = [];
    const collect = (name) =>
      ts.isIdentifier(name)
        ? names.push(name.text)
        : name.elements.forEach((e) => ts.isBindingElement(e) && collect(e.name));
    for (const declaration of statement.declarationList.declarations) collect(declaration.name);
    return names;
  }
  return statement.name && ts.isIdentifier(statement.name) ? [statement.name.text] : [];
}

const isExported = (statement) =>
  (ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined)?.some(
    (m) => m.kind === ts.SyntaxKind.ExportKeyword,
  ) ?? false;

/**
 * The top-level statements of the STANDALONE modules, in order, without the imports between them
 * and the type re-exports (their declarations already carry `export`): each with the comments
 * above it, and no ESLint directive naming a plugin's rule. A copy runs in no Taro build: each module as the native
 * entry imports it (otherEntriesForm).
 */
function sourceStatements(problems) {
  const statements = [];
  for (const module of STANDALONE) {
    const text = otherEntriesForm(module, readFileSync(sourceFile(module), 'utf8'), problems);
    const sf = ts.createSourceFile(`${module}.ts`, text, ts.ScriptTarget.Latest, true);
    let first = true;
    for (const statement of sf.statements) {
      if (
        ts.isImportDeclaration(statement) ||
        (ts.isExportDeclaration(statement) && statement.moduleSpecifier !== undefined)
      )
        continue;
      const code = text.slice(statement.getFullStart(), statement.getEnd());
      // The line break that ended the statement above goes (the pieces are joined by one); a module's first keeps no
      // blank line.
      const trimmed = withoutPluginRuleDirectives(
        first ? code.replace(/^(?:[ \t]*\r?\n)+/, '') : code.replace(/^\r?\n/, ''),
      );
      statements.push({ module, ts: trimmed, declares: declaredNames(statement), exported: isExported(statement) });
      first = false;
    }
  }
  return statements;
}

/**
 * Each statement's index in `sf` of the other top-level statements it names (its identifiers, as
 * the type checker resolves them); `modules[i]`: the module statement i comes from.
 */
function namedStatements(sf, checker, modules) {
  const index = new Map(sf.statements.map((statement, i) => [statement, i]));
  const ambient = (declaring) =>
    declaring.every((j) =>
      (ts.canHaveModifiers(sf.statements[j]) ? ts.getModifiers(sf.statements[j]) : undefined)?.some(
        (m) => m.kind === ts.SyntaxKind.DeclareKeyword,
      ),
    );
  const topOf = (node) => {
    while (node && node.parent !== sf) node = node.parent;
    return node;
  };
  return sf.statements.map((statement, i) => {
    const named = new Set();
    const visit = (node) => {
      if (ts.isIdentifier(node)) {
        const symbols = [checker.getSymbolAtLocation(node)];
        if (ts.isShorthandPropertyAssignment(node.parent))
          symbols.push(checker.getShorthandAssignmentValueSymbol(node.parent));
        for (const symbol of symbols) {
          const declaring = [
            ...new Set(
              (symbol?.declarations ?? []).filter((d) => d.getSourceFile() === sf).map((d) => index.get(topOf(d))),
            ),
          ].filter((j) => j !== undefined);
          // A global each module declares for itself (`declare function setTimeout`) is its own module's, else the
          // first.
          const own = declaring.filter((j) => modules[j] === modules[i]);
          for (const j of declaring.length > 1 && ambient(declaring)
            ? own.length > 0
              ? own
              : declaring.slice(0, 1)
            : declaring)
            if (j !== i) named.add(j);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(statement);
    return [...named].sort((a, b) => a - b);
  });
}

/**
 * A statement as CommonJS's body wants it: its types gone and its `export` dropped (the copy assigns exports at its
 * end), with the values it exports.
 */
function javaScriptOf(code) {
  const out = ts.transpileModule(code, {
    compilerOptions: {
      target: ts.ScriptTarget.ES2015,
      module: ts.ModuleKind.ESNext,
      removeComments: false,
      isolatedModules: true,
    },
    fileName: 'piece.ts',
  }).outputText;
  const sf = ts.createSourceFile('piece.js', out, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const exports = [];
  let text = out;
  for (const statement of [...sf.statements].reverse()) {
    if (
      ts.isExportDeclaration(statement) &&
      !statement.moduleSpecifier &&
      statement.exportClause?.elements.length === 0
    ) {
      text = text.slice(0, statement.getFullStart()) + text.slice(statement.getEnd());
      continue;
    }
    const keyword = (ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined)?.find(
      (m) => m.kind === ts.SyntaxKind.ExportKeyword,
    );
    if (!keyword) continue;
    exports.unshift(...declaredNames(statement));
    text = text.slice(0, keyword.getStart(sf)) + text.slice(keyword.getEnd()).replace(/^[ \t]+/, '');
  }
  return { js: text.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd(), exports };
}

/**
 * The runtime's pieces (src/cli/runtime-copy.ts, RuntimePieces): the statements of the
 * standalone sources, as one file type-checked under the strictest settings, each with the
 * families it belongs to, the statements it names, its JavaScript and its declarations. The
 * TypeScript is the sources' own, internal fields named in words: the copy is read in the
 * user's repository as source. The JavaScript writes them as `cache` shortens them, as the
 * package does.
 */
async function runtimePieces(scratch, cache, problems) {
  const { RUNTIME_FAMILIES, runtimeFamiliesOf } = await loadModule('src/rewrite/rules/legacy-apis.ts');
  const statements = sourceStatements(problems);
  const whole = join(scratch, 'whole.ts');
  writeFileSync(whole, statements.map((s) => s.ts).join('\n') + '\n');
  problems.push(...typeCheckStandalone(whole).map((m) => `standalone (every statement): ${m}`));
  const program = ts.createProgram([whole], STANDALONE_CHECK);
  const sf = program.getSourceFile(whole);
  if (sf.statements.length !== statements.length)
    throw new Error(`standalone: ${statements.length} statements joined, ${sf.statements.length} read back`);
  const names = namedStatements(
    sf,
    program.getTypeChecker(),
    statements.map((s) => s.module),
  );

  // The declarations, each given to the statement that declares its name.
  const byName = new Map(statements.flatMap((s, i) => s.declares.map((name) => [name, i])));
  const declarations = statements.map(() => []);
  const dts = standaloneDeclaration(whole);
  const dtsFile = ts.createSourceFile('whole.d.ts', dts, ts.ScriptTarget.Latest, true);
  for (const statement of dtsFile.statements) {
    if (
      ts.isExportDeclaration(statement) &&
      !statement.moduleSpecifier &&
      statement.exportClause?.elements.length === 0
    )
      continue;
    const owner = declaredNames(statement)
      .map((name) => byName.get(name))
      .find((i) => i !== undefined);
    if (owner === undefined)
      problems.push(
        `standalone declarations: no statement of the sources declares ${statement.getText(dtsFile).slice(0, 60)}`,
      );
    else
      declarations[owner].push(
        dts.slice(statement.getFullStart(), statement.getEnd()).replace(/^(?:[ \t]*\r?\n)+/, ''),
      );
  }

  const pieces = statements.map((s, i) => {
    const { js: named, exports } = javaScriptOf(s.ts);
    const js = shortenFields(named, cache, `${sourcePath(s.module)} (a piece's JavaScript)`);
    for (const name of underscoredNames(declarations[i].join('\n')))
      problems.push(`standalone declarations: ${sourcePath(s.module)} makes the internal field ${name} public`);
    const family = FAMILY_MODULES[s.module];
    // A native export is its API's family's (and the Taro wrapper's, for a …Wrapped one).
    const needs = family
      ? [family]
      : s.module === 'native' && s.exported
        ? s.declares.flatMap((name) => runtimeFamiliesOf(name))
        : [];
    return {
      module: s.module,
      source: sourcePath(s.module),
      needs,
      names: names[i],
      exports,
      ts: s.ts,
      js,
      dts: declarations[i].join('\n'),
    };
  });
  // A native export the API table does not name (configureRecordCompat) is the family's whose code it reaches.
  for (const [i, piece] of pieces.entries()) {
    if (piece.module !== 'native' || !statements[i].exported || piece.needs.length > 0 || piece.exports.length === 0)
      continue;
    const reached = new Set();
    const seen = new Set();
    const reach = (j) => {
      if (seen.has(j)) return;
      seen.add(j);
      if (FAMILY_MODULES[pieces[j].module]) reached.add(FAMILY_MODULES[pieces[j].module]);
      else pieces[j].names.forEach(reach);
    };
    piece.names.forEach(reach);
    if (reached.size === 1) piece.needs = [...reached];
    else
      problems.push(
        `src/runtime/native.ts: the export ${piece.exports.join(', ')} reaches the code of ${reached.size === 0 ? 'no family' : [...reached].join(' and ')}: which family it is part of is not known`,
      );
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  // Every family of the runtime's table, in the API table's order; one no row names yet goes last.
  const families = [
    ...RUNTIME_FAMILIES,
    ...TABLE.FAMILIES.map((family) => family.name).filter((name) => !RUNTIME_FAMILIES.includes(name)),
  ];
  return { name: pkg.name, version: pkg.version, families, pieces };
}

/**
 * The copies a run may assemble, checked: each family alone, each with Taro's wrapper, and all of
 * them. Every .ts copy type-checks under the strictest settings (one program for all of them),
 * every .js copy is ES2015 with no require, and every .d.ts copy reads without an error.
 */
async function checkCopies(all, scratch, problems) {
  const { assembleCopy } = await loadModule('src/cli/runtime-copy.ts');
  const families = all.families.filter((f) => f !== 'taro-wrapper');
  const variants = [
    ...families.map((f) => [f]),
    ...families.filter((f) => f !== 'audio-context').map((f) => [f, 'taro-wrapper']),
    all.families,
  ];
  const files = [];
  for (const variant of variants) {
    const name = variant.join('+');
    const tsFile = join(scratch, name, 'record-compat.ts');
    mkdirSync(dirname(tsFile), { recursive: true });
    writeFileSync(tsFile, assembleCopy(all, variant, 'ts'));
    const dtsFile = join(scratch, `${name}-js`, 'record-compat.d.ts');
    mkdirSync(dirname(dtsFile), { recursive: true });
    writeFileSync(dtsFile, assembleCopy(all, variant, 'dts'));
    files.push(tsFile, dtsFile);
    const js = assembleCopy(all, variant, 'js');
    problems.push(...findPostEs2015Syntax(js, `standalone (${name}).js`));
    if (/\brequire\s*\(/.test(js)) problems.push(`standalone (${name}).js: must not require anything`);
    if (pluginRuleDirectives(js).length > 0)
      problems.push(`standalone (${name}).js: an ESLint directive naming a plugin's rule`);
  }
  problems.push(...typeCheckStandalone(files[0], files.slice(1)).map((m) => `standalone copies: ${m}`));
}

/**
 * The imports of the runtime module `name` (its text) that reach outside the runtime, one line each: the runtime
 * package ships src/runtime and the modules of src/shared it names (`shared`), which themselves import nothing.
 */
export function importsOutsideRuntime(name, text, shared = SHARED_MODULES) {
  const sf = ts.createSourceFile(`${name}.ts`, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const inShared = shared.includes(name);
  for (const s of sf.statements) {
    const from =
      (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) &&
      s.moduleSpecifier &&
      ts.isStringLiteral(s.moduleSpecifier)
        ? s.moduleSpecifier.text
        : null;
    if (from === null || !from.startsWith('.')) continue;
    if (inShared) found.push(`src/shared/${name}.ts: imports ${from} (a shared module of the runtime imports nothing)`);
    else if (!/^\.\/[\w-]+$/.test(from) && !shared.some((m) => from === `../shared/${m}`))
      found.push(
        `src/runtime/${name}.ts: imports ${from}, outside src/runtime (the runtime package ships src/runtime alone, and the modules of src/shared it builds in)`,
      );
  }
  return found;
}

/**
 * The runtime's modules as `{ name, file, path, text }` (`path`: as the repository names it), after checking that none
 * imports anything of the tool's.
 */
export function runtimeSources(problems = []) {
  return RUNTIME_MODULES.map((name) => {
    const text = readFileSync(sourceFile(name), 'utf8');
    problems.push(...importsOutsideRuntime(name, text));
    return { name, file: sourceFile(name), path: sourcePath(name), text };
  });
}

/** `text` with its imports of src/shared's modules (`../shared/x`) as the package has them: siblings (`./x`). */
const sharedAsSiblings = (text) =>
  text.replace(/(from\s*["']|require\(["']|import\(["'])\.\.\/shared\/([\w-]+)(["'])/g, '$1./$2$3');

/**
 * One module of the runtime as esbuild writes it in `format`, its imports of each other named with their `.js` (the
 * modules of `taroForms` with their `.taro.js`: the Taro entry's forms import each other), its internal fields as
 * `cache` shortens them; `output` names the file in problems.
 */
async function transpiled({ file, text }, format, cache, problems, output, taroForms = []) {
  const result = await transform(sharedAsSiblings(text), {
    loader: 'ts',
    format,
    target: 'es2015',
    sourcefile: file,
    tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: false } },
    ...shortening(cache),
  });
  problems.push(...checkShortened(output, cache, result));
  const { code } = result;
  const named = (_, before, name, after) => `${before}./${name}${taroForms.includes(name) ? '.taro' : ''}.js${after}`;
  return format === 'esm'
    ? code.replace(/(from\s*["'])\.\/([\w-]+)(["'])/g, named)
    : code.replace(/(require\(["'])\.\/([\w-]+)(["']\))/g, named);
}

/**
 * The declarations of the runtime's modules, as tsc writes them from the sources (types only, no check of the sources'
 * bodies beyond what declarations need), one folder for all of them: src/shared's beside src/runtime's.
 */
function runtimeDeclarations(outDir, problems) {
  const scratch = `${outDir}.tsc`;
  rmSync(scratch, { recursive: true, force: true });
  const program = ts.createProgram(RUNTIME_MODULES.map(sourceFile), {
    declaration: true,
    emitDeclarationOnly: true,
    // An internal field (`/** @internal */`) is no part of the package's types: the package writes it shortened.
    stripInternal: true,
    // Declarations only: `npm run typecheck` and the build's tsc check these sources; a check here took half the build.
    noCheck: true,
    strict: true,
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    types: [],
    rootDir: join(root, 'src'),
    outDir: scratch,
  });
  const { emitSkipped, diagnostics } = program.emit();
  if (emitSkipped)
    problems.push(
      `declarations: not emitted (${diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join('; ')})`,
    );
  // Every declaration tsc wrote, not only the modules': the entries re-export types.d.ts, which no module list names.
  for (const folder of ['runtime', 'shared']) {
    for (const file of readdirSync(join(scratch, folder)).filter((name) => name.endsWith('.d.ts'))) {
      const text = readFileSync(join(scratch, folder, file), 'utf8');
      writeFileSync(
        join(outDir, file),
        sharedAsSiblings(text).replace(/(from\s*["'])\.\.\/runtime\/([\w-]+)(["'])/g, '$1./$2$3'),
      );
      for (const name of underscoredNames(text))
        problems.push(`types/${file}: the internal field ${name} is public (mark it /** @internal */)`);
    }
  }
  rmSync(scratch, { recursive: true, force: true });
}

/**
 * The native entry and every module it imports, bundled as one CommonJS ES2015 file: what WeChat's npm build copies
 * into a mini-program. Each module as the native entry imports it (otherEntriesForm).
 */
async function miniprogramEntry(header, cache, problems) {
  const otherEntries = {
    name: 'other-entries-form',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, ({ path }) => ({
        contents: otherEntriesForm(basename(path, '.ts'), readFileSync(path, 'utf8'), problems),
        loader: 'ts',
      }));
    },
  };
  const r = await build({
    ...shortening(cache),
    plugins: [otherEntries],
    entryPoints: [join(SRC, 'native.ts')],
    bundle: true,
    format: 'cjs',
    target: 'es2015',
    platform: 'neutral',
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  problems.push(...checkShortened('miniprogram_dist/index.js', cache, r));
  problems.push(...readsProcess(r.outputFiles[0].text, 'miniprogram_dist/index.js'));
  return header + r.outputFiles[0].text;
}

/**
 * The runtime package's files (`packageDir`) and this tool's copies and former entries (`toolDir`). With
 * `updateMangleCache`, a stale cache of the internal fields' short names is written afresh instead of failing the build.
 */
export async function buildRuntime({
  packageDir = RUNTIME_PACKAGE_DIR,
  toolDir = join(root, 'dist', 'runtime'),
  updateMangleCache = false,
} = {}) {
  const problems = [];
  const runtimePkg = JSON.parse(readFileSync(join(RUNTIME_PACKAGE_DIR, 'package.json'), 'utf8'));
  const esm = join(packageDir, 'dist', 'esm');
  const cjs = join(packageDir, 'dist', 'cjs');
  const types = join(packageDir, 'dist', 'types');
  const miniprogram = join(packageDir, runtimePkg.miniprogram);
  for (const dir of [esm, cjs, types, miniprogram]) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  const written = [];
  const write = (file, text) => (writeFileSync(file, text), written.push(file));

  // (a) the runtime package: ES modules and CommonJS, one file per source file so that every entry shares record.js.
  const sources = runtimeSources(problems);
  const cache = await mangleCacheFor(MANGLE_CACHE_FILE, sources, updateMangleCache, problems);
  // A module that asks whether it is in a Taro build for WeChat is written twice: as every entry but the Taro entry
  // imports it (the test folded as false), and as the Taro entry's form, <name>.taro.js, which keeps the test.
  for (const source of sources) {
    const forms = [
      {
        file: `${source.name}.js`,
        text: otherEntriesForm(source.name, source.text, problems),
        taro: source.name === TARO_ENTRY,
      },
      ...(TARO_FORMS.includes(source.name) ? [{ file: `${source.name}.taro.js`, text: source.text, taro: true }] : []),
    ];
    for (const form of forms) {
      for (const [format, dir] of [
        ['esm', esm],
        ['cjs', cjs],
      ]) {
        const output = `${format}/${form.file}`;
        const code = await transpiled(
          { file: source.file, text: form.text },
          format,
          cache,
          problems,
          output,
          form.taro ? TARO_FORMS : [],
        );
        problems.push(...findPostEs2015Syntax(code, output));
        problems.push(...unshortened(code, output));
        if (!form.taro) problems.push(...readsProcess(code, output));
        write(join(dir, form.file), code);
      }
    }
  }
  // Node and strict bundlers must read the .js files of esm/ as ES modules.
  write(join(esm, 'package.json'), JSON.stringify({ type: 'module', sideEffects: false }, null, 2) + '\n');
  runtimeDeclarations(types, problems);

  // (b) the folder WeChat's npm build copies: the native entry as index.js, and native.js for the entry's own name.
  const header =
    `/*\n * ${runtimePkg.name} ${runtimePkg.version}, native entry, as one file for WeChat's npm build (the package.json's "miniprogram").\n` +
    ' * Generated by scripts/build-runtime.mjs from src/runtime: do not edit.\n */\n';
  const index = await miniprogramEntry(header, cache, problems);
  problems.push(...findPostEs2015Syntax(index, `${runtimePkg.miniprogram}/index.js`));
  problems.push(...unshortened(index, `${runtimePkg.miniprogram}/index.js`));
  if (/\brequire\s*\(/.test(index))
    problems.push(
      `${runtimePkg.miniprogram}/index.js: must not require anything (WeChat's npm build copies this folder alone)`,
    );
  write(join(miniprogram, 'index.js'), index);
  write(join(miniprogram, 'native.js'), `${header}module.exports = require('./index.js');\n`);

  // (c) this tool's local copies: the pieces a copy is assembled from (src/cli/runtime-copy.ts), each
  // family's checked alone and with the others, then the copy holding every family.
  const standalone = join(toolDir, 'standalone');
  mkdirSync(standalone, { recursive: true });
  const scratch = join(toolDir, '.standalone-check');
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const all = await runtimePieces(scratch, cache, problems);
  await checkCopies(all, scratch, problems);
  rmSync(scratch, { recursive: true, force: true });
  const piecesFile = join(standalone, 'pieces.json');
  write(piecesFile, JSON.stringify(all) + '\n');
  const { assembleCopy } = await loadModule('src/cli/runtime-copy.ts');
  const texts = [
    [join(standalone, 'record-compat.ts'), assembleCopy(all, all.families, 'ts')],
    [join(standalone, 'record-compat.js'), assembleCopy(all, all.families, 'js')],
    [join(standalone, 'record-compat.d.ts'), assembleCopy(all, all.families, 'dts')],
  ];
  for (const [file, text] of texts) {
    write(file, text);
    problems.push(
      ...pluginRuleDirectives(text).map(
        (d) => `standalone/${basename(file)}:${d} (an ESLint directive naming a plugin's rule)`,
      ),
    );
  }
  // The copies stand for the native entry: every value that entry exports, read from its source.
  const js = texts[1][1];
  problems.push(...unshortened(js, 'standalone/record-compat.js'));
  for (const [file, text] of texts) problems.push(...readsProcess(text, `standalone/${basename(file)}`));
  const nativeExports = [
    ...readFileSync(join(SRC, 'native.ts'), 'utf8').matchAll(
      /^export (?:const|function) (\w+)|^export \{ (\w+) \} from/gm,
    ),
  ].map((m) => m[1] ?? m[2]);
  if (nativeExports.length === 0) problems.push('src/runtime/native.ts: no export read');
  for (const name of nativeExports) {
    if (!new RegExp(`^exports\\.${name} = ${name};$`, 'm').test(js))
      problems.push(`standalone/record-compat.js: exports.${name} missing`);
    if (!new RegExp(`\\b${name}: \\(\\) => ${name}\\b`).test(index))
      problems.push(`${runtimePkg.miniprogram}/index.js: ${name} not exported`);
  }

  // (d) this tool's former entries, each the runtime package's entry re-exported.
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const [subpath, name] of Object.entries(RUNTIME_ENTRIES)) {
    const entry = subpath === '.' ? runtimePkg.name : `${runtimePkg.name}/${subpath.slice(2)}`;
    const why = `/* ${pkg.name}'s former runtime entry: the runtime is the package ${runtimePkg.name} now. */\n`;
    for (const [dir, text] of [
      ['esm', `${why}export * from ${JSON.stringify(entry)};\n`],
      ['cjs', `${why}'use strict';\nmodule.exports = require(${JSON.stringify(entry)});\n`],
      ['types', `${why}export * from ${JSON.stringify(entry)};\n`],
    ]) {
      mkdirSync(join(toolDir, dir), { recursive: true });
      write(join(toolDir, dir, `${name}${dir === 'types' ? '.d.ts' : '.js'}`), text);
    }
  }
  write(join(toolDir, 'esm', 'package.json'), JSON.stringify({ type: 'module', sideEffects: false }, null, 2) + '\n');

  if (problems.length) throw new Error('runtime build checks failed:\n  ' + problems.join('\n  '));
  return { packageDir, toolDir, files: written };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  buildRuntime({ updateMangleCache: process.argv.includes('--update-mangle-cache') }).then(
    ({ files }) => console.log('runtime built:\n  ' + files.map((f) => f.replace(root + '/', '')).join('\n  ')),
    (e) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
