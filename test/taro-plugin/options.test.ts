/**
 * The build plugin's options (src/taro-plugin/options.ts): its own checks, which name the option and
 * the allowed values, the runtime's rules for the recording options, and the joi schema Taro checks
 * them with again, which must agree.
 */
import fc from 'fast-check';
import Joi from 'joi';
import { describe, expect, it } from 'vitest';
import {
  decisionsKey,
  resolveOptions,
  optionsSchema,
  RECORD_OPTION_KEYS,
  rewriteOptionsOf,
} from '../../src/taro-plugin/options';
import { validateRecordOptions } from '../../src/shared/recording-options';
import { shownValue } from '../../src/rewrite/rules/given-values';
import { MIGRATION_FAMILIES, optionNamesOf, OptionsError } from '../../src/rewrite/light';

describe('options', () => {
  it('defaults: nothing for the runtime, default import source, not strict', () => {
    expect(resolveOptions(undefined)).toEqual({
      include: [],
      strict: false,
      importSource: 'record-compat-runtime',
      report: true,
      runtime: {},
    });
  });

  it('names an unknown option and lists the allowed ones', () => {
    expect(() => resolveOptions({ duration: 1000 })).toThrow(
      /invalid plugin options: unknown option "duration"; allowed options are importSource, families, parser, include, strict, report, durationMs, format,/,
    );
  });

  it('reports the runtime rule that a recording option breaks, in the runtime own words', () => {
    const bad = { sampleRate: 44100, encodeBitRate: 16000 };
    const runtimeSays = validateRecordOptions(bad);
    expect(runtimeSays).toBeTruthy();
    expect(() => resolveOptions(bad)).toThrow(
      `invalid plugin options: option ${runtimeSays!.replace(/^encodeBitRate/, '"encodeBitRate"')}`,
    );
    expect(() => resolveOptions({ numberOfChannels: 3 })).toThrow('option "numberOfChannels" must be 1 or 2, got 3');
  });

  it('checks the build options itself', () => {
    expect(() => resolveOptions({ strict: 'yes' })).toThrow('option "strict" must be true or false, got "yes"');
    expect(() => resolveOptions({ include: 'my-sdk' })).toThrow(/option "include" must be an array of package names/);
    expect(() => resolveOptions({ include: ['../evil'] })).toThrow(/option "include"/);
    expect(() => resolveOptions({ importSource: '' })).toThrow(
      /option "importSource" must be a module specifier: a package name/,
    );
    expect(() => resolveOptions({ deniedPrompt: { title: 1 } })).toThrow(
      /option "deniedPrompt" must be true, false or an object/,
    );
    expect(() => resolveOptions([])).toThrow('options must be a plain object ({ … }), got []');
  });

  it('families: the families of the API table, named in the message of a bad one', () => {
    expect(resolveOptions({ families: ['voice', 'record'] }).families).toEqual(['voice', 'record']);
    expect(resolveOptions({}).families).toBeUndefined();
    const allowed = `each one of ${MIGRATION_FAMILIES.map((f) => `'${f}'`)
      .join(', ')
      .replace(/, ([^,]*)$/, ' or $1')}`;
    expect(() => resolveOptions({ families: ['recording'] })).toThrow(
      `invalid plugin options: option "families" must be a list of families, ${allowed}, got ["recording"]`,
    );
    expect(() => resolveOptions({ families: 'record' })).toThrow(/option "families" must be a list of families/);
    expect(() => resolveOptions({ families: [] })).toThrow(/option "families" must be a list of families/);
    // The stack says nothing more than the message.
    try {
      resolveOptions({ families: ['recording'] });
    } catch (error) {
      expect((error as Error).stack).toBe(`OptionsError: ${(error as Error).message}`);
    }
  });

  it('passes only the recording options to the runtime', () => {
    const r = resolveOptions({
      durationMs: 30000,
      format: 'mp3',
      strict: true,
      include: ['@acme/voice'],
      deniedPrompt: { title: 'Mic' },
    });
    expect(r.runtime).toEqual({ durationMs: 30000, format: 'mp3', deniedPrompt: { title: 'Mic' } });
    expect(r.strict).toBe(true);
    expect(r.include).toEqual(['@acme/voice']);
    expect(Object.keys(r.runtime).every((k) => (RECORD_OPTION_KEYS as readonly string[]).includes(k))).toBe(true);
  });

  it("Taro's joi schema accepts and rejects the same shapes", () => {
    const schema = optionsSchema(Joi) as Joi.ObjectSchema;
    const samples: unknown[] = [
      {},
      { durationMs: 1000, format: 'aac', strict: true, include: ['a', '@b/c'], deniedPrompt: true },
      { deniedPrompt: { title: 't', content: 'c' } },
      { strict: 'no' },
      { include: 'x' },
      { families: ['record', 'background-audio'] },
      { families: ['record', 'nope'] },
      { families: [] },
      { other: 1 },
      { durationMs: -5 },
    ];
    for (const sample of samples) {
      let ours = true;
      try {
        resolveOptions(sample);
      } catch {
        ours = false;
      }
      expect({ sample, ok: !schema.validate(sample).error }).toEqual({ sample, ok: ours });
    }
  });
});

describe("the build's decisions in each file's rewrite options and in the bundlers' cache key", () => {
  const options = resolveOptions({});

  it('routeCanvasPixels reaches the rewrite options when the build moves a canvas, and changes the key', () => {
    expect(rewriteOptionsOf({ options, routeCanvasPixels: true })).toEqual({
      importSource: 'record-compat-runtime',
      routeRecorderManager: undefined,
      routeCanvasPixels: true,
    });
    expect(rewriteOptionsOf({ options, routeCanvasPixels: false })).not.toHaveProperty('routeCanvasPixels');
    const off = decisionsKey({ options, routeCanvasPixels: false });
    expect(decisionsKey({ options, routeCanvasPixels: true })).not.toBe(off);
    expect(decisionsKey({ options })).toBe(off);
    expect(decisionsKey({ options, routeBackgroundAudioManager: true })).not.toBe(
      decisionsKey({ options, routeCanvasPixels: true }),
    );
  });
});

/** An object whose one option is read by a getter that throws. */
function throwingGetter(name: string, message: string): object {
  return Object.defineProperty({}, name, {
    enumerable: true,
    get() {
      throw new Error(message);
    },
  });
}

/** Values JSON cannot write, or that look like what an option takes without being it. */
const ODD_VALUES: unknown[] = [
  NaN,
  Infinity,
  -Infinity,
  -0,
  null,
  10n,
  Symbol('s'),
  () => 1,
  Object.create(null),
  new Map([['title', 'x']]),
  new Date(0),
  // eslint-disable-next-line no-sparse-arrays -- a hole is what it holds
  [, 'my-sdk'],
  ['my-sdk', undefined],
  new Array(2),
  Object.assign(Object.create({ title: 't' }), {}),
  new Number(5),
];

describe('the one options gate (checkOptions), over any value', () => {
  const names = optionNamesOf('plugin');
  const schema = optionsSchema(Joi) as Joi.ObjectSchema;
  const anyValue = fc.oneof(
    fc.constantFrom(...ODD_VALUES),
    fc.anything({
      maxDepth: 2,
      withNullPrototype: true,
      withSparseArray: true,
      withBigInt: true,
      withBoxedValues: true,
      withMap: true,
      withSet: true,
      withDate: true,
      withTypedArray: true,
      withObjectString: true,
    }),
    fc.constantFrom(1000, 'aac', 'mp3', true, false, ['my-sdk'], ['record'], { title: 'Mic' }, 16000, 1),
  );
  const anyOptions = fc.oneof(
    anyValue,
    fc.dictionary(fc.constantFrom(...names, 'duration'), anyValue, { maxKeys: 3 }),
    fc.tuple(fc.constantFrom(...names), fc.string()).map(([name, message]) => throwingGetter(name, message)),
  );

  it("accepts only what Taro's joi schema accepts too; else an OptionsError naming the option, never another error", () => {
    fc.assert(
      fc.property(anyOptions, (raw) => {
        let error: unknown;
        try {
          resolveOptions(raw);
        } catch (thrown) {
          error = thrown;
        }
        if (error === undefined) {
          expect(schema.validate(raw).error, shownValue(raw)).toBeUndefined();
          return;
        }
        expect(error).toBeInstanceOf(OptionsError);
        expect((error as Error).message).toMatch(
          /^\[taro-plugin-record-compat\] (invalid plugin options: (options must be a plain object|unknown option "|option "\w+" (must|could not be read))|the parser is oxc)/,
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('names the option, says what it allows and shows the value as given: NaN is NaN, a hole is a hole, a getter that throws is named', () => {
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.constantFrom(...ODD_VALUES), (name, value) => {
        if (value === null && name === 'deniedPrompt') return;
        let message = '';
        try {
          resolveOptions({ [name]: value });
        } catch (error) {
          message = (error as Error).message;
        }
        // An empty object is a prompt of no texts (the defaults); every other value here is refused.
        if (name === 'deniedPrompt' && Object.getPrototypeOf(value as object) === null) return;
        expect(message).toMatch(new RegExp(`option "${name}" (must be .+|[^,]+), got `));
        expect(message.endsWith(`got ${shownValue(value)}`), message).toBe(true);
      }),
    );
    expect(() => resolveOptions({ durationMs: NaN })).toThrow(
      'option "durationMs" must be a positive number up to 9007199254740991, got NaN',
    );
    expect(() => resolveOptions({ durationMs: Infinity })).toThrow('got Infinity');
    // Past the safe integers, as Taro's joi refuses it too (a seed of the property above found it).
    expect(() => resolveOptions({ durationMs: 2 ** 53 })).toThrow('got 9007199254740992');
    expect(resolveOptions({ durationMs: Number.MAX_SAFE_INTEGER }).runtime.durationMs).toBe(Number.MAX_SAFE_INTEGER);
    // eslint-disable-next-line no-sparse-arrays -- a hole is what it holds
    expect(() => resolveOptions({ include: [, 'my-sdk'] })).toThrow('got [<no item>,"my-sdk"]');
    expect(() => resolveOptions(null)).toThrow('options must be a plain object ({ … }), got null');
    expect(() => resolveOptions(throwingGetter('durationMs', 'boom'))).toThrow(
      'invalid plugin options: option "durationMs" could not be read: its getter threw Error: boom',
    );
  });
});
