/*
 * The host's fake wx keeps WeChat's listener rule for RecorderManager (docs/contract.md#recorder-manager): each onX
 * replaces that event's listener and there is no off*. A host that let listeners add up would
 * hide rule 12's bug in the end-to-end tests.
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
  expect(wx.recorder.listenerCount('stop')).toBe(1);
  for (const k of ['offStop', 'offStart', 'offError']) expect(rm[k]).toBeUndefined();
  rm.start({});
  await clock.advance(1000);
  rm.stop();
  await clock.advance(1000);
  expect(seen).toEqual(['second']);
});
