/**
 * What git tracks is source: no build output, no tool caches (SWC keeps a compiled
 * plugin of several MB in `.swc/` next to a Taro app), no binaries. And the docs it tracks
 * say what the code does where a test can read both: the command lines they show parse, the
 * options, report fields and messages they list are the code's, and the Chinese README names
 * what the English one names, section by section.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../src/cli/options';
import {
  checkOptions,
  cliFlagOf,
  optionNamesOf,
  OptionsError,
  SKIPPED_FOLDERS,
  type OptionDoor,
  type OptionName,
} from '../src/rewrite/light';
import {
  familyOf,
  KIND_LABELS,
  LEGACY_API_TABLE,
  memberNameOf,
  MIGRATION_FAMILIES,
  type LegacyApiRow,
} from '../src/rewrite/rules/legacy-apis';
import { assertBuilt, makeProject, runJson } from './cli/helpers';
import { ROOT } from './helpers/paths';

/** Folders that hold what a tool made, never what a person wrote. */
const GENERATED = new Set(['.swc', '.cache', '.tmp', 'node_modules', 'dist', 'coverage']);

const tracked = (): string[] =>
  execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);

/** Git's own test: a NUL byte in the first 8000 bytes makes a file binary. */
function isBinary(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(8000);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, n).includes(0);
  } finally {
    fs.closeSync(fd);
  }
}

describe('the repository', () => {
  const files = tracked();

  it('tracks files (git ls-files works here)', () => {
    expect(files).toContain('package.json');
  });

  it('tracks no build output or tool cache', () => {
    expect(
      files.filter((f) =>
        f
          .split('/')
          .slice(0, -1)
          .some((dir) => GENERATED.has(dir)),
      ),
    ).toEqual([]);
  });

  it('tracks no binary file', () => {
    // a file deleted in the work tree but still in the index is not ours to judge here
    expect(files.filter((f) => fs.existsSync(path.join(ROOT, f)) && isBinary(path.join(ROOT, f)))).toEqual([]);
  });

  it('points to no issue by its number: the tracker is not part of the repository, so the reason is written out where it is needed', () => {
    const text = files.filter(
      (f) =>
        /\.(ts|mts|cts|js|mjs|cjs|md|json|ya?ml)$/.test(f) &&
        f !== 'package-lock.json' &&
        fs.existsSync(path.join(ROOT, f)),
    );
    const pointers = text.flatMap((f) =>
      [...fs.readFileSync(path.join(ROOT, f), 'utf8').matchAll(/\bissues? #?\d+/gi)].map((m) => `${f}: ${m[0]}`),
    );
    expect(pointers).toEqual([]);
  });
});

/** A package-lock.json (lockfileVersion 3): each installed folder with what its package.json declares. */
interface LockEntry {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, unknown>;
}

/** Where Node finds `name` from the folder `at` of the lock: its own node_modules, then each folder above. */
function lockedFolderOf(packages: Record<string, LockEntry>, at: string, name: string): string | undefined {
  for (
    let from = at;
    ;
    from = from.includes('/node_modules/') ? from.slice(0, from.lastIndexOf('/node_modules/')) : ''
  ) {
    const candidate = from === '' ? `node_modules/${name}` : `${from}/node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (from === '') return undefined;
  }
}

describe('package-lock.json', () => {
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
    lockfileVersion: number;
    packages: Record<string, LockEntry>;
  };
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as LockEntry;

  it('declares at its root what package.json declares (npm ci refuses a lock out of step with it)', () => {
    const fields = [
      'dependencies',
      'devDependencies',
      'optionalDependencies',
      'peerDependencies',
      'peerDependenciesMeta',
    ] as const;
    const pick = (entry: LockEntry) =>
      Object.fromEntries(fields.filter((field) => entry[field] !== undefined).map((field) => [field, entry[field]]));
    expect(pick(lock.packages[''])).toEqual(pick(pkg));
  });

  it("locks every dependency and optional dependency of every locked package, for every platform, as npm writes a lock (npm ci refused one without the other platforms' native bindings)", () => {
    expect(lock.lockfileVersion).toBe(3);
    const missing = Object.entries(lock.packages).flatMap(([at, entry]) =>
      Object.keys({ ...entry.dependencies, ...entry.optionalDependencies, ...(at === '' ? entry.devDependencies : {}) })
        .filter((name) => lockedFolderOf(lock.packages, at, name) === undefined)
        .map((name) => `${at || '(root)'} -> ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it("lets a project on any ESLint install the package: no eslint peer range (npm refuses to install beside an ESLint outside one, optional or not, as a Taro 1/2 project's ESLint 5 is)", () => {
    expect(Object.keys(pkg.peerDependencies ?? {})).not.toContain('eslint');
  });
});

/** A doc's text with its line breaks and runs of spaces as one space, as a reader takes a wrapped quote. */
const prose = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/\s+/g, ' ');

/** The paragraph of a doc that starts with `opening`, up to the next blank line. */
function paragraph(file: string, opening: string): string {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const start = text.indexOf(opening);
  expect(start, `${file}: a paragraph starting with ${opening}`).toBeGreaterThanOrEqual(0);
  const end = text.indexOf('\n\n', start);
  return text.slice(start, end === -1 ? undefined : end);
}

/** The text of a doc from `from` to the next `to`. */
function between(file: string, from: string, to: string): string {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const start = text.indexOf(from);
  const end = text.indexOf(to, start + from.length);
  expect(start >= 0 && end > start, `${file}: ${from} … ${to}`).toBe(true);
  return text.slice(start, end);
}

/**
 * Where the docs list each door's options (src/rewrite/rules/options-schema.ts says which door reads
 * which): the build plugin's page, the codemod's, the ESLint rule's, and the Babel plugin's
 * paragraph on the other toolchains' page (every option of the rewrite itself).
 */
const OPTION_PLACES: Record<OptionDoor, [file: string, from: string, to: string]> = {
  plugin: ['docs/build-plugin.md', '## Set-up and what it does', '## Taro 2.2 and Taro 1'],
  cli: ['docs/codemod.md', '## Options', '## Output'],
  eslint: ['docs/rules/no-deprecated-api.md', '## Options, and the details', '## What it reports, and what to do'],
  engine: ['docs/other-toolchains.md', '- **Babel 7:**', '- **jscodeshift:**'],
};

/**
 * A Markdown file cut at its `##` and `###` headings (not those in code blocks), the text before the first one
 * included.
 */
function sectionsOf(file: string): string[] {
  const sections: string[][] = [[]];
  let code = false;
  for (const line of fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n')) {
    if (line.startsWith('```')) code = !code;
    if (!code && /^#{2,3} /.test(line)) sections.push([]);
    sections[sections.length - 1].push(line);
  }
  return sections.map((lines) => lines.join('\n'));
}

/** What a translation keeps as it is: the repository's paths, command-line options, version numbers. */
/**
 * Does `text` name the table's row: by its name; a member of another object (`CanvasContext.arc`) also by the member's
 * own name, and a field of Component()'s options by the field it moves under (`lifetimes`).
 */
function namesRow(text: string, row: LegacyApiRow): boolean {
  return (
    text.includes(row.name) ||
    (row.owner !== undefined && text.includes(memberNameOf(row.name))) ||
    (row.movedUnder !== undefined && text.includes(row.movedUnder))
  );
}

function untranslated(text: string): string[] {
  const found = [
    ...text.matchAll(/(?<![\w/.-])((?:src|test|examples|docs|scripts|packages|transforms)\/[\w./-]*\w)/g),
    ...text.matchAll(/(?<![\w-])(--[a-z][\w-]+)/g),
    ...text.matchAll(/(?<![\w.])(\d+\.\d+\.\d+)(?![\w]|\.\d)/g),
  ].map((m) => m[1]);
  return [...new Set(found)].sort();
}

/** The Markdown a user or a contributor reads (the fixtures' and the tests' own notes aside). */
const docs = (): string[] =>
  tracked().filter((f) => f.endsWith('.md') && !f.startsWith('__testfixtures__/') && !f.startsWith('test/'));

/**
 * Every `npx taro-plugin-record-compat …` a doc shows, but a usage line (`[paths...]`,
 * `<git-ref>`): the words after the command, with the file and line. A path in such a command
 * is written as one (`src/`, `a.js`), so that a bare word is a subcommand or nothing.
 */
function documentedCommandLines(): { where: string; argv: string[] }[] {
  return docs().flatMap((file) =>
    fs
      .readFileSync(path.join(ROOT, file), 'utf8')
      .split('\n')
      .flatMap((line, i) =>
        [...line.matchAll(/npx taro-plugin-record-compat((?:[ \t]+[^\s`#|)]+)*)/g)]
          .map((m) => m[1].trim())
          .filter((args) => !/[[<…]/.test(args))
          .map((args) => ({ where: `${file}:${i + 1}`, argv: args === '' ? [] : args.split(/\s+/) })),
      ),
  );
}

describe('the docs', () => {
  it('show command lines that the CLI takes as they are written', () => {
    const lines = documentedCommandLines();
    // The docs were read: the README's first migration is among them.
    expect(lines.map((l) => l.argv.join(' '))).toContain('--dry --print');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-doc-commands-'));
    try {
      // Whatever looks like a path exists, so that only the words themselves can be wrong.
      for (const { argv } of lines) {
        for (const word of argv.filter((w) => !w.startsWith('-') && /[./]/.test(w))) {
          const target = path.join(dir, word);
          if (/\.[a-z]+$/.test(word)) {
            fs.mkdirSync(path.dirname(target), { recursive: true });
            fs.writeFileSync(target, '');
          } else fs.mkdirSync(target, { recursive: true });
        }
      }
      const refused = lines.flatMap(({ where, argv }) => {
        try {
          const parsed = parseCommandLine(argv, dir, '0.0.0');
          return parsed.kind === 'exit' && parsed.code !== 0
            ? [`${where}: ${argv.join(' ')}: ${parsed.stderr.trim()}`]
            : [];
        } catch (err) {
          return [`${where}: ${argv.join(' ')}: ${(err as Error).message}`];
        }
      });
      expect(refused).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('quote the words a bad option value gets from the CLI and from the doors that check options themselves', () => {
    const cli = parseCommandLine(['--parser', 'swc'], ROOT, '0.0.0');
    expect(cli.kind).toBe('exit');
    const cliWords = cli.kind === 'exit' ? cli.stderr.split('\n')[0] : '';
    // The build plugin, the transforms and the ESLint rule: their words after the door's own prefix.
    let optionWords = '';
    try {
      checkOptions({ parser: 'swc' }, 'eslint');
    } catch (err) {
      optionWords = (err as OptionsError).detail.replace(/^invalid [^:]+: /, '');
    }
    expect(optionWords).toMatch(/^option "parser" must be/);
    for (const words of [cliWords, optionWords])
      expect(prose('docs/codemod.md').includes(words), `docs/codemod.md quotes: ${words}`).toBe(true);
  });

  it("name every field of the CLI's --json report, in docs/codemod.md", () => {
    assertBuilt();
    const dir = makeProject({ 'package.json': '{}\n', 'pages/p.js': 'wx.startRecord()\n' });
    try {
      const { report } = runJson(dir, ['--dry']);
      expect(report.files).toHaveLength(1);
      const fields = [report, report.runtime, report.git, report.summary, report.files[0]].flatMap((o) =>
        Object.keys(o),
      );
      const text = paragraph('docs/codemod.md', '`--json` prints one object:');
      expect(fields.filter((field) => !text.includes(`\`${field}\``))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("name every option each door takes where they list that door's options", () => {
    for (const [door, [file, from, to]] of Object.entries(OPTION_PLACES) as [OptionDoor, [string, string, string]][]) {
      const text = between(file, from, to);
      const spelled = (name: OptionName) => (door === 'cli' ? `\`--${cliFlagOf(name)}` : `\`${name}\``);
      expect(
        optionNamesOf(door).filter((name) => !text.includes(spelled(name))),
        `${file}, ${door}`,
      ).toEqual([]);
    }
  });

  it("have the README's build plugin options table, in each language, name exactly the options the plugin takes", () => {
    const tables = { 'README.md': '### Build plugin options', 'README.zh-CN.md': '### 编译插件的选项' };
    for (const [file, heading] of Object.entries(tables)) {
      const rows = between(file, heading, '\n## ')
        .split('\n')
        .filter((line) => /^\| `/.test(line));
      const named = rows.flatMap((row) => [...row.split('|')[1].matchAll(/`(\w+)`/g)].map((m) => m[1]));
      expect(named.sort(), file).toEqual([...optionNamesOf('plugin')].sort());
    }
  });

  it('name every family the families option takes, with what it holds, where each door lists its options and in --help', () => {
    const places = {
      'docs/codemod.md': paragraph('docs/codemod.md', '**Families.**'),
      ...Object.fromEntries(
        (Object.entries(OPTION_PLACES) as [OptionDoor, [string, string, string]][]).map(([door, [file, from, to]]) => [
          `${file}, ${door}`,
          between(file, from, to),
        ]),
      ),
      '--help': ((parsed) => (parsed.kind === 'exit' ? parsed.stdout : ''))(
        parseCommandLine(['--help'], ROOT, '0.0.0'),
      ),
    };
    for (const [where, text] of Object.entries(places))
      expect(
        MIGRATION_FAMILIES.filter((family) => !text.includes(family)),
        where,
      ).toEqual([]);
    // The paragraph says which APIs each family holds: one of each of its rows.
    const families = paragraph('docs/codemod.md', '**Families.**');
    expect(
      MIGRATION_FAMILIES.filter(
        (family) => !LEGACY_API_TABLE.some((row) => familyOf(row.name) === family && namesRow(families, row)),
      ),
    ).toEqual([]);
  });

  it('have a Chinese README with the sections of the English one, each naming the same paths, options and versions', () => {
    const en = sectionsOf('README.md');
    const zh = sectionsOf('README.zh-CN.md');
    expect(zh.length).toBe(en.length);
    const differences = en.flatMap((section, i) => {
      const [ours, theirs] = [untranslated(section), untranslated(zh[i])];
      const missing = ours.filter((x) => !theirs.includes(x));
      const extra = theirs.filter((x) => !ours.includes(x));
      return missing.length + extra.length > 0
        ? [
            `${section.split('\n')[0] || '(the top)'}: only in README.md ${missing.join(' ')}; only in README.zh-CN.md ${extra.join(' ')}`,
          ]
        : [];
    });
    expect(differences).toEqual([]);
    // The APIs the English README names, the Chinese one names too.
    const apis = (file: string) =>
      [
        ...new Set(
          fs
            .readFileSync(path.join(ROOT, file), 'utf8')
            .match(
              /\b(?:start|stop|play|pause|seek|get|on|create)(?:Record|Voice|Background|Recorder|Audio|Inner)\w*/g,
            ),
        ),
      ].sort();
    expect(apis('README.zh-CN.md')).toEqual(apis('README.md'));
  });

  it("have the CLI's --help and audit --help name every family of the table, by an API or by its name", () => {
    const help = (argv: string[]) => {
      const parsed = parseCommandLine(argv, ROOT, '0.0.0');
      return parsed.kind === 'exit' ? parsed.stdout : '';
    };
    const families = [
      ...new Set(LEGACY_API_TABLE.filter((row) => !('onlyWithLegacyCalls' in row)).map((row) => row.kind)),
    ];
    for (const text of [help(['--help']), help(['audit', '--help'])]) {
      expect(text).toMatch(/^Usage: /);
      // 'the background-audio API': the words of the summaries' label ('background-audio call').
      const named = (kind: (typeof families)[number]) =>
        text.includes(KIND_LABELS[kind].replace(/ \w+$/, ' API')) ||
        LEGACY_API_TABLE.some((row) => row.kind === kind && namesRow(text, row));
      expect(families.filter((kind) => !named(kind))).toEqual([]);
    }
  });

  it.each(['.', 'packages/runtime', 'packages/eslint-plugin-record-compat'])(
    "have %s's package.json description and keywords, and its README, name an API of every family it serves (what a registry search finds)",
    (dir) => {
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8')) as {
        description: string;
        keywords: string[];
      };
      // The runtime package serves the families it has code for; the tool and the rule, every family of the table.
      const served = LEGACY_API_TABLE.filter(
        (row) => !('onlyWithLegacyCalls' in row) && (dir !== 'packages/runtime' || 'runtimeExport' in row),
      );
      const families = [...new Set(served.map((row) => row.kind))];
      const readme = fs.readFileSync(path.join(ROOT, dir, 'README.md'), 'utf8');
      for (const words of [pkg.description, pkg.keywords.join(' '), readme]) {
        expect(families.filter((kind) => !served.some((row) => row.kind === kind && namesRow(words, row)))).toEqual([]);
      }
    },
  );

  it("name every folder the walks skip, in the CLI's --help, docs/codemod.md and docs/audit.md", () => {
    const parsed = parseCommandLine(['--help'], ROOT, '0.0.0');
    const texts = {
      '--help': parsed.kind === 'exit' ? parsed.stdout : '',
      'docs/codemod.md': prose('docs/codemod.md'),
      'docs/audit.md': prose('docs/audit.md'),
    };
    for (const [where, text] of Object.entries(texts))
      expect(
        [...SKIPPED_FOLDERS].filter((folder) => !new RegExp(`\\b${folder}\\b`).test(text)),
        where,
      ).toEqual([]);
  });
});
