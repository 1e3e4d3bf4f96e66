/**
 * "Nothing deprecated is left" must mean the whole list: a native mini-program that uses every
 * deprecated API of the table once (a page calling each member of wx, a canvas context from
 * createCanvasContext calling each of its methods and a gradient's, an AudioContext of an <audio>
 * the rewrite takes, a map context's translateMarker, and a component with every old lifecycle at
 * the top of its options), audited: every use is a place, migrated or for a person, each with its
 * reason, and no use goes unnamed or unexplained.
 */
import { describe, expect, it } from 'vitest';
import {
  LEGACY_API_NAMES,
  legacyApiRow,
  memberNameOf,
  migrationOf,
  OWNED_API_NAMES,
  ownedApisOf,
} from '../../src/rewrite/rules/legacy-apis';
import { auditedOnce } from './helpers';

/** A call of each API of the platform object, on wx, but createCanvasContext and createAudioContext (below). */
const PAGE_CALLS = LEGACY_API_NAMES.filter((api) => api !== 'createCanvasContext' && api !== 'createAudioContext').map(
  (api) => `    wx.${api}({})`,
);

/** The legacy canvas: every method of its context once, and a gradient's addColorStop. */
const CANVAS_CALLS = ownedApisOf('CanvasContext').map((api) =>
  memberNameOf(api) === 'createLinearGradient'
    ? `    const grd = ctx.createLinearGradient(0, 0, 1, 1)`
    : `    ctx.${memberNameOf(api)}()`,
);

const PAGE = [
  '// pages/index/index.js',
  'Page({',
  '  onLoad() {',
  ...PAGE_CALLS,
  '  },',
  '  onReady() {',
  "    const ctx = wx.createCanvasContext('poster', this)",
  ...CANVAS_CALLS,
  "    grd.addColorStop(0, 'red')",
  "    const bgm = wx.createAudioContext('bgm')",
  ...ownedApisOf('AudioContext').map((api) => `    bgm.${memberNameOf(api)}()`),
  "    wx.createMapContext('map').translateMarker({})",
  '  },',
  '})',
  '',
].join('\n');

const COMPONENT = [
  '// components/card/card.js',
  'Component({',
  ...ownedApisOf('Component').map((api) => `  ${memberNameOf(api)}() {},`),
  '  methods: {},',
  '})',
  '',
].join('\n');

const PROJECT: Record<string, string> = {
  'project.config.json': JSON.stringify({ miniprogramRoot: 'miniprogram/' }),
  'miniprogram/app.json': JSON.stringify({ pages: ['pages/index/index'] }),
  'miniprogram/app.js': 'App({})\n',
  'miniprogram/pages/index/index.js': PAGE,
  // the <audio> shows and tells nothing: its createAudioContext, and so its methods, are migrated
  'miniprogram/pages/index/index.wxml':
    '<audio id="bgm" src="/audio/bgm.mp3"></audio>\n<canvas canvas-id="poster"></canvas>\n',
  'miniprogram/components/card/card.js': COMPONENT,
};

describe('the audit over a project that uses every deprecated API once', () => {
  const audited = auditedOnce(PROJECT, { taro: false });

  it('finds every API of the table, each at its place', () => {
    const found = new Set(audited.result.findings.map((f) => f.api));
    expect([...LEGACY_API_NAMES, ...OWNED_API_NAMES].filter((api) => !found.has(api))).toEqual([]);
  });

  it('gives each place a verdict and a reason: migrated where the table migrates it, for a person otherwise', () => {
    for (const finding of audited.result.findings) {
      const where = `${finding.file}:${finding.line} ${finding.api}`;
      expect(finding.reason, where).toMatch(/\w{4,}/);
      const api = finding.api!;
      // createAudioContext's methods go with it, and it is migrated here
      const expected = migrationOf(api) === 'person' ? 'manual' : 'handled';
      expect(finding.status, `${where}: ${finding.reason}`).toBe(expected);
      if (expected === 'manual' && legacyApiRow(api)!.replacement)
        expect(finding.reason, where).toContain(legacyApiRow(api)!.replacement.split(' / ')[0]);
    }
  });

  it('leaves no place unexplained: nothing only the rewrite sees, nothing it cannot read', () => {
    const { rewriteOnly, failedFiles, skippedFiles, findings, needsPerson } = audited.result;
    expect(rewriteOnly).toEqual([]);
    expect(failedFiles).toEqual([]);
    expect(skippedFiles).toEqual([]);
    expect(needsPerson).toBe(findings.filter((f) => migrationOf(f.api!) === 'person').length);
  });
});
