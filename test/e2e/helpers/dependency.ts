/**
 * An app whose page imports a package under node_modules that calls the legacy API (as
 * recording SDKs did), beside one that only names the APIs in a table: the build plugin must
 * name the first in a line of its own (dependencies.ts) and say nothing of the second. Used by the vite/webpack5
 * test of the example and by the Taro 2 test.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const LEGACY_SDK = 'legacy-recorder-sdk';
/** Its calls, by line: startRecord on line 3, stopRecord on line 4 (column 28). */
const LEGACY_SDK_SOURCE = [
  '// A recording helper as SDKs shipped it',
  'function recordVoice(done) {',
  '  wx.startRecord({ success: function (res) { done(res.tempFilePath) } })',
  '  setTimeout(function () { wx.stopRecord() }, 5000)',
  '}',
  'module.exports = { recordVoice: recordVoice }',
  '',
].join('\n');
const TABLE_SDK = 'api-table-sdk';
const TABLE_SDK_SOURCE =
  "var names = ['startRecord', 'stopRecord', 'playVoice']\nmodule.exports = function call(api, name, o) { return names.indexOf(name) >= 0 ? api[name](o) : undefined }\n";

/** The SDK's call as it reads in a build's output when the build left it as written. */
export const LEGACY_SDK_CALL = /\bwx\.startRecord\(/;

/**
 * Gives `appDir` a node_modules of its own: a link to each package of `installed` (the app's
 * real install, shared) and the two packages above; then `page` imports both.
 */
export function addDependencies(appDir: string, installed: string, page: string): void {
  const modules = path.join(appDir, 'node_modules');
  fs.mkdirSync(modules, { recursive: true });
  for (const entry of fs.readdirSync(installed)) fs.symlinkSync(path.join(installed, entry), path.join(modules, entry));
  for (const [name, source] of [
    [LEGACY_SDK, LEGACY_SDK_SOURCE],
    [TABLE_SDK, TABLE_SDK_SOURCE],
  ]) {
    fs.mkdirSync(path.join(modules, name));
    fs.writeFileSync(
      path.join(modules, name, 'package.json'),
      JSON.stringify({ name, version: '1.0.0', main: 'index.js' }),
    );
    fs.writeFileSync(path.join(modules, name, 'index.js'), source);
  }
  const file = path.join(appDir, page);
  fs.writeFileSync(
    file,
    `import { recordVoice } from '${LEGACY_SDK}'\nimport callApi from '${TABLE_SDK}'\nconsole.log(recordVoice, callApi)\n${fs.readFileSync(file, 'utf8')}`,
  );
}

/**
 * The SDK outside include, as the end of a build says it: one line, its two calls and the option that rewrites them (no
 * place for a person).
 */
export const LEGACY_SDK_LINE = `[record-compat] package ${LEGACY_SDK}: 2 legacy calls left as they are (not in include); to rewrite them: plugins: [['taro-plugin-record-compat', { include: ['${LEGACY_SDK}'] }]]`;

/**
 * Gives a copy of an example app (Taro 4's or Taro 2's config) a native SDK folder beside src/
 * (its call is not one of the app's) that Taro's copy option copies without compiling it: the
 * build must name its call (src/taro-plugin/copied.ts).
 */
export function addCopiedSdk(appDir: string): void {
  fs.mkdirSync(path.join(appDir, COPIED_SDK_DIR), { recursive: true });
  fs.writeFileSync(
    path.join(appDir, COPIED_SDK_DIR, 'recorder.js'),
    '// copied as it is\nmodule.exports = function play(p) { wx.playVoice({ filePath: p }) }\n',
  );
  const copy = `copy: { patterns: [{ from: '${COPIED_SDK_DIR}/', to: \`\${process.env.TARO_OUTPUT_ROOT || 'dist'}/native-sdk/\` }], options: {} }`;
  // Taro 3/4's config (examples/taro-app) has an empty copy option; Taro 2's (examples/taro2-app) none.
  for (const [file, from, to] of [
    ['config/index.ts', 'copy: { patterns: [], options: {} }', copy],
    ['config/index.js', "sourceRoot: 'src',", `sourceRoot: 'src',\n  ${copy},`],
  ]) {
    const config = path.join(appDir, file);
    if (!fs.existsSync(config)) continue;
    const text = fs.readFileSync(config, 'utf8');
    if (!text.includes(from)) throw new Error(`${config} no longer has ${from}`);
    fs.writeFileSync(config, text.replace(from, to));
    return;
  }
  throw new Error(`${appDir} has no Taro config`);
}

export const COPIED_SDK_DIR = 'native-sdk';
/** What the end-of-build line says of the copied SDK's call, and the way out it adds. */
export const COPIED_SDK_PLACE = `${COPIED_SDK_DIR}/recorder.js:2`;
export const COPIED_SDK_HINT = `(${COPIED_SDK_DIR}/: copied by Taro's copy option, not compiled; migrate with the codemod, --runtime local)`;
/**
 * The copied SDK's call as it reads in the output (webpack's minifier takes copied scripts too; nothing rewrites them).
 */
export const COPIED_SDK_CALL = /\bwx\.playVoice\(\{\s*filePath:/;
