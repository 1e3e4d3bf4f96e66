/**
 * Taro's wrapper through the CLI: in a project on Taro < 3.3.1 (read from the nearest
 * installed @tarojs/taro, else package.json) `Taro.*` calls of the APIs Taro wrapped become
 * the runtime's `…Wrapped` functions; `wx.*` calls and projects on a later Taro do not
 * (docs/contract.md, Decision R9).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, cleanupProjects, makeProject, read, runCli } from './helpers';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

const PAGE = `import Taro from '@tarojs/taro'

export function record(page) {
  Taro.startRecord({ success: (res) => page.setState({ file: res.tempFilePath }) }).then(() => page.upload())
  Taro.stopRecord()
  wx.playVoice({ filePath: page.state.file })
}
`;

describe("the CLI and the project's Taro", () => {
  it.each([
    ['2.2.22', true],
    ['^3.0.0', false],
    ['3.6.0', false],
  ])('@tarojs/taro %s in package.json: wrapped %s', (version, wrapped) => {
    const dir = makeProject({ 'package.json': JSON.stringify({ dependencies: { '@tarojs/taro': version } }), 'src/pages/record.js': PAGE });
    const run = runCli(dir, []);
    expect(run.code).toBe(0);
    const page = read(dir, 'src/pages/record.js');
    if (wrapped) expect(page).toContain('startRecordWrapped({ success:');
    else expect(page).toMatch(/\bstartRecord\(\{ success:/);
    // never wrapped: stopRecord, and a call on the platform global
    expect(page).toMatch(/\bstopRecord\(\)/);
    expect(page).toMatch(/\bplayVoice\(\{ filePath/);
    expect(page).not.toContain('playVoiceWrapped');
  });

  it('the installed @tarojs/taro decides over the range', () => {
    const dir = makeProject({
      'package.json': JSON.stringify({ dependencies: { '@tarojs/taro': '^3.0.0' } }),
      'node_modules/@tarojs/taro/package.json': JSON.stringify({ name: '@tarojs/taro', version: '3.2.5' }),
      'src/pages/record.js': PAGE,
    });
    expect(runCli(dir, []).code).toBe(0);
    expect(read(dir, 'src/pages/record.js')).toContain('startRecordWrapped(');
  });
});
