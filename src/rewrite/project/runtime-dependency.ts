/**
 * Whether the project of a migrated file lists the runtime it now imports among the
 * dependencies its app ships: the codemod says so at the end of a run, the ESLint rule in the
 * file it fixes. The tool is a devDependency; the runtime (record-compat-runtime) is what the
 * app runs, so it belongs in `dependencies`: WeChat's npm build builds only those, and a
 * production install (`npm ci --omit=dev`) leaves devDependencies out. Being installed is not
 * enough either: the tool brings the runtime into node_modules as its own dependency.
 *
 * Loads no parser (part of the light entry): package.json files and the names of lockfiles.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findGitRoot } from '../tree/git-root';
import { FORMER_RUNTIME_ENTRIES, PACKAGE_NAME, RUNTIME_PACKAGE, isRuntimeEntry } from '../rules/legacy-apis';
import { fieldsOf, type PackageJson, type PackageJsonReader } from './package-json';
import { findUp, toPosixPath } from '../tree/paths';

/** The dependency fields whose packages an app's production install has. */
const SHIPPED_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'] as const;

/** A package.json that should list the runtime a migrated file imports, and does not in a field an app ships. */
export interface UnlistedRuntime {
  /** The package the import needs: record-compat-runtime (or this tool, for an import of a former entry). */
  name: string;
  /**
   * The nearest package.json at or above the file: where the dependency belongs. Where there is none (`missing`), the
   * one to create: at the root of the file's git repository, else in the file's folder.
   */
  packageJson: string;
  /** No package.json is at or above the file: nothing installs the package, which must be added with one. */
  missing?: boolean;
  /** It lists the package, but among its devDependencies. */
  inDevDependencies: boolean;
  /** The command that adds it to `dependencies`, in the project's package manager, run in the package.json's folder. */
  command: string;
}

/** The package an import of a runtime entry needs; undefined for any other import (a local copy, another module). */
function packageOfEntry(importSource: string): string | undefined {
  if (!isRuntimeEntry(importSource)) return undefined;
  return FORMER_RUNTIME_ENTRIES.has(importSource) ? PACKAGE_NAME : RUNTIME_PACKAGE;
}

function lists(pkg: PackageJson | undefined, field: string, name: string): boolean {
  const deps = pkg?.[field];
  return typeof deps === 'object' && deps !== null && name in deps;
}

/**
 * The package.json a file's import of the runtime needs it in, when no package.json at or above
 * the file lists it in a field an app ships (a monorepo may list it at the workspace's root).
 * Undefined when the import is no runtime entry, or when it is listed. Where no package.json is
 * at or above the file, the one to create (`missing`): nothing would install the package.
 */
export function unlistedRuntimeFor(
  file: string,
  importSource: string,
  packages: PackageJsonReader,
): UnlistedRuntime | undefined {
  const name = packageOfEntry(importSource);
  if (name === undefined) return undefined;
  const dir = path.dirname(path.resolve(file));
  const nearest = packages.nearestDir(dir);
  if (nearest === null) {
    // One that is there but cannot be read (a FIFO, a folder) is no missing package.json: the run names it elsewhere.
    if (
      findUp(dir, (at) => (fs.lstatSync(path.join(at, 'package.json'), { throwIfNoEntry: false }) ? true : undefined))
    )
      return undefined;
    const folder = findGitRoot(dir) ?? dir;
    const add = addCommand(folder, name, false, packages);
    // `pnpm init` asks nothing; npm, yarn 1 and bun ask unless told -y.
    const manager = add.split(' ')[0];
    const init = manager === 'pnpm' ? 'pnpm init' : `${manager} init -y`;
    return {
      name,
      packageJson: path.join(folder, 'package.json'),
      missing: true,
      inDevDependencies: false,
      command: `${init} && ${add}`,
    };
  }
  const shipped = packages.findUp(dir, (_, pkg) =>
    SHIPPED_FIELDS.some((field) => lists(fieldsOf(pkg), field, name)) ? true : undefined,
  );
  if (shipped) return undefined;
  const inDevDependencies = lists(fieldsOf(packages.read(nearest)), 'devDependencies', name);
  return {
    name,
    packageJson: path.join(nearest, 'package.json'),
    inDevDependencies,
    command: addCommand(nearest, name, inDevDependencies, packages),
  };
}

/** A package manager by the name its lockfiles and `packageManager` field give it. */
const LOCKFILES: readonly (readonly [string, PackageManager])[] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];
type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

/**
 * The project's package manager: the `packageManager` field (corepack's) of the nearest
 * package.json that has one, else the lockfile nearest above the package (a workspace's is at
 * its root), up to the git root; npm when nothing says.
 */
function packageManagerOf(dir: string, packages: PackageJsonReader): PackageManager {
  const declared = packages.findUp(dir, (_, pkg) => {
    const field = fieldsOf(pkg)?.packageManager;
    return typeof field === 'string' ? /^(npm|pnpm|yarn|bun)@/.exec(field)?.[1] : undefined;
  });
  if (declared) return declared as PackageManager;
  const gitRoot = findGitRoot(dir);
  return (
    findUp(
      dir,
      (at) =>
        LOCKFILES.find(([lockfile]) => fs.existsSync(path.join(at, lockfile)))?.[1] ??
        (at === gitRoot ? null : undefined),
    ) ?? 'npm'
  );
}

/**
 * The command that puts `name` in the `dependencies` of the package.json in `dir` (moving it out of devDependencies
 * where it is listed).
 */
function addCommand(dir: string, name: string, fromDevDependencies: boolean, packages: PackageJsonReader): string {
  const manager = packageManagerOf(dir, packages);
  const add = manager === 'npm' ? 'npm install' : `${manager} add`;
  if (!fromDevDependencies) return `${add} ${name}`;
  // npm and pnpm leave a package listed in devDependencies there unless told the field; yarn 1 refuses to list it
  // twice.
  return manager === 'npm' || manager === 'pnpm'
    ? `${add} --save-prod ${name}`
    : `${manager} remove ${name} && ${add} ${name}`;
}

/**
 * The sentence that says so. `shown` is the package.json as the door names files (relative to
 * the folder it ran in, `cwd`: the command names the folder it runs in when that is another),
 * `importers` who imports the package, with the verb (`the changed files now import`).
 */
export function unlistedRuntimeWords(unlisted: UnlistedRuntime, shown: string, importers: string, cwd: string): string {
  const folder = toPosixPath(path.relative(cwd, path.dirname(unlisted.packageJson)));
  const command = folder === '' ? unlisted.command : `${unlisted.command}, in ${folder}/`;
  if (unlisted.missing) {
    return (
      `no package.json is at or above the files that import ${unlisted.name} (${importers} it), so nothing installs it and the import will not resolve: ` +
      `create ${shown} with the package in its dependencies (${command}) before the app is built, or import a local copy of the runtime instead (--runtime local)`
    );
  }
  if (unlisted.inDevDependencies) {
    return (
      `${shown} lists ${unlisted.name} among its devDependencies only, which ${importers}: the app runs it, so move it to dependencies (${command}) before the app is built; ` +
      "WeChat's npm build and a production install (npm ci --omit=dev) leave devDependencies out"
    );
  }
  const tool =
    unlisted.name === RUNTIME_PACKAGE ? ` (the app runs the runtime; ${PACKAGE_NAME} can stay a devDependency)` : '';
  return `${shown} does not list ${unlisted.name}, which ${importers}: add it to its dependencies (${command}) before the app is built${tool}`;
}
