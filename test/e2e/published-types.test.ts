/**
 * The declarations the package publishes (dist/, as `npm run build` leaves it) type-check in a
 * project on TypeScript 4.9 (from the npm registry) and on the repository's TypeScript 5, with
 * `skipLibCheck` off, as a migrated Taro project reads them: every entry a user imports (the
 * runtime for Taro, native and H5, the build plugin, Babel, jscodeshift, ESLint) and the
 * standalone copy `--runtime local` writes. No error may come from a file of this package.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as TypeScript from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/example';
import { packageFromRegistry } from './helpers/node-from-registry';

const TYPESCRIPT_4 = '4.9.5';

/** What a user's code imports, each entry used once. */
const USER_CODE = `import Taro from '@tarojs/taro'
import { startRecord, playVoice, playBackgroundAudio, createAudioContext, type StartRecordOption, type BackgroundAudioPlayerState } from 'taro-plugin-record-compat/runtime'
import * as native from 'taro-plugin-record-compat/runtime/native'
import * as h5 from 'taro-plugin-record-compat/runtime/h5'
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
export const state: BackgroundAudioPlayerState | undefined = undefined
export const used = [Taro, buildPlugin, babelPlugin, transform, eslintPlugin]
`;

const STANDALONE_USE = `import { startRecord, playVoice } from './utils/record-compat'
startRecord({ success: (res) => void res.tempFilePath })
playVoice({ filePath: 'a.silk' })
`;

let project: string;

beforeAll(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-types-'));
  const modules = path.join(project, 'node_modules');
  fs.mkdirSync(path.join(modules, '@tarojs'), { recursive: true });
  // Installed as a link: its own dependencies' types resolve from the repository, where they are.
  fs.symlinkSync(ROOT, path.join(modules, 'taro-plugin-record-compat'), 'dir');
  fs.symlinkSync(path.join(ROOT, 'node_modules/@tarojs/taro'), path.join(modules, '@tarojs/taro'), 'dir');
  fs.writeFileSync(path.join(project, 'index.ts'), USER_CODE);
  fs.mkdirSync(path.join(project, 'utils'));
  fs.copyFileSync(path.join(ROOT, 'dist/runtime/standalone/record-compat.d.ts'), path.join(project, 'utils/record-compat.d.ts'));
  fs.writeFileSync(path.join(project, 'page.ts'), STANDALONE_USE);
});

afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

/** The errors in this package's files and the user's, as `file(line): TS<code> message`. */
function errorsOf(ts: typeof TypeScript): string[] {
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
  const ours = (file: string) => file.startsWith(path.join(ROOT, 'dist') + path.sep) || file.startsWith(project + path.sep);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && ours(fs.realpathSync(d.file.fileName)))
    .map((d) => `${path.relative(ROOT, fs.realpathSync(d.file!.fileName))}(${d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}): TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

describe('the published declarations', () => {
  it(`type-check on TypeScript ${TYPESCRIPT_4} (from the npm registry)`, async () => {
    const dir = await packageFromRegistry('typescript', TYPESCRIPT_4, `typescript@${TYPESCRIPT_4} is not to be had from the npm registry`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a TypeScript other than the repository's, loaded by path
    const ts = require(path.join(dir, 'lib/typescript.js')) as typeof TypeScript;
    expect(ts.version).toBe(TYPESCRIPT_4);
    expect(errorsOf(ts)).toEqual([]);
  }, 10 * 60_000);

  it('type-check on the repository\'s TypeScript 5', async () => {
    const ts = (await import('typescript')).default;
    expect(ts.version.startsWith('5.')).toBe(true);
    expect(errorsOf(ts)).toEqual([]);
  });
});
