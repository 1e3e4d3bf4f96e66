/**
 * The ESLint rule's recipes, run as a user runs them: each snippet the rule's page
 * (docs/rules/no-deprecated-api.md) marks with `<!-- test: NAME [FILE] -->` is read from the page
 * itself, its install line links the packages it names into a fresh project (from this
 * repository: the package itself, the small eslintrc package, ESLint and the parsers this
 * repository has installed), its config is written as given, and each of
 * its command lines runs as written, with the ESLint it names (`npx eslint` the project's own,
 * `npx eslint@9` a separate ESLint 9). On a Taro 3 project (TSX and JSX) with ESLint 9's flat
 * config and with ESLint 8's eslintrc, on a Taro 2 project (decorators, class properties; its
 * own ESLint is 5) and on a native mini-program WeChat loads as it is, with the standalone config:
 * it reports the legacy calls, and `--fix` writes the codemod's bytes (the native one names the
 * codemod's command and fixes nothing, as an import of the package would not resolve there).
 *
 * Uses dist/ (npm run build): the project's node_modules/taro-plugin-record-compat is this repository.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertBuilt, migrateInProcess } from '../cli/helpers';
import { ROOT } from '../helpers/paths';
import { makeTempProject, removeTempProjects, snapshot, type Tree } from '../helpers/temp-project';

afterAll(removeTempProjects);

const RULE = 'record-compat/no-deprecated-api';

interface Snippet {
  name: string;
  /** The file the snippet is, where the marker names one (a config). */
  file?: string;
  lang: string;
  text: string;
}

/** Where the recipes are written: the rule's page, which its meta.docs.url points to. */
const RECIPES_PAGE = 'docs/rules/no-deprecated-api.md';

/** The marked snippets of a doc, by name. */
function snippetsOf(doc: string): Map<string, Snippet> {
  const text = fs.readFileSync(path.join(ROOT, doc), 'utf8');
  const snippets = new Map<string, Snippet>();
  for (const m of text.matchAll(/<!-- test: ([\w-]+)(?: (\S+))? -->\n+```(\w*)\n([\s\S]*?)\n```/g)) {
    expect(snippets.has(m[1]), `${doc}: one snippet named ${m[1]}`).toBe(false);
    snippets.set(m[1], { name: m[1], file: m[2], lang: m[3], text: m[4] });
  }
  return snippets;
}

const SNIPPETS = snippetsOf(RECIPES_PAGE);
const snippet = (name: string): Snippet => {
  const found = SNIPPETS.get(name);
  if (!found) throw new Error(`${RECIPES_PAGE} has no snippet marked <!-- test: ${name} -->`);
  return found;
};

/** The words of each command line of a bash snippet, comments left out. */
function commandLines(name: string): string[][] {
  return snippet(name)
    .text.split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '')
    .map((line) => line.split(/\s+/));
}

const ESLINT_9 = path.join(ROOT, 'node_modules', 'eslint');
const ESLINT_8 = path.join(ROOT, 'node_modules', 'eslint8');

/** A package as `npm install` would put it into the project, from what this repository has. */
function install(project: string, spec: string, eslint: string, field: 'dependencies' | 'devDependencies'): void {
  const name = spec.replace(/(?<=.)@[^/]*$/, '');
  const target = path.join(project, 'node_modules', name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (name === 'taro-plugin-record-compat') fs.symlinkSync(ROOT, target, 'dir');
  else if (name === 'record-compat-runtime') fs.symlinkSync(path.join(ROOT, 'packages', 'runtime'), target, 'dir');
  // Copied, as npm installs it: its require() of taro-plugin-record-compat resolves from the project.
  else if (name === 'eslint-plugin-record-compat')
    fs.cpSync(path.join(ROOT, 'packages', name), target, { recursive: true });
  else if (name === 'eslint') fs.symlinkSync(eslint, target, 'dir');
  else {
    const from = path.join(ROOT, 'node_modules', name);
    expect(fs.existsSync(from), `${spec}, which the rule's page installs, is one of this repository's packages`).toBe(
      true,
    );
    fs.symlinkSync(from, target, 'dir');
  }
  const pkgFile = path.join(project, 'package.json');
  const pkg = fs.existsSync(pkgFile) ? JSON.parse(fs.readFileSync(pkgFile, 'utf8')) : {};
  pkg[field] = { ...pkg[field], [name]: '*' };
  fs.writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
}

/**
 * Runs the install lines of a snippet in the project: `npm install --save-dev …` as devDependencies, `npm install …` as
 * dependencies.
 */
function runInstall(project: string, name: string, eslint: string): void {
  for (const words of commandLines(name)) {
    expect(words.slice(0, 2), `${name}: ${words.join(' ')}`).toEqual(['npm', 'install']);
    const dev = words[2] === '--save-dev';
    for (const spec of words.slice(dev ? 3 : 2))
      install(project, spec, eslint, dev ? 'devDependencies' : 'dependencies');
  }
}

/** Writes the config snippet as the file its marker names. */
function writeConfig(project: string, name: string): void {
  const { file, text } = snippet(name);
  expect(file, `${name}: the marker names the file`).toBeDefined();
  fs.writeFileSync(path.join(project, file!), `${text}\n`);
}

interface Lint {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * A command line of the rule's page, run as written: `npx eslint` is the project's ESLint, `npx eslint@9` a separate
 * ESLint 9.
 */
function runEslint(project: string, words: string[], extra: string[] = []): Lint {
  expect(words[0], words.join(' ')).toBe('npx');
  const eslint =
    words[1] === 'eslint@9'
      ? ESLINT_9
      : words[1] === 'eslint'
        ? path.join(project, 'node_modules', 'eslint')
        : undefined;
  expect(eslint, `${words.join(' ')}: an ESLint this test knows`).toBeDefined();
  expect(fs.existsSync(eslint!), `${words.join(' ')}: installed by the recipe`).toBe(true);
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  delete env.ESLINT_USE_FLAT_CONFIG; // each ESLint in its own default mode
  return spawnSync(process.execPath, [path.join(eslint!, 'bin', 'eslint.js'), ...words.slice(2), ...extra], {
    cwd: project,
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
}

/** The project's scripts, by path (node_modules and the recipe's config left out). */
const scripts = (dir: string) =>
  snapshot(dir, (rel, isFolder) =>
    isFolder ? path.basename(rel) !== 'node_modules' : /\.[jt]sx?$/.test(rel) && !/config\.js$/.test(rel),
  );

const TARO3: Tree = {
  'package.json': JSON.stringify(
    {
      name: 'taro3-app',
      private: true,
      dependencies: { '@tarojs/taro': '3.6.23', '@tarojs/components': '3.6.23', react: '^18.2.0' },
    },
    null,
    2,
  ),
  'src/pages/index/index.tsx': `import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Button } from '@tarojs/components'

export default function Index() {
  const [file, setFile] = useState<string>('')
  const record = () => {
    Taro.startRecord({ success: (res: Taro.startRecord.SuccessCallbackResult) => setFile(res.tempFilePath) })
  }
  return <View><Button onClick={record}>录音</Button>{file}</View>
}
`,
  'src/components/Player.jsx': `import Taro from '@tarojs/taro'
import { Text } from '@tarojs/components'

export default function Player({ path }) {
  return <Text onClick={() => Taro.playVoice({ filePath: path })}>▶</Text>
}
`,
  'src/utils/format.ts': 'export const pad = (n: number): string => (n < 10 ? `0${n}` : `${n}`)\n',
};

/** A Taro 2 project as its template made it: its own ESLint 5 and config, decorators and class properties. */
const TARO2: Tree = {
  'package.json': JSON.stringify(
    {
      name: 'taro2-app',
      private: true,
      dependencies: { '@tarojs/taro': '2.2.22', '@tarojs/redux': '2.2.22' },
      devDependencies: { eslint: '^5.16.0', 'babel-eslint': '^8.2.3', 'eslint-config-taro': '2.2.22' },
    },
    null,
    2,
  ),
  '.eslintrc': JSON.stringify(
    {
      extends: ['taro'],
      parser: 'babel-eslint',
      rules: { 'no-unused-vars': ['error', { varsIgnorePattern: 'Taro' }] },
    },
    null,
    2,
  ),
  'src/pages/index/index.jsx': `import Taro, { Component } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { connect } from '@tarojs/redux'

@connect(({ notes }) => ({ notes }))
export default class Index extends Component {
  config = { navigationBarTitleText: '录音' }

  onStart = () => {
    // eslint-disable-next-line no-console
    console.log('start')
    Taro.startRecord({ success: (res) => this.setState({ file: res.tempFilePath }) })
  }

  render () {
    return <View onClick={this.onStart}>录音</View>
  }
}
`,
};

/** A native mini-program WeChat loads as it is, with no package.json before the recipe's install. */
const NATIVE: Tree = {
  'project.config.json': JSON.stringify(
    { miniprogramRoot: './', compileType: 'miniprogram', appid: 'touristappid' },
    null,
    2,
  ),
  'app.json': JSON.stringify({ pages: ['pages/voice/voice'] }, null, 2),
  'app.js': 'App({})\n',
  'pages/voice/voice.js': `// pages/voice/voice.js
Page({
  onHold() {
    wx.startRecord({ success: (res) => this.setData({ file: res.tempFilePath }) })
  },
  onRelease() {
    wx.stopRecord()
  },
  onPlay() {
    wx.playVoice({ filePath: this.data.file })
  }
})
`,
};

describe("the rule's page marks its ESLint recipes", () => {
  it('each of them', () => {
    expect([...SNIPPETS.keys()]).toEqual(
      expect.arrayContaining([
        'flat-install',
        'flat-config',
        'flat-run',
        'eslintrc-install',
        'eslintrc-config',
        'eslintrc-run',
        'standalone-install',
        'standalone-config',
        'standalone-run',
      ]),
    );
  });
});

interface Recipe {
  name: string;
  tree: Tree;
  /** The project's own ESLint, where it has one the recipe runs (`npx eslint`). */
  ownEslint?: string;
  install: string;
  config: string;
  run: string;
  /** Which of the run snippet's lines: the one whose paths are these. */
  paths: string;
  /** What the codemod is given, to compare `--fix` with; none where the rule fixes nothing. */
  codemod?: string[];
  reported: RegExp[];
}

const RECIPES: Recipe[] = [
  {
    name: 'ESLint 9, flat config: a Taro 3 project (TSX, JSX)',
    tree: TARO3,
    install: 'flat-install',
    config: 'flat-config',
    run: 'flat-run',
    paths: 'src',
    codemod: ['src'],
    reported: [/Taro\.startRecord is deprecated/, /Taro\.playVoice is deprecated/],
  },
  {
    name: 'ESLint 8, eslintrc: a Taro 3 project (TSX, JSX)',
    tree: TARO3,
    ownEslint: ESLINT_8,
    install: 'eslintrc-install',
    config: 'eslintrc-config',
    run: 'eslintrc-run',
    paths: 'src',
    codemod: ['src'],
    reported: [/Taro\.startRecord is deprecated/, /Taro\.playVoice is deprecated/],
  },
  {
    name: 'a separate ESLint 9, standalone: a Taro 2 project on its own ESLint 5 (decorators, class properties)',
    tree: TARO2,
    install: 'standalone-install',
    config: 'standalone-config',
    run: 'standalone-run',
    paths: 'src',
    codemod: ['src'],
    reported: [/Taro\.startRecord is deprecated \(base library 1\.6\.0\): use startRecordWrapped/],
  },
  {
    name: 'a separate ESLint 9, standalone: a native mini-program WeChat loads as it is',
    tree: NATIVE,
    install: 'standalone-install',
    config: 'standalone-config',
    run: 'standalone-run',
    paths: '.',
    reported: [
      /wx\.startRecord is deprecated \(base library 1\.6\.0\), and cannot be fixed here: WeChat loads this mini-program as it is.*npx taro-plugin-record-compat/,
      /wx\.stopRecord is deprecated .*same reason as line 4/,
    ],
  },
];

describe.each(RECIPES)("the rule's page, as written: $name", (recipe) => {
  it('reports the legacy calls, and --fix leaves each file as the codemod writes it', async () => {
    assertBuilt();
    const project = makeTempProject(recipe.tree, { git: false, prefix: 'record-compat-readme-eslint-' });
    if (recipe.ownEslint) install(project, 'eslint', recipe.ownEslint, 'devDependencies');
    runInstall(project, recipe.install, ESLINT_9);
    writeConfig(project, recipe.config);
    const line = commandLines(recipe.run).find((words) => words[words.length - 1] === recipe.paths);
    expect(line, `${recipe.run}: a line for ${recipe.paths}`).toBeDefined();
    const before = scripts(project);

    const lint = runEslint(project, line!);
    expect(lint.stderr).toBe('');
    expect(lint.status, lint.stdout).toBe(1);
    expect(lint.stdout).toContain(RULE);
    for (const words of recipe.reported) expect(lint.stdout).toMatch(words);
    expect(lint.stdout.split('\n').filter((l) => /\d+:\d+\s+(error|warning)/.test(l) && !l.includes(RULE))).toEqual([]);

    const fixed = runEslint(project, line!, ['--fix']);
    expect(fixed.stderr).toBe('');
    if (!recipe.codemod) {
      expect(fixed.status).toBe(1);
      expect(scripts(project)).toEqual(before);
      return;
    }
    expect(fixed.status, fixed.stdout).toBe(0);
    const migrated = makeTempProject(recipe.tree, { git: false, prefix: 'record-compat-readme-codemod-' });
    const run = await migrateInProcess(recipe.codemod, migrated);
    expect(run).toMatchObject({ kind: 'done', exitCode: 0 });
    const expected = scripts(migrated);
    expect(scripts(project)).toEqual(expected);
    expect(expected).not.toEqual(before);
  }, 120_000);
});
