/** Multi-file fixture projects, written to temp directories by the tests. */

export const TSCONFIG = JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2020',
      module: 'ESNext',
      moduleResolution: 'node',
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['miniprogram-api-typings'],
    },
    include: ['src'],
  },
  null,
  2,
);

/** A Taro + TypeScript project: every way the API travels between files. */
export const TARO_TS_PROJECT: Record<string, string> = {
  'tsconfig.json': TSCONFIG,
  // handled: the plain Taro default import
  'src/direct.ts': [
    "import Taro from '@tarojs/taro'",
    '',
    'export function record(): void {',
    '  Taro.startRecord({ success: (res) => console.log(res.tempFilePath) })',
    '  setTimeout(() => Taro.stopRecord(), 1000)',
    '}',
    '',
  ].join('\n'),
  // Taro itself stored under another name and exported
  'src/api.ts': ["import Taro from '@tarojs/taro'", '', 'export const api = Taro', ''].join('\n'),
  // cross-file alias of the namespace: only the type checker knows `api` is Taro
  'src/use-api.ts': [
    "import { api } from './api'",
    '',
    'export function go(): void {',
    '  api.startRecord({})',
    '}',
    '',
  ].join('\n'),
  // the functions themselves stored and exported
  'src/recorder.ts': [
    "import Taro from '@tarojs/taro'",
    '',
    'export const rec = Taro.startRecord',
    'export default Taro.stopRecord',
    '',
  ].join('\n'),
  // a wrapper module re-exporting them under new names
  'src/barrel.ts': [
    "export { rec as record } from './recorder'",
    "export { default as halt } from './recorder'",
    '',
  ].join('\n'),
  'src/page.ts': [
    "import { record, halt } from './barrel'",
    '',
    'export function onTap(): void {',
    '  record({})',
    '  halt()',
    '}',
    '',
  ].join('\n'),
  // destructuring, and the destructured function exported on
  'src/destructure.ts': [
    "import Taro from '@tarojs/taro'",
    '',
    'const { startRecord, stopRecord: stop } = Taro',
    '',
    'export function begin(): void {',
    '  startRecord({})',
    '}',
    'export { stop }',
    '',
  ].join('\n'),
  'src/use-stop.ts': [
    "import { stop as finish } from './destructure'",
    '',
    'export const end = (): void => finish()',
    '',
  ].join('\n'),
  // a wrapper typed as the deprecated API, called elsewhere
  'src/wrapper.ts': [
    "import Taro from '@tarojs/taro'",
    '',
    'export const recordLogged: typeof Taro.startRecord = (option) => {',
    "  console.log('recording')",
    '  return Promise.resolve({ tempFilePath: "", errMsg: "startRecord:ok" })',
    '}',
    '',
  ].join('\n'),
  'src/use-wrapper.ts': ["import { recordLogged } from './wrapper'", '', 'recordLogged({})', ''].join('\n'),
  // not the API: a local `wx`, and CameraContext's own startRecord/stopRecord
  'src/local-wx.ts': [
    'const wx = { startRecord(option: object): void {}, stopRecord(): void {} }',
    '',
    'wx.startRecord({})',
    'wx.stopRecord()',
    'export {}',
    '',
  ].join('\n'),
  'src/camera.ts': [
    "import Taro from '@tarojs/taro'",
    '',
    'const camera = Taro.createCameraContext()',
    'camera.startRecord({ success: () => undefined })',
    'camera.stopRecord({})',
    'const native = wx.createCameraContext()',
    'native.startRecord({})',
    'native.stopRecord({})',
    'export {}',
    '',
  ].join('\n'),
  // a wrapper module passing the API on by name: the rewrite sees it and asks for a person
  'src/reexport.ts': ["export { startRecord } from '@tarojs/taro'", ''].join('\n'),
  // a computed member whose key the checker can pin down
  'src/dynamic.ts': [
    "import Taro from '@tarojs/taro'",
    '',
    'export function pick(stop: boolean) {',
    "  const key = stop ? 'stopRecord' : 'getSetting'",
    '  return Taro[key]',
    '}',
    '',
  ].join('\n'),
  // the global wx of the mini-program typings
  'src/global-wx.ts': ['export function legacy(): void {', '  wx.startRecord({ success() {} })', '}', ''].join('\n'),
};

/** A plain JavaScript mini-program: no tsconfig, CommonJS, the global wx. */
export const NATIVE_JS_PROJECT: Record<string, string> = {
  'app.js': 'App({})\n',
  'pages/direct/direct.js': [
    'Page({',
    '  start() {',
    '    wx.startRecord({ success: (res) => this.setData({ path: res.tempFilePath }) })',
    '  },',
    '  stop() {',
    '    wx.stopRecord()',
    '  },',
    '})',
    '',
  ].join('\n'),
  'utils/recorder.js': ['module.exports = {', '  begin: wx.startRecord,', '  end: wx.stopRecord,', '}', ''].join('\n'),
  'pages/index/index.js': [
    "const recorder = require('../../utils/recorder')",
    '',
    'Page({',
    '  onTap() {',
    '    recorder.begin({})',
    '  },',
    '  onUnload() {',
    '    recorder.end()',
    '  },',
    '})',
    '',
  ].join('\n'),
  'pages/other/other.js': [
    "const { end: finish } = require('../../utils/recorder')",
    '',
    'Page({',
    '  onHide() {',
    '    finish()',
    '  },',
    '})',
    '',
  ].join('\n'),
  'utils/call.js': [
    'function call(name, option) {',
    '  return wx[name](option)',
    '}',
    'module.exports = { call }',
    '',
  ].join('\n'),
  'utils/param.js': ['function setup(wx) {', '  wx.startRecord({})', '}', 'module.exports = { setup }', ''].join('\n'),
  'pages/camera/camera.js': [
    'Page({',
    '  onReady() {',
    '    const ctx = wx.createCameraContext()',
    '    ctx.startRecord({ success() {} })',
    '  },',
    '})',
    '',
  ].join('\n'),
  // An Official Account web page: the web JS-SDK's wx.startRecord, a different API
  'h5/voice.js': [
    "wx.config({ appId: 'wx123', timestamp: 0, nonceStr: '', signature: '', jsApiList: ['startRecord', 'stopRecord'] })",
    'wx.ready(function () {',
    '  wx.startRecord({ cancel: function () {} })',
    '  wx.onVoiceRecordEnd({ complete: function (res) { console.log(res.localId) } })',
    '})',
    '',
  ].join('\n'),
};
