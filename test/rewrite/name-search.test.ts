import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LEGACY_API_NAMES,
  LEGACY_NAME_PATTERN,
  LEGACY_RECORD_APIS,
  LEGACY_RECORD_NAME_PATTERN,
  ROUTED_APP_APIS,
} from '../../src/rewrite/rules/legacy-apis';
import { nameSearch } from '../../src/rewrite/rules/name-search';
import {
  mightContainLegacyCall,
  mightContainLegacyCallBytes,
  mightContainLegacyRecordCall,
} from '../../src/rewrite/rules/prefilter';
import { rng } from '../../scripts/lib/rng.mjs';

const ALL_NAMES = [...LEGACY_API_NAMES, ...ROUTED_APP_APIS];

/** Texts built from pieces of the names (prefixes, suffixes, whole names), other words and non-ASCII characters. */
function randomTexts(count: number): string[] {
  const rand = rng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const pieces = [
    ' ',
    '.',
    'wx',
    'Taro',
    '(',
    ')',
    '"',
    '录音',
    'é',
    '\uFFFD',
    'Record',
    'Voice',
    'Audio',
    'Recorder',
    'Background',
    'start',
    'stop',
    'play',
    'get',
  ];
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = '';
    const parts = Math.floor(rand() * 12);
    for (let j = 0; j < parts; j++) {
      const r = rand();
      if (r < 0.15) {
        const name = pick(ALL_NAMES);
        const a = Math.floor(rand() * name.length);
        const b = a + Math.floor(rand() * (name.length - a + 1));
        text += rand() < 0.3 ? name : name.slice(a, b);
      } else text += pick(pieces);
    }
    texts.push(text);
  }
  return texts;
}

describe('nameSearch: the pre-filter without a regular expression', () => {
  const texts = [
    '',
    'wx.startRecord()',
    'startRecor',
    'tartRecord',
    'Taro.getRecorderManager()',
    'getRecorderManage',
    "wx['stopBackgroundAudio']",
    'stopBackgroundAudi',
    'Record<string, unknown> playVoic pauseVoice',
    'onBackgroundAudioPlay',
    'onBackgroundAudio',
    '录音 startRecord',
    ...randomTexts(6000),
  ];

  it('answers as the regular expressions of the table do, on text and on UTF-8 bytes', () => {
    const cases: [RegExp, (t: string) => boolean, ((b: Buffer) => boolean) | null][] = [
      [LEGACY_NAME_PATTERN, (t) => mightContainLegacyCall(t), (b) => mightContainLegacyCallBytes(b)],
      [
        new RegExp([...LEGACY_API_NAMES, 'getRecorderManager'].join('|')),
        (t) => mightContainLegacyCall(t, { routeRecorderManager: true }),
        (b) => mightContainLegacyCallBytes(b, { routeRecorderManager: true }),
      ],
      [LEGACY_RECORD_NAME_PATTERN, mightContainLegacyRecordCall, null],
    ];
    let positives = 0;
    for (const text of texts) {
      for (const [pattern, inText, inBytes] of cases) {
        const expected = pattern.test(text);
        if (expected) positives++;
        expect(inText(text), text).toBe(expected);
        if (inBytes) {
          // also as part of a larger buffer, as the CLI reads into one
          const bytes = Buffer.from(`xx${text}yy`, 'utf8');
          expect(inBytes(bytes.subarray(2, bytes.length - 2)), text).toBe(expected);
          expect(inBytes(Buffer.from(text, 'utf8')), text).toBe(expected);
        }
      }
    }
    expect(positives).toBeGreaterThan(1000);
  });

  it('covers every name by an anchor, even names with nothing in common', () => {
    const search = nameSearch(['ab', 'startRecord', 'xyzzyQuux', 'onBackgroundAudioStop']);
    for (const name of search.names) {
      expect(search.inText(`(${name})`)).toBe(true);
      expect(search.inBytes(Buffer.from(`(${name})`))).toBe(true);
      expect(search.inText(name.slice(1))).toBe(false);
      expect(search.inBytes(Buffer.from(name.slice(0, -1)))).toBe(false);
    }
    expect(search.inText('a b xyzzyQuu')).toBe(false);
    expect(() => nameSearch(['录音'])).toThrow(/ASCII/);
    expect(LEGACY_RECORD_APIS.length).toBeGreaterThan(0);
  });
});

describe('the pre-filter and the old lifecycles of Component({ … })', () => {
  it('lets through a registration with a top-level lifecycle, in text and in bytes, and not a React class or other code', () => {
    const holds = [
      'Component({\n  attached() {},\n})',
      'Behavior({ detached: function () {} })',
      'Component({ error(e) { console.log(e) } })',
    ];
    const holdsNot = [
      'class Page extends Component {\n  componentDidMount() {}\n}',
      'Component({ methods: { tap() {} } })',
      'const ready = true; attached()',
      'export const PageComponent = 1',
    ];
    for (const text of holds) {
      expect(mightContainLegacyCall(text), text).toBe(true);
      expect(mightContainLegacyCallBytes(Buffer.from(text)), text).toBe(true);
    }
    for (const text of holdsNot) {
      expect(mightContainLegacyCall(text), text).toBe(false);
      expect(mightContainLegacyCallBytes(Buffer.from(text)), text).toBe(false);
    }
  });
});

describe('nameSearch on any names and any text (fast-check)', () => {
  it('answers as a regular expression of the names does, on text and on UTF-8 bytes', () => {
    const name = fc.string({ unit: fc.constantFrom(...'abcdeABCDE0_$'), minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(
        fc.array(name, { minLength: 1, maxLength: 8 }),
        fc.array(fc.oneof(fc.string({ unit: fc.constantFrom(...'abcdeABCDE0_$ .\n录é') }), fc.nat()), {
          maxLength: 12,
        }),
        (names, parts) => {
          // pieces of the names among other characters, so that near misses and matches are common
          const text = parts
            .map((part) => (typeof part === 'number' ? names[part % names.length]!.slice(part % 3) : part))
            .join('');
          const escaped = names.map((n) => n.replace(/[$]/g, '\\$'));
          const expected = new RegExp(escaped.join('|')).test(text);
          const search = nameSearch(names);
          expect(search.inText(text)).toBe(expected);
          expect(search.inBytes(Buffer.from(text, 'utf8'))).toBe(expected);
        },
      ),
      { numRuns: Math.max(2000, Number(process.env.FC_RUNS) || 0) },
    );
  });
});
