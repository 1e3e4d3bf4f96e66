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
  const modules = linkInstalledModules(appDir, installed);
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
 * Gives `appDir` a node_modules of its own, a link to each package of `installed` (the app's real
 * install, shared), to which a test adds packages; returns its path.
 */
export function linkInstalledModules(appDir: string, installed: string): string {
  const modules = path.join(appDir, 'node_modules');
  fs.mkdirSync(modules, { recursive: true });
  for (const entry of fs.readdirSync(installed)) fs.symlinkSync(path.join(installed, entry), path.join(modules, entry));
  return modules;
}

/**
 * A UI library as Taro apps install them (test/e2e/sysinfo-ui-kit): ES modules without side
 * effects whose helpers read system info through the legacy getSystemInfoSync, Taro's and wx's, as
 * component libraries' common utils do. Its name holds no "taro": Taro's script rule compiles only
 * packages whose path says taro, so only `include` makes the build compile it.
 */
export const UI_KIT = 'sysinfo-ui-kit';
export const UI_KIT_DIR = path.join(__dirname, '..', UI_KIT);

/** Copies the UI library into an app's node_modules (`modules`), as npm installs a `file:` dependency with install-links. */
export function addUiKit(modules: string): void {
  // npm without install-links (another test file's install of the same app) leaves a link there, which cp cannot
  // overwrite with a folder.
  fs.rmSync(path.join(modules, UI_KIT), { recursive: true, force: true });
  fs.cpSync(UI_KIT_DIR, path.join(modules, UI_KIT), { recursive: true });
}

/** A page's code that uses the UI library's helpers (its JSON the page shows). */
export const UI_KIT_USE = `{ navBarHeight: navBarHeight(), model: canIUseModel(), unit: addUnit(10) }`;
export const UI_KIT_IMPORT = `import { addUnit, canIUseModel, navBarHeight } from '${UI_KIT}'`;
/** What they compute on the tests' phone (status bar 47 px on iOS, base library 3.7.12: runtime/fakes/system-info). */
export const UI_KIT_VALUES = { navBarHeight: 91, model: true, unit: '10px' };

/** A React page that shows what the UI library's helpers compute, in `#values`. */
export const UI_KIT_PAGE = `import { Component } from 'react'
import { View, Text } from '@tarojs/components'
${UI_KIT_IMPORT}

export default class KitPage extends Component {
  state = { values: null }

  componentDidMount() {
    this.setState({ values: ${UI_KIT_USE} })
  }

  render() {
    return (
      <View>
        <Text id='values'>{JSON.stringify(this.state.values)}</Text>
      </View>
    )
  }
}
`;

/** The line a mini-program build ends with for Taro's own canIUseWebp, which reads getSystemInfoSync. */
export const TARO_CODE_LINE =
  /^\[record-compat\] Taro's own code \(@tarojs\/shared\) uses getSystemInfoSync once: \S*node_modules\/@tarojs\/shared\/dist\/[\w.-]+\.js:\d+; left as Taro ships it \(Taro's code, not the app's: nothing for the app to change\)$/m;

/**
 * The SDK outside include, as the end of a build says it: one line, its two calls at their lines and the option that
 * rewrites them (no place for a person).
 */
export const LEGACY_SDK_LINE = `[record-compat] package ${LEGACY_SDK}: 2 legacy calls left as they are (not in include): node_modules/${LEGACY_SDK}/index.js:3, node_modules/${LEGACY_SDK}/index.js:4; to rewrite them: plugins: [['taro-plugin-record-compat', { include: ['${LEGACY_SDK}'] }]]`;

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
