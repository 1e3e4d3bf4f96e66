/*
 * The host's fake wx keeps WeChat's rules: the listener rule for RecorderManager
 * (docs/contract.md#recorder-manager): each onX replaces that event's listener and there is no
 * off* (a host that let listeners add up would hide rule 12's bug in the end-to-end tests); a
 * start() without scope.record granted fails, as the runtime tests' recorder does (it is that one);
 * and openSetting only from a user tap (docs/contract.md#authorization).
 */
import { expect, it } from 'vitest';
import { FakeClock } from './clock';
import { FakeWx } from './fake-wx';

it('RecorderManager: a later onX replaces the earlier listener; no off*', async () => {
  const clock = new FakeClock();
  const wx = new FakeWx({ clock, permission: true });
  const rm = (wx.api().getRecorderManager as () => Record<string, (cb?: unknown) => void>)();
  const seen: string[] = [];
  rm.onStop(() => seen.push('first'));
  rm.onStop(() => seen.push('second'));
  expect(wx.recorder.listenerCount('Stop')).toBe(1);
  for (const k of ['offStop', 'offStart', 'offError']) expect(rm[k]).toBeUndefined();
  rm.start({});
  await clock.advance(1000);
  rm.stop();
  await clock.advance(1000);
  expect(seen).toEqual(['second']);
});

it.each([undefined, false] as const)(
  'RecorderManager: a start() with scope.record %s fails with onError and records nothing',
  async (permission) => {
    const clock = new FakeClock();
    const wx = new FakeWx({ clock, permission });
    const rm = (wx.api().getRecorderManager as () => Record<string, (cb?: unknown) => void>)();
    const errors: unknown[] = [];
    rm.onError((e: unknown) => errors.push(e));
    rm.start({});
    await clock.advance(1000);
    expect(errors).toEqual([{ errMsg: 'operateRecorder:fail:auth denied' }]);
    expect(wx.recorder.recordings).toEqual([]);
  },
);

it("RecorderManager: what it recorded, the host's players can play, for as long as it lasted", async () => {
  const clock = new FakeClock();
  const wx = new FakeWx({ clock, permission: true });
  const rm = (wx.api().getRecorderManager as () => Record<string, (cb?: unknown) => void>)();
  let stopped = { tempFilePath: '', duration: 0 };
  rm.onStop((res: unknown) => (stopped = res as typeof stopped));
  rm.start({});
  await clock.advance(2300);
  rm.stop();
  await clock.advance(100);
  expect(stopped.duration).toBeGreaterThanOrEqual(2000);
  expect(wx.recorder.files).toEqual([stopped.tempFilePath]);
  expect(wx.audio.files.get(stopped.tempFilePath)).toBe(stopped.duration);
});

it('openSetting works only from a user tap: a showModal confirm counts as one', async () => {
  const clock = new FakeClock();
  const wx = new FakeWx({ clock, permission: false, modalConfirms: true, settingsGrant: true });
  const api = wx.api() as Record<string, (o: Record<string, unknown>) => void>;
  const got: string[] = [];
  api.openSetting({ fail: (e: { errMsg: string }) => got.push(e.errMsg) });
  await clock.advance(2000);
  expect(got).toEqual(['openSetting:fail can only be invoked by user TAP gesture.']);
  expect(wx.permission).toBe(false);
  api.showModal({
    success: () =>
      api.openSetting({ success: (r: { authSetting: unknown }) => got.push(JSON.stringify(r.authSetting)) }),
  });
  await clock.advance(3000);
  expect(got[1]).toBe(JSON.stringify({ 'scope.record': true }));
  // Later, outside the tap, it fails again.
  api.showModal({
    success: () => clock.setTimeout(() => api.openSetting({ fail: (e: { errMsg: string }) => got.push(e.errMsg) }), 0),
  });
  await clock.advance(3000);
  expect(got[2]).toBe('openSetting:fail can only be invoked by user TAP gesture.');
});
