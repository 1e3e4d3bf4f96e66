/*
 * The H5 entry outside a browser: the same exports as the Taro entry (so the build plugin can
 * swap one for the other), and a clear failure where there is no microphone API at all.
 */
import * as path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it, vi } from 'vitest';
import { ROOT } from '../helpers/paths';

// As Taro H5's @tarojs/taro is: a default export without the APIs, the APIs as named exports.
const h5Audio = vi.hoisted(() => ({
  system: undefined as undefined | { create(): unknown },
  background: undefined as undefined | (() => unknown),
  pages: undefined as undefined | (() => unknown[]),
  systemInfo: undefined as undefined | { api: Record<string, unknown> },
  /** Taro H5's legacy canvas: each call, by name, with its arguments. */
  canvasCalls: [] as [string, unknown[]][],
}));
const canvasApi =
  (name: string) =>
  (...args: unknown[]) => {
    h5Audio.canvasCalls.push([name, args]);
    return { taroH5: name };
  };
// Taro H5's five system-info APIs, named exports as in 4.0.7–4.0.10, which have no getSystemInfoSync.
const systemInfoApi = (name: string) => () => (h5Audio.systemInfo!.api[name] as () => unknown)();
vi.mock('@tarojs/taro', () => ({
  default: { getEnv: () => 'WEB' },
  createInnerAudioContext: () => h5Audio.system!.create(),
  getBackgroundAudioManager: () => h5Audio.background!(),
  getCurrentPages: () => h5Audio.pages!(),
  getWindowInfo: systemInfoApi('getWindowInfo'),
  getDeviceInfo: systemInfoApi('getDeviceInfo'),
  getAppBaseInfo: systemInfoApi('getAppBaseInfo'),
  getSystemSetting: systemInfoApi('getSystemSetting'),
  getAppAuthorizeSetting: systemInfoApi('getAppAuthorizeSetting'),
  createCanvasContext: canvasApi('createCanvasContext'),
  canvasToTempFilePath: canvasApi('canvasToTempFilePath'),
  canvasGetImageData: canvasApi('canvasGetImageData'),
  canvasPutImageData: canvasApi('canvasPutImageData'),
}));

describe('runtime/h5 entry', () => {
  it("exports what the Taro entry exports, plus the page's recorder manager", async () => {
    const taro = await import('../../src/runtime/taro');
    const h5 = await import('../../src/runtime/h5');
    expect(Object.keys(h5).sort()).toEqual([...Object.keys(taro), 'getH5RecorderManager'].sort());
    // Its own startRecord, not the Taro entry's (which would reach Taro H5's stub).
    expect(h5.startRecord).not.toBe(taro.startRecord);
    expect(h5.getH5RecorderManager()).toBe(h5.getH5RecorderManager());
  });

  it('without navigator.mediaDevices (Node here; an insecure page in a browser) startRecord fails with the reason, never throws', async () => {
    const { startRecord } = await import('../../src/runtime/h5');
    await expect(startRecord()).rejects.toEqual({
      errMsg:
        'startRecord:fail recording needs a secure page (https or localhost): navigator.mediaDevices is missing here',
    });
  });

  it("the mini-program entries bundle none of it: no getUserMedia, no mp3 encoder, no patch of Taro H5's background-audio manager", async () => {
    for (const entry of ['taro', 'native']) {
      const r = await build({
        entryPoints: [path.join(ROOT, `src/runtime/${entry}.ts`)],
        bundle: true,
        format: 'esm',
        external: ['@tarojs/taro'],
        write: false,
        logLevel: 'silent',
      });
      expect(r.outputFiles).toHaveLength(1);
      expect(r.outputFiles[0]!.text).not.toMatch(/getUserMedia|MediaRecorder|lamejs|recordCompatResumes/);
    }
  });

  it("playVoice plays through Taro H5's named createInnerAudioContext (its default export has none) and ends with the file", async () => {
    const { FakeAudioSystem } = await import('../runtime/fakes/audio');
    const system = new FakeAudioSystem({ flavor: 'h5', files: { 'blob:http://localhost/memo': 300 } });
    h5Audio.system = system;
    const { playVoice } = await import('../../src/runtime/h5');
    const t0 = Date.now();
    await expect(playVoice({ filePath: 'blob:http://localhost/memo' })).resolves.toEqual({ errMsg: 'playVoice:ok' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(system.created).toHaveLength(1);
  });

  it("the background-audio API plays through Taro H5's real manager, got once (3.6 made a new one per call), shared with the app", async () => {
    const { h5BackgroundAudio } = await import('../runtime/fakes/background-audio');
    const p = h5BackgroundAudio({ files: { 'https://x/a.mp3': 300 }, perCall: true, taroH5: '3.6.0', loadDelay: 10 });
    h5Audio.background = p.api.getBackgroundAudioManager as () => unknown;
    const h5 = await import('../../src/runtime/h5');
    const ended: string[] = [];
    h5.onBackgroundAudioStop(() => ended.push('legacy'));
    h5.getBackgroundAudioManager().onEnded(() => ended.push('app'));
    await expect(h5.playBackgroundAudio({ dataUrl: 'https://x/a.mp3' })).resolves.toEqual({
      errMsg: 'playBackgroundAudio:ok',
    });
    await expect(h5.getBackgroundAudioPlayerStateWrapped({ success: () => {} })).resolves.toMatchObject({
      status: 1,
      dataUrl: 'https://x/a.mp3',
    });
    await new Promise((r) => setTimeout(r, 400));
    expect(ended).toEqual(['legacy', 'app']);
    expect(p.managers).toHaveLength(1);
  });

  it("createAudioContext (a stub in Taro H5) plays through its named createInnerAudioContext, per page of its router's stack", async () => {
    const { FakeAudioSystem } = await import('../runtime/fakes/audio');
    const { FakePageStack } = await import('../runtime/fakes/pages');
    const system = new FakeAudioSystem({ flavor: 'h5', files: { '/static/a.mp3': 2_000 }, loadDelay: 10 });
    const pages = new FakePageStack('taro-h5');
    h5Audio.system = system;
    h5Audio.pages = pages.getCurrentPages;
    const h5 = await import('../../src/runtime/h5');
    const taro = await import('../../src/runtime/taro');
    // Its own, not the Taro entry's (which reads the default export, without the APIs there).
    expect(h5.createAudioContext).not.toBe(taro.createAudioContext);
    pages.navigateTo('pages/index/index');
    pages.navigateTo('pages/song/song');
    const ctx = h5.createAudioContext('myAudio', undefined, { src: '/static/a.mp3' });
    ctx.play();
    await new Promise((r) => setTimeout(r, 100));
    expect(system.created).toHaveLength(1);
    expect(system.created[0]!.state).toBe('playing');
    pages.navigateBack();
    await new Promise((r) => setTimeout(r, 300));
    expect(system.created[0]!.state).toBe('destroyed');
  });

  it("system info on Taro H5's named five (its default export has none), never its getSystemInfoSync, which Taro H5 4.0.7–4.0.10 lacks", async () => {
    const { taroH5SystemInfo } = await import('../runtime/fakes/system-info');
    const p = taroH5SystemInfo({ version: '4.0.7' });
    h5Audio.systemInfo = p;
    const h5 = await import('../../src/runtime/h5');
    expect(h5.getWindowInfo()).toEqual(p.parts().getWindowInfo);
    const info = h5.getSystemInfoSync();
    for (const [k, v] of Object.entries(taroH5SystemInfo().legacyObject()))
      if (!(p.shape.withoutNewHome ?? []).includes(k)) expect(info[k], k).toEqual(v);
    await expect(h5.getSystemInfoWrapped()).resolves.toMatchObject({
      errMsg: 'getSystemInfo:ok',
      windowWidth: info.windowWidth,
    });
    expect(p.legacyCalls).toBe(0);
  });

  it("the legacy canvas is Taro H5's own, not deprecated there: every call passes to its named exports as it was made", async () => {
    const h5 = await import('../../src/runtime/h5');
    const page = {};
    const option = { canvasId: 'poster', success: () => {} };
    expect(h5.createCanvasContext('poster', page)).toEqual({ taroH5: 'createCanvasContext' });
    expect(h5.canvasToTempFilePath(option, page)).toEqual({ taroH5: 'canvasToTempFilePath' });
    h5.canvasGetImageData({ canvasId: 'poster', x: 0, y: 0, width: 1, height: 1 });
    h5.canvasPutImageData({ canvasId: 'poster', data: new Uint8ClampedArray(4), x: 0, y: 0, width: 1 });
    expect(h5Audio.canvasCalls.map(([name]) => name)).toEqual([
      'createCanvasContext',
      'canvasToTempFilePath',
      'canvasGetImageData',
      'canvasPutImageData',
    ]);
    expect(h5Audio.canvasCalls[0]![1]).toEqual(['poster', page]);
    expect(h5Audio.canvasCalls[1]![1]![0]).toBe(option);
    expect(h5Audio.canvasCalls[1]![1]![1]).toBe(page);
  });
});
