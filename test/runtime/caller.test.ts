/*
 * caller.ts, which every legacy function of the runtime (record, voice, background audio) uses:
 * one success or fail then complete, asynchronously; a Promise only without callbacks; only the
 * first result counts; a throwing callback does not stop complete. And the error wording and the
 * guard against unhandled rejections it shares.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { caller, errorReason, ifRejected } from '../../src/runtime/caller';

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('caller', () => {
  it('callbacks: success then complete with the same object, after the call returned, once', async () => {
    const seen: [string, unknown][] = [];
    const w = caller({
      success: (r: unknown) => seen.push(['success', r]),
      fail: (r: unknown) => seen.push(['fail', r]),
      complete: (r: unknown) => seen.push(['complete', r]),
    });
    expect(w.promise_).toBeUndefined();
    const res = { errMsg: 'x:ok' };
    w(res, true);
    w({ errMsg: 'x:fail late' }, false);
    expect(seen).toEqual([]);
    await flush();
    expect(seen).toEqual([
      ['success', res],
      ['complete', res],
    ]);
    expect(seen[0]![1]).toBe(seen[1]![1]);
  });

  it('callbacks: fail then complete; only complete given still runs', async () => {
    const seen: string[] = [];
    caller({ fail: () => seen.push('fail'), complete: () => seen.push('complete') })({ errMsg: 'x:fail no' }, false);
    caller({ complete: () => seen.push('complete alone') })({ errMsg: 'x:ok' }, true);
    await flush();
    expect(seen).toEqual(['fail', 'complete', 'complete alone']);
  });

  it.each([undefined, {}, { success: 'not a function' }])(
    'no callback (%j): a Promise, resolved or rejected by the first result',
    async (o) => {
      const ok = caller(o);
      ok({ errMsg: 'x:ok' }, true);
      ok({ errMsg: 'x:fail late' }, false);
      await expect(ok.promise_).resolves.toEqual({ errMsg: 'x:ok' });
      const bad = caller(o);
      bad({ errMsg: 'x:fail no' }, false);
      await expect(bad.promise_).rejects.toEqual({ errMsg: 'x:fail no' });
    },
  );

  describe('a callback that throws', () => {
    const unhandled: unknown[] = [];
    const note = (e: unknown) => unhandled.push(e);
    afterEach(() => {
      process.off('unhandledRejection', note);
    });

    it('surfaces as an unhandled rejection, not in the caller, and complete still runs', async () => {
      process.on('unhandledRejection', note);
      let completed = false;
      const w = caller({
        success: () => {
          throw new Error('app bug');
        },
        complete: () => (completed = true),
      });
      expect(() => w({ errMsg: 'x:ok' }, true)).not.toThrow();
      await flush();
      await flush();
      expect(completed).toBe(true);
      expect(unhandled).toEqual([new Error('app bug')]);
    });
  });
});

describe('errorReason', () => {
  it.each([
    [{ errMsg: 'setBackgroundAudioState:fail network', errCode: 10002 }, 'network (errCode 10002)'],
    [{ errMsg: 'playVoice:fail: file not found' }, 'file not found'],
    [new Error('NotAllowedError: play() failed'), 'NotAllowedError: play() failed'],
    [{ errCode: 0 }, 'error (errCode 0)'],
    [undefined, 'error'],
  ])('%j reads as %j', (e, reason) => {
    expect(errorReason(e)).toBe(reason);
  });
});

describe('ifRejected', () => {
  it('hands a rejection to the handler, or swallows it; leaves anything else alone', async () => {
    const onRejected = vi.fn();
    ifRejected(Promise.reject(new Error('denied')), onRejected);
    ifRejected(Promise.reject(new Error('stub')));
    ifRejected(Promise.resolve(1), onRejected);
    ifRejected({ then: 'not a function' }, onRejected);
    ifRejected(undefined, onRejected);
    await flush();
    expect(onRejected.mock.calls).toEqual([[new Error('denied')]]);
  });
});
