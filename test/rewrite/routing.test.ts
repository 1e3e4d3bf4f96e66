/**
 * The project-level routing decision (src/rewrite/routing.ts), one place for the CLI and the
 * build plugin: each routed app API's option is on exactly when a file holds a legacy call of
 * its family that the rewrite takes; a name in a comment or a method of the app's own does not count.
 */
import { describe, expect, it } from 'vitest';
// The built engine: the decision loads the parsers lazily with require(), which needs the compiled files.
import { routingDecisionIn } from '../../dist/src/rewrite';

const RECORD = { file: 'src/record.js', text: 'wx.startRecord({ success() {} })\n' };
const BACKGROUND = { file: 'src/music.js', text: "wx.playBackgroundAudio({ dataUrl: 'a.mp3' })\n" };
const NEAR_MISSES = [
  { file: 'src/comment.js', text: '// wx.startRecord() and wx.playBackgroundAudio() are gone\n' },
  { file: 'src/own.js', text: 'const player = { playBackgroundAudio() {}, startRecord() {} }\nplayer.playBackgroundAudio()\nplayer.startRecord()\n' },
];

describe('routingDecisionIn', () => {
  it.each([
    ['no legacy call', [], false, false],
    ['a record call', [RECORD], true, false],
    ['a background-audio call', [BACKGROUND], false, true],
    ['both, in different files', [BACKGROUND, RECORD], true, true],
  ])('%s', (_, files, routeRecorderManager, routeBackgroundAudioManager) => {
    expect(routingDecisionIn([...NEAR_MISSES, ...files])).toEqual({ routeRecorderManager, routeBackgroundAudioManager });
  });

  it('stops reading the files once every option is on', () => {
    const read: string[] = [];
    function* sources() {
      for (const source of [RECORD, BACKGROUND, ...NEAR_MISSES]) {
        read.push(source.file);
        yield source;
      }
    }
    expect(routingDecisionIn(sources())).toEqual({ routeRecorderManager: true, routeBackgroundAudioManager: true });
    expect(read).toEqual([RECORD.file, BACKGROUND.file]);
  });
});
