/**
 * The pages of examples/taro2-app that rely on the Promise Taro 1, Taro 2 and Taro 3.0–3.3.0
 * returned from startRecord, playVoice and three background-audio functions (callbacks first,
 * then the Promise settles, rejected on failure even with callbacks given): the tests every
 * migration of that app passes on a `wx` without the legacy functions, whichever Taro built it.
 */
import { expect, it } from 'vitest';
import type { FakeWxOptions } from '../host/fake-wx';
import { MUSIC_ROUTE, openMusicPage, playThroughMusicPage } from './music-page';
import { launchHost } from './scenario';

/** Registers the tests in the calling describe; `dist` is the built weapp output to launch. */
export function testPromisePages(dist: () => string): void {
  const launch = (options: Partial<FakeWxOptions> = {}) =>
    launchHost(dist(), { permission: true, legacyApi: false, ...options });
  const events = (page: { textOf(id: string): string }) => page.textOf('events').split(' ');

  it("startRecord's .then and await get the recording, after the success callback; playVoice's .then runs when the take has played", async () => {
    const { wx, host } = await launch();
    for (const api of ['startRecord', 'playVoice']) expect(host.wxApi[api]).toBeUndefined();
    const page = await host.open('pages/takes/index');
    page.tap('record');
    await host.wait(2_000);
    page.tap('stop');
    await host.wait(1_000);
    expect(page.textOf('status')).toBe('recorded');
    expect(page.textOf('take')).toBe(wx.recorder.files[0]);
    expect(events(page)).toEqual(['success', 'then']);
    page.tap('record-await');
    await host.wait(3_000);
    expect(events(page)).toEqual(['success', 'then']); // still recording: the await waits for the file
    page.tap('stop');
    await host.wait(1_000);
    expect(page.textOf('take')).toBe(wx.recorder.files[1]);
    expect(events(page)).toEqual(['success', 'then', 'success', 'awaited']);
    page.tap('play');
    await host.wait(1_000);
    expect(page.textOf('played')).toBe('');
    await host.wait(wx.audio.files.get(wx.recorder.files[1])!);
    expect(page.textOf('played')).toBe('playVoice:ok');
    expect(events(page).slice(4)).toEqual(['success', 'then']);
    expect(host.errors).toEqual([]);
    expect(host.rejections).toEqual([]);
  });

  it('a failure rejects the Promise after the fail callback, even with callbacks given', async () => {
    const { wx, host } = await launch({ permission: undefined, userGrants: false });
    const page = await host.open('pages/takes/index');
    page.tap('record');
    await host.wait(2_000);
    expect(page.textOf('status')).toBe('failed');
    expect(page.textOf('error')).toMatch(/^startRecord:fail.*auth deny/);
    expect(events(page)).toEqual(['fail', 'catch']);
    page.tap('record-await');
    await host.wait(2_000);
    expect(events(page)).toEqual(['fail', 'catch', 'caught']);
    page.tap('play-missing');
    await host.wait(1_000);
    expect(page.textOf('error')).toMatch(/^playVoice:fail/);
    expect(events(page)).toEqual(['fail', 'catch', 'caught', 'fail', 'catch']);
    expect(wx.recorder.files).toHaveLength(0);
    // What rejected: the runtime's promises, with what the fail callbacks got (and Taro's own authorize, which the
    // runtime asked).
    expect(host.rejections.length).toBeGreaterThanOrEqual(3);
    for (const reason of host.rejections)
      expect((reason as { errMsg: string }).errMsg).toMatch(/^(?:authorize|startRecord|playVoice):fail/);
    expect(host.errors).toEqual([]);
  });

  it('the music page plays, pauses, resumes, seeks, goes on at the end and stops; its .then on seekBackgroundAudio runs', async () => {
    const session = await openMusicPage(dist());
    await playThroughMusicPage(session);
    expect(session.page.textOf('seeked')).toBe('seekBackgroundAudio:ok');
    expect(session.page.textOf('index')).toBe('1');
    expect(session.host.appJson.pages).toContain(MUSIC_ROUTE);
  });
}
