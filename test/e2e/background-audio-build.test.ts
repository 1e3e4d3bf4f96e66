/*
 * The build plugin's door for background audio, end to end: a copy of examples/taro-app (Taro 4,
 * React, webpack5) with a music page written the legacy way (`Taro.playBackgroundAudio`, the
 * state polled in a timer, pause, resume, seek, a natural end that starts the next track, stop)
 * beside the app's own `Taro.getBackgroundAudioManager()` with its own `onEnded`, built with the
 * plugin and driven in the mini-program host on a `wx` without the legacy functions. The same
 * app built without the plugin is the control. The copy shares the example's node_modules.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from './host/clock';
import { FakeWx } from './host/fake-wx';
import { MiniProgramHost } from './host/mini-host';
import { EXAMPLE, TMP, buildExample, ensureExample, type RunResult } from './helpers/example';

const APP = path.join(TMP, `background-audio-app-${process.pid}`);
const A = 'https://cdn.example.com/music/a.mp3';
const B = 'https://cdn.example.com/music/b.mp3';
const FILES = { [A]: 30_000, [B]: 10_000 };

const PAGE = `import { Component } from 'react'
import Taro from '@tarojs/taro'
import { View, Button, Text } from '@tarojs/components'

const SONGS = [${JSON.stringify(A)}, ${JSON.stringify(B)}]

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

const builds: Record<string, RunResult & { dist: string }> = {};

beforeAll(async () => {
  await ensureExample();
  fs.rmSync(APP, { recursive: true, force: true });
  fs.mkdirSync(APP, { recursive: true });
  for (const file of ['src', 'types', 'config', 'babel.config.js', 'tsconfig.json', 'project.config.json', 'package.json']) {
    if (fs.existsSync(path.join(EXAMPLE, file))) fs.cpSync(path.join(EXAMPLE, file), path.join(APP, file), { recursive: true });
  }
  fs.symlinkSync(path.join(EXAMPLE, 'node_modules'), path.join(APP, 'node_modules'), 'dir');
  fs.mkdirSync(path.join(APP, 'src/pages/music'), { recursive: true });
  fs.writeFileSync(path.join(APP, 'src/pages/music/index.jsx'), PAGE);
  fs.writeFileSync(path.join(APP, 'src/pages/music/index.config.ts'), "export default definePageConfig({ navigationBarTitleText: 'Music' })\n");
  const appConfig = path.join(APP, 'src/app.config.ts');
  fs.writeFileSync(appConfig, fs.readFileSync(appConfig, 'utf8').replace("'pages/index/index',", "'pages/index/index',\n    'pages/music/index',"));
  for (const [name, plugin] of [['plugin', true], ['noPlugin', false]] as const) {
    const b = await buildExample({ appDir: APP, platform: 'weapp', compiler: 'webpack5', out: `dist/e2e/music-${name}`, plugin });
    console.log(`[e2e] background audio: taro build weapp (webpack5${plugin ? '' : ', no plugin'}): ${(b.ms / 1000).toFixed(1)} s, exit ${b.code}`);
    if (b.code !== 0) throw new Error(`taro build failed:\n${b.output.slice(-6000)}`);
    builds[name] = b;
  }
}, 1_200_000);
afterAll(() => {
  fs.rmSync(APP, { recursive: true, force: true });
});

async function open(name: string) {
  const clock = new FakeClock();
  const wx = new FakeWx({ clock, permission: true, legacyApi: false, backgroundFiles: FILES });
  const host = new MiniProgramHost({ distDir: builds[name]!.dist, wx, clock });
  await host.launch();
  const page = await host.open('pages/music/index');
  return { host, page, manager: wx.backgroundAudio };
}

describe('a Taro 4 app built with the plugin (webpack5), on a wx without the legacy functions', () => {
  it('the summary counts the background-audio calls and the routed manager', () => {
    // The example's own record and voice calls come first; the music page adds six legacy calls and the app's own manager.
    expect(builds.plugin!.output).toMatch(/rewrote .*, 6 background-audio calls, .*1 app's own getBackgroundAudioManager use in \d+ files; nothing left for manual review/);
  });

  it('plays, polls, pauses, resumes, seeks, goes on to the next track at the end, stops; the app keeps its own onEnded', async () => {
    const { host, page, manager } = await open('plugin');
    page.tap('play');
    await host.wait(3_100);
    expect(manager.title).toBe('a.mp3');
    expect(page.textOf('status')).toBe('1');
    page.tap('pause');
    await host.wait(1_100);
    expect(page.textOf('status')).toBe('0');
    page.tap('play');
    await host.wait(1_100);
    expect(page.textOf('status')).toBe('1');
    expect(manager.log.filter((l) => l === `set src ${A}`)).toHaveLength(1);
    page.tap('seek');
    await host.wait(1_000);
    expect(Number(page.textOf('position'))).toBeGreaterThanOrEqual(25);
    page.tap('auto');
    await host.wait(5_000);
    // The natural end: the legacy Stop listener and the app's own onEnded both ran.
    expect(page.textOf('stops')).toBe('1');
    expect(page.textOf('ownEnded')).toBe('1');
    await host.wait(1_000);
    expect(page.textOf('index')).toBe('1');
    expect(manager.src).toBe(B);
    page.tap('stop');
    await host.wait(1_100);
    expect(page.textOf('status')).toBe('2');
    expect(page.textOf('errors')).toBe('');
    expect(host.errors).toEqual([]);
  });

  it('the control: built without the plugin, the page fails on the same wx', async () => {
    const { host } = await open('noPlugin');
    expect(String(host.errors.flat().join(' '))).toMatch(/onBackgroundAudioStop is not a function/);
  });
});
