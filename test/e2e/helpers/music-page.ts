/**
 * The background-audio scenario every build door is driven through, written once: a music page
 * written the legacy way (play, the state polled in a timer, pause, resume, seek, a natural end
 * that starts the next track, stop) beside the app's own `getBackgroundAudioManager()` with its
 * own `onEnded`, run in the mini-program host on a `wx` without the legacy functions.
 *
 * Every flavour of the page (React here; Taro 2 in examples/taro2-app, Vue in
 * examples/taro-vue-app) shows the same elements: buttons `play`, `pause`, `seek` (to 25 s),
 * `auto` (go on to the next track at the end), `stop`; texts `status`, `position` (whole
 * seconds), `stops`, `ownEnded`, `index`, `errors`.
 */
import { expect } from 'vitest';
import { FakeClock } from '../host/clock';
import { FakeWx } from '../host/fake-wx';
import { MiniProgramHost, type PageInstance } from '../host/mini-host';

export const SONG_A = 'https://cdn.example.com/music/a.mp3';
export const SONG_B = 'https://cdn.example.com/music/b.mp3';
/** What the host's manager can play, and for how long (ms). */
export const MUSIC_FILES = { [SONG_A]: 30_000, [SONG_B]: 10_000 };
export const MUSIC_ROUTE = 'pages/music/index';
/** The legacy calls each flavour of the page writes (the summary's "6 background-audio calls"). */
export const MUSIC_PAGE_LEGACY_CALLS = 6;

/** The page for a Taro 3/4 React app (a class component), written into a copy of examples/taro-app. */
export const REACT_MUSIC_PAGE = `import { Component } from 'react'
import Taro from '@tarojs/taro'
import { View, Button, Text } from '@tarojs/components'

const SONGS = [${JSON.stringify(SONG_A)}, ${JSON.stringify(SONG_B)}]

export default class Music extends Component {
  state = { index: 0, status: 2, position: 0, stops: 0, ownEnded: 0, errors: '' }

  componentDidMount() {
    Taro.onBackgroundAudioStop(() => {
      this.setState({ stops: this.state.stops + 1 })
      if (this.autoNext) this.next()
    })
    // The app's own manager, with its own listener on the same one global manager.
    this.bam = Taro.getBackgroundAudioManager()
    this.bam.onEnded(() => this.setState({ ownEnded: this.state.ownEnded + 1 }))
    this.timer = setInterval(() => this.poll(), 1000)
  }

  componentWillUnmount() {
    clearInterval(this.timer)
  }

  play = () => {
    Taro.playBackgroundAudio({ dataUrl: SONGS[this.state.index], fail: (err) => this.setState({ errors: this.state.errors + err.errMsg }) })
  }

  poll = () => {
    Taro.getBackgroundAudioPlayerState({ success: (res) => this.setState({ status: res.status, position: Math.floor(res.currentPosition || 0) }) })
  }

  next = () => {
    this.setState({ index: (this.state.index + 1) % SONGS.length }, () => this.play())
  }

  render() {
    return (
      <View>
        <Button id='play' onClick={this.play}>Play</Button>
        <Button id='pause' onClick={() => Taro.pauseBackgroundAudio()}>Pause</Button>
        <Button id='seek' onClick={() => Taro.seekBackgroundAudio({ position: 25 })}>Seek</Button>
        <Button id='auto' onClick={() => (this.autoNext = true)}>Auto</Button>
        <Button id='stop' onClick={() => { this.autoNext = false; Taro.stopBackgroundAudio() }}>Stop</Button>
        <Text id='status'>{this.state.status}</Text>
        <Text id='position'>{this.state.position}</Text>
        <Text id='stops'>{this.state.stops}</Text>
        <Text id='ownEnded'>{this.state.ownEnded}</Text>
        <Text id='index'>{this.state.index}</Text>
        <Text id='errors'>{this.state.errors}</Text>
      </View>
    )
  }
}
`;

export interface MusicSession {
  wx: FakeWx;
  host: MiniProgramHost;
  page: PageInstance;
}

/** Launch a built weapp dist on a `wx` without the legacy functions, and open the music page. */
export async function openMusicPage(dist: string): Promise<MusicSession> {
  const clock = new FakeClock();
  const wx = new FakeWx({ clock, permission: true, legacyApi: false, backgroundFiles: MUSIC_FILES });
  const host = new MiniProgramHost({ distDir: dist, wx, clock });
  await host.launch();
  const page = await host.open(MUSIC_ROUTE);
  return { wx, host, page };
}

/**
 * Tap through the page: play (the runtime gives the title WeChat needs), pause, resume (the same
 * dataUrl while paused: no second `src`), seek, the natural end (the legacy Stop listener and the
 * app's own onEnded both run, the page starts the next track), stop. Nothing fails, nothing throws.
 */
export async function playThroughMusicPage({ wx, host, page }: MusicSession): Promise<void> {
  const manager = wx.backgroundAudio;
  for (const api of ['playBackgroundAudio', 'getBackgroundAudioPlayerState', 'onBackgroundAudioStop'])
    expect(host.wxApi[api]).toBeUndefined();
  expect(page.textOf('status')).toBe('2');
  page.tap('play');
  await host.wait(3_100);
  expect(manager.title).toBe('a.mp3');
  expect(page.textOf('status')).toBe('1');
  expect(Number(page.textOf('position'))).toBeGreaterThanOrEqual(2);
  page.tap('pause');
  await host.wait(1_100);
  expect(page.textOf('status')).toBe('0');
  const pausedAt = manager.currentTime;
  page.tap('play');
  await host.wait(1_100);
  expect(page.textOf('status')).toBe('1');
  expect(manager.currentTime).toBeCloseTo(pausedAt + 1.1, 0);
  expect(manager.log.filter((l) => l === `set src ${SONG_A}`)).toHaveLength(1);
  page.tap('seek');
  await host.wait(1_000);
  expect(Number(page.textOf('position'))).toBeGreaterThanOrEqual(25);
  page.tap('auto');
  await host.wait(5_000);
  expect(page.textOf('stops')).toBe('1');
  expect(page.textOf('ownEnded')).toBe('1');
  await host.wait(1_000);
  expect(page.textOf('index')).toBe('1');
  expect(manager.src).toBe(SONG_B);
  expect(page.textOf('status')).toBe('1');
  page.tap('stop');
  await host.wait(1_100);
  expect(page.textOf('status')).toBe('2');
  expect(page.textOf('stops')).toBe('2');
  // One listener of the runtime per event on the manager, however often the page's on* ran.
  expect(manager.listenerCount('Ended')).toBe(1);
  expect(page.textOf('errors')).toBe('');
  expect(host.errors).toEqual([]);
  expect(host.rejections).toEqual([]);
}

/** A hidden <Audio> played through the deprecated AudioContext, for the same copy of examples/taro-app. */
export const CHIME_ROUTE = 'pages/chime/index';
export const CHIME = 'https://cdn.example.com/sounds/chime.mp3';
export const REACT_CHIME_PAGE = `import { useRef } from 'react'
import Taro, { useReady } from '@tarojs/taro'
import { View, Button, Audio } from '@tarojs/components'

export default function Chime() {
  const chime = useRef(null)
  useReady(() => {
    chime.current = Taro.createAudioContext('chime')
  })
  return (
    <View>
      <Audio id='chime' src=${JSON.stringify(CHIME)} />
      <Button id='ring' onClick={() => chime.current.play()}>Ring</Button>
      <Button id='hush' onClick={() => chime.current.pause()}>Hush</Button>
      <Button id='skip' onClick={() => chime.current.seek(4)}>Skip</Button>
    </View>
  )
}
`;
