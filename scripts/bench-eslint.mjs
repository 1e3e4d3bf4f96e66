#!/usr/bin/env node
/**
 * npm run bench:eslint — what does the ESLint rule cost per file, next to ESLint's own parse?
 *
 * Generates the synthetic codebase of bench:codemod (default 2,000 files, 2% with legacy
 * calls) and lints every file in one process with ESLint 9's Linter, the way an editor
 * lints a file: once with no rule at all (ESLint's parse and traversal, @typescript-eslint's
 * parser for .ts/.tsx, espree for .js/.jsx) and once with record-compat/no-deprecated-api
 * alone (dist/, so run `npm run build` first). The rule's cost is its own work, timed
 * inside ESLint's run (its Program handler: the text pre-filter, the file's options, the
 * engine and the messages). Each file is linted --rounds times both ways and its fastest
 * time kept (the machine is shared).
 * Also timed: the engine's first load (the first file naming an API pays it once per
 * process), and the project scan behind the routing decision (taken only for a file that
 * names getRecorderManager without a legacy record call of its own, then kept 30 s).
 * Figures in BENCHMARKS.md ("ESLint rule").
 *
 * Usage: node scripts/bench-eslint.mjs [--files 2000] [--legacy 0.02] [--rounds 3] [--smoke]
 *   --smoke: whether the script still runs, not a figure: 10 files (20% legacy), one round, no
 *            warm-up (the other options still apply); the fast tests run it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { generateSyntheticCodebase } from './lib/synthetic-codebase.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}
const SMOKE = process.argv.includes('--smoke');
const FILES = arg('files', SMOKE ? 10 : 2000);
const LEGACY = arg('legacy', SMOKE ? 0.2 : 0.02);
const ROUNDS = arg('rounds', SMOKE ? 1 : 3);
/** Files linted once before the timing, so that ESLint and the parsers are loaded. */
const WARM_UP = SMOKE ? 0 : 50;

const { Linter } = require('eslint');
const tsParser = require('@typescript-eslint/parser');
const plugin = require(path.join(ROOT, 'dist', 'src', 'eslint', 'index.js'));
const project = require(path.join(ROOT, 'dist', 'src', 'eslint', 'project.js'));

const languageOptions = (file) =>
  /\.tsx?$/.test(file)
    ? { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: file.endsWith('.tsx') } } }
    : { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } };
const base = (file) => ({
  files: ['**/*.{js,jsx,ts,tsx}'],
  languageOptions: languageOptions(file),
  linterOptions: { reportUnusedDisableDirectives: 'off' },
});
const withoutRule = (file) => [base(file)];
// The rule, with its own work (the Program handler: pre-filter, options, engine) timed inside ESLint's run.
let handlerMs = 0;
const rule = plugin.rules['no-deprecated-api'];
const timedRule = {
  meta: rule.meta,
  create(context) {
    const { Program } = rule.create(context);
    return {
      Program(node) {
        const t = process.hrtime.bigint();
        Program(node);
        handlerMs += Number(process.hrtime.bigint() - t) / 1e6;
      },
    };
  },
};
const timedPlugin = { ...plugin, rules: { 'no-deprecated-api': timedRule } };
const withRule = (file) => [
  base(file),
  { plugins: { 'record-compat': timedPlugin }, rules: plugin.configs.recommended.rules },
];

const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-bench-eslint-')));
try {
  generateSyntheticCodebase(dir, { files: FILES, legacyRatio: LEGACY, seed: 7 });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'bench', private: true, dependencies: { '@tarojs/taro': '^4.0.0' } }),
  );
  const files = [];
  const visit = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory() && e.name !== '.git') visit(full);
      else if (/\.(js|jsx|ts|tsx)$/.test(e.name)) files.push({ file: full, text: fs.readFileSync(full, 'utf8') });
    }
  };
  visit(dir);
  const names = /startRecord|stopRecord|playVoice|pauseVoice|stopVoice/;
  const linter = new Linter({ configType: 'flat', cwd: dir });
  const time = (fn) => {
    const t = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - t) / 1e6;
  };

  const check = linter.verify(files[0].text, withoutRule(files[0].file), { filename: files[0].file });
  if (check.some((m) => m.fatal || m.ruleId === null))
    throw new Error(`ESLint does not lint the files: ${JSON.stringify(check[0])}`);
  // Warm ESLint and the parsers up, then the engine's first load on its own.
  for (const { file, text } of files.slice(0, WARM_UP)) linter.verify(text, withoutRule(file), { filename: file });
  const firstLegacy = files.find((f) => names.test(f.text));
  const engineLoad =
    time(() => linter.verify(firstLegacy.text, withRule(firstLegacy.file), { filename: firstLegacy.file })) -
    time(() => linter.verify(firstLegacy.text, withoutRule(firstLegacy.file), { filename: firstLegacy.file }));

  const best = files.map(() => ({ without: Infinity, with: Infinity, handler: Infinity }));
  let reported = 0;
  for (let round = 0; round < ROUNDS; round++) {
    files.forEach(({ file, text }, i) => {
      best[i].without = Math.min(
        best[i].without,
        time(() => linter.verify(text, withoutRule(file), { filename: file })),
      );
      let messages;
      handlerMs = 0;
      best[i].with = Math.min(
        best[i].with,
        time(() => (messages = linter.verify(text, withRule(file), { filename: file }))),
      );
      best[i].handler = Math.min(best[i].handler, handlerMs);
      if (round === 0) reported += messages.filter((m) => m.ruleId === 'record-compat/no-deprecated-api').length;
    });
  }
  const group = (pick) => {
    const chosen = files.map((f, i) => ({ ...f, ...best[i] })).filter(pick);
    const eslint = chosen.reduce((sum, f) => sum + f.without, 0);
    const rule = chosen.reduce((sum, f) => sum + f.handler, 0);
    const lintWith = chosen.reduce((sum, f) => sum + f.with, 0);
    return {
      n: chosen.length,
      eslintPerFile: eslint / chosen.length,
      rulePerFile: rule / chosen.length,
      share: rule / eslint,
      withPerFile: lintWith / chosen.length,
    };
  };
  const legacy = group((f) => names.test(f.text));
  const other = group((f) => !names.test(f.text));
  const all = group(() => true);

  // The routing decision's project scan, cold and cached.
  project.forgetProjects();
  const scanCold = time(() => project.projectHasLegacyCallOfKind(dir, 'record'));
  const scanCached = time(() => project.projectHasLegacyCallOfKind(dir, 'record'));

  const ms = (v) => `${v.toFixed(3)} ms`;
  const pct = (v) => `${(v * 100).toFixed(1)}%`;
  console.log(
    `ESLint ${Linter.version}, ${files.length} files (${legacy.n} naming a legacy API), best of ${ROUNDS} rounds per file; the rule reported ${reported} places`,
  );
  console.log(
    "| files | n | ESLint alone (parse + traverse), per file | the rule's own work, per file | rule / ESLint | ESLint with the rule, per file |",
  );
  console.log('|---|---|---|---|---|---|');
  for (const [label, g] of [
    ['naming a legacy API', legacy],
    ['not naming one', other],
    ['all', all],
  ]) {
    console.log(
      `| ${label} | ${g.n} | ${ms(g.eslintPerFile)} | ${ms(g.rulePerFile)} | ${pct(g.share)} | ${ms(g.withPerFile)} |`,
    );
  }
  console.log(`engine's first load (once per process, on the first file naming an API): ${ms(engineLoad)}`);
  console.log(
    `routing scan of the ${files.length}-file project (once per 30 s, only for a file naming getRecorderManager alone): ${ms(scanCold)} cold, ${ms(scanCached)} cached`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
