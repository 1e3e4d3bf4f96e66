/**
 * Whether `audit --verify` can type-check a project: one decision, asked by the audit of the programs it built and by
 * the codemod of the typings its project's code imports, so that neither recommends a check that cannot run (Taro 1 and
 * 2's typings, written for an older TypeScript, do not parse with the audit's).
 */
import * as path from 'path';
import { ts } from 'ts-morph';
import { normalize } from './paths';

/** The declaration files under node_modules that do not parse with the audit's TypeScript. */
export function unparsedDeclarations(program: ts.Program): ts.SourceFile[] {
  return program
    .getSourceFiles()
    .filter(
      (sf) =>
        sf.isDeclarationFile &&
        /[\\/]node_modules[\\/]/.test(sf.fileName) &&
        program.getSyntacticDiagnostics(sf).length > 0,
    );
}

/** The packages the files lie in (`@tarojs/taro`, `@types/node`), each once. */
export function packagesOf(files: readonly ts.SourceFile[]): string[] {
  return [
    ...new Set(
      files.map((sf) => /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(sf.fileName)![1].replace('\\', '/')),
    ),
  ];
}

/**
 * Why `--verify` cannot type-check a project whose programs read these, in a few words, or undefined where it can.
 */
export function verifyCannotRunReason(programs: readonly ts.Program[]): string | undefined {
  const packages = packagesOf(programs.flatMap(unparsedDeclarations));
  if (packages.length === 0) return undefined;
  return `${packages.join(', ')} ${packages.length === 1 ? 'does' : 'do'} not parse with the audit's TypeScript ${ts.version}`;
}

/**
 * The codemod's question, without the audit's program (verify-question.ts asks it): would `--verify` be able to
 * type-check the project at `cwd`, whose code reaches its APIs through the installed packages `names` (Taro)? A
 * program of one module that imports them, parsed but not checked (no lib, no @types): typings the changed files
 * import, which no tsconfig `types` leaves out. Undefined where it can.
 */
export function verifyCannotRunWith(cwd: string, names: readonly string[]): string | undefined {
  const options: ts.CompilerOptions = {
    noLib: true,
    types: [],
    noEmit: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
  };
  const stub = path.join(path.resolve(cwd), '__record-compat-verify-possible__.ts');
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  // Only the packages' own files are read: what they import from others (React's typings, Taro's components) is the
  // audit's to judge, and would cost this question most of its time.
  const own = (name: string) => names.some((n) => normalize(name).includes(`/node_modules/${n}/`));
  host.getSourceFile = (name, languageVersion, onError) =>
    path.resolve(name) === stub
      ? ts.createSourceFile(name, names.map((n) => `import '${n}';\n`).join(''), languageVersion)
      : own(name)
        ? read(name, languageVersion, onError)
        : ts.createSourceFile(name, '', languageVersion);
  const exists = host.fileExists.bind(host);
  host.fileExists = (name) => path.resolve(name) === stub || exists(name);
  return verifyCannotRunReason([ts.createProgram({ rootNames: [stub], options, host })]);
}
