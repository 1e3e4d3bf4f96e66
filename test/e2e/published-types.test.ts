/**
 * The declarations the package publishes (dist/, as `npm run build` leaves it) type-check in a
 * project on TypeScript 4.9 (from the npm registry) and on the repository's TypeScript 5, with
 * `skipLibCheck` off, as a migrated Taro project reads them: every entry a user imports (the
 * runtime package's entries for Taro, native and H5, this package's former runtime entries, the
 * build plugin, Babel, jscodeshift, ESLint) and the standalone copies `--runtime local` writes (the
 * .js one's declarations, and the .ts one, which the app compiles). No error may come from a file
 * of this package.
 *
 * The runtime also on TypeScript 3.9, which the Taro 1 and 2 TypeScript templates ship and a
 * migrated Taro 1 or 2 app keeps: its entries and copies, with Taro 2's typings. The build
 * plugin, Babel, jscodeshift and ESLint entries are read by config files, and their declarations
 * need TypeScript 4.5 or newer (`import { type X }`), as their dependencies' typings do.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as TypeScript from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/example';
import { packageFromRegistry } from './helpers/node-from-registry';

const TYPESCRIPT_4 = '4.9.5';
/** The newest TypeScript 3, which the Taro 1 and 2 TypeScript templates resolve to. */
const TYPESCRIPT_3 = '3.9.10';
/**
 * A compile of Taro's typings and this package's, and a first fetch of a TypeScript: minutes on a loaded 2-core
 * machine.
 */
const COMPILE = 10 * 60_000;

/**
 * What a user's code imports, each entry used once: the runtime package's, this package's, and the runtime entries
 * earlier versions wrote.
 */
const USER_CODE = `import Taro from '@tarojs/taro'
import { startRecord, playVoice, playBackgroundAudio, createAudioContext, type StartRecordOption, type BackgroundAudioPlayerState } from 'record-compat-runtime'
import * as native from 'record-compat-runtime/native'
import * as h5 from 'record-compat-runtime/h5'
import { stopRecord as formerStop, type StopRecordOption } from 'taro-plugin-record-compat/runtime'
import * as formerNative from 'taro-plugin-record-compat/runtime/native'
import * as formerH5 from 'taro-plugin-record-compat/runtime/h5'
import buildPlugin from 'taro-plugin-record-compat'
import babelPlugin from 'taro-plugin-record-compat/babel'
import transform from 'taro-plugin-record-compat/transform'
import eslintPlugin from 'taro-plugin-record-compat/eslint'

const option: StartRecordOption = { success: (res) => void res.tempFilePath }
startRecord(option)
playVoice({ filePath: 'a.silk' })
playBackgroundAudio({ dataUrl: 'https://example.com/a.mp3' })
createAudioContext('player').play()
native.stopRecord()
h5.stopRecord()
const stop: StopRecordOption = { success: () => undefined }
formerStop(stop)
formerNative.playVoice({ filePath: 'a.silk' })
formerH5.stopVoice()
export const state: BackgroundAudioPlayerState | undefined = undefined
export const used = [Taro, buildPlugin, babelPlugin, transform, eslintPlugin]
`;

/**
 * What the code of a Taro 1 or 2 app imports from the runtime, in TypeScript 3.9's syntax (no
 * `type` modifier on an imported name): every runtime entry, and the app's own managers.
 */
const TARO2_USER_CODE = `import Taro from '@tarojs/taro'
import { startRecord, playVoice, playBackgroundAudio, createAudioContext, getRecorderManager, getBackgroundAudioManager, StartRecordOption, BackgroundAudioPlayerState } from 'record-compat-runtime'
import * as native from 'record-compat-runtime/native'
import * as h5 from 'record-compat-runtime/h5'

const option: StartRecordOption = { success: (res) => void res.tempFilePath }
startRecord(option)
playVoice({ filePath: 'a.silk' })
playBackgroundAudio({ dataUrl: 'https://example.com/a.mp3' })
createAudioContext('player').play()
getRecorderManager().stop()
getBackgroundAudioManager().pause()
native.stopRecord()
native.getBackgroundAudioManager().play()
h5.stopRecord()
h5.pauseBackgroundAudio()
export const state: BackgroundAudioPlayerState | undefined = undefined
export const used = [Taro]
`;

/** The .js copy (beside its declarations) and the .ts copy, as a page uses each. */
const STANDALONE_USE = `import { startRecord, playVoice } from './utils/record-compat'
import { playBackgroundAudio, stopRecord } from './utils-ts/record-compat'
startRecord({ success: (res) => void res.tempFilePath })
playVoice({ filePath: 'a.silk' })
playBackgroundAudio({ dataUrl: 'https://example.com/a.mp3' })
stopRecord()
`;

const projects: string[] = [];

/**
 * A project in a temporary folder: `userCode` in index.ts, this package and `taroTypings` (the
 * folder of a @tarojs/taro package) as its dependencies, and the standalone copies under utils/
 * (the .js one's declarations) and utils-ts/ (the .ts one).
 */
function projectWith(userCode: string, taroTypings: string): string {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-types-'));
  projects.push(project);
  const modules = path.join(project, 'node_modules');
  fs.mkdirSync(path.join(modules, '@tarojs'), { recursive: true });
  // Installed as a link: its own dependencies' types resolve from the repository, where they are.
  fs.symlinkSync(ROOT, path.join(modules, 'taro-plugin-record-compat'), 'dir');
  fs.symlinkSync(path.join(ROOT, 'packages/runtime'), path.join(modules, 'record-compat-runtime'), 'dir');
  fs.symlinkSync(taroTypings, path.join(modules, '@tarojs/taro'), 'dir');
  fs.writeFileSync(path.join(project, 'index.ts'), userCode);
  fs.mkdirSync(path.join(project, 'utils'));
  fs.copyFileSync(
    path.join(ROOT, 'dist/runtime/standalone/record-compat.d.ts'),
    path.join(project, 'utils/record-compat.d.ts'),
  );
  fs.mkdirSync(path.join(project, 'utils-ts'));
  fs.copyFileSync(
    path.join(ROOT, 'dist/runtime/standalone/record-compat.ts'),
    path.join(project, 'utils-ts/record-compat.ts'),
  );
  fs.writeFileSync(path.join(project, 'page.ts'), STANDALONE_USE);
  return project;
}

let project: string;
/** A Taro 1 or 2 app's project, on Taro 2's typings. */
let taro2Project: string;

beforeAll(() => {
  project = projectWith(USER_CODE, path.join(ROOT, 'node_modules/@tarojs/taro'));
  taro2Project = projectWith(TARO2_USER_CODE, path.join(ROOT, 'node_modules/taro2-typings'));
});

afterAll(() => {
  for (const dir of projects) fs.rmSync(dir, { recursive: true, force: true });
});

/** The TypeScript `version` of the npm registry, loaded by path. */
async function typeScriptFromRegistry(version: string): Promise<typeof TypeScript> {
  const dir = await packageFromRegistry(
    'typescript',
    version,
    `typescript@${version} is not to be had from the npm registry`,
  );
  // require: a TypeScript other than the repository's, loaded by path.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require(path.join(dir, 'lib/typescript.js')) as typeof TypeScript;
  expect(ts.version).toBe(version);
  return ts;
}

/** The errors in this package's files and the user's, as `file(line): TS<code> message`. */
function errorsOf(ts: typeof TypeScript, project: string): string[] {
  const program = ts.createProgram([path.join(project, 'index.ts'), path.join(project, 'page.ts')], {
    target: ts.ScriptTarget.ES2017,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.NodeJs,
    strict: true,
    esModuleInterop: true,
    skipLibCheck: false,
    noEmit: true,
    types: [],
  });
  const ours = (file: string) =>
    [path.join(ROOT, 'dist'), path.join(ROOT, 'packages/runtime'), project].some((dir) =>
      file.startsWith(dir + path.sep),
    );
  // Only these files are checked: the others' typings (Taro's, Babel's, ESLint's) have errors of their own, and checking
  // every file of the program took most of this file's CPU.
  const files = program.getSourceFiles().filter((f) => ours(fs.realpathSync(f.fileName)));
  expect(files.length).toBeGreaterThan(10);
  return files
    .flatMap((f) => [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)])
    .map(
      (d) =>
        `${path.relative(ROOT, fs.realpathSync(d.file!.fileName))}(${d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}): TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
    );
}

describe('the published declarations', () => {
  it(
    `type-check on TypeScript ${TYPESCRIPT_4} (from the npm registry)`,
    async () => {
      expect(errorsOf(await typeScriptFromRegistry(TYPESCRIPT_4), project)).toEqual([]);
    },
    COMPILE,
  );

  it(
    "type-check on the repository's TypeScript 5",
    async () => {
      const ts = (await import('typescript')).default;
      expect(ts.version.startsWith('5.')).toBe(true);
      expect(errorsOf(ts, project)).toEqual([]);
    },
    COMPILE,
  );
});

describe("the runtime's declarations in a Taro 1 or 2 app", () => {
  it(
    `parse and type-check on TypeScript ${TYPESCRIPT_3} (from the npm registry), with Taro 2's typings`,
    async () => {
      // A named tuple member (TypeScript 4.0) was 15 TS1005 errors in such an app, which skipLibCheck does not silence.
      expect(errorsOf(await typeScriptFromRegistry(TYPESCRIPT_3), taro2Project)).toEqual([]);
    },
    COMPILE,
  );

  it(
    "type-check on the repository's TypeScript 5, with Taro 2's typings",
    async () => {
      expect(errorsOf((await import('typescript')).default, taro2Project)).toEqual([]);
    },
    COMPILE,
  );
});
