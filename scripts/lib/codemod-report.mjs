/*
 * bench:codemod's tables: the figures of one tree (each contender's median wall and CPU time), the ratios against the
 * floor and the other contenders with each target's verdict, the CPU profile by bucket, the times of every run; and the
 * summary across sizes. Each from the measurements of one run of scripts/bench-codemod.mjs.
 */
import * as os from 'node:os';
import { median } from './measure.mjs';

/** The comparison and memory targets (BENCHMARKS.md, "Codemod speed"), each checked against a figure of this run. */
const TARGET = { astGrepOverCli: 5, jscodeshiftOverCli: 25, peakMb: 300 };
/**
 * The speed targets: each CLI run against the floor of the same run. They are stated at 100,000 files; every size is
 * checked against them, and the output says so. The no-legacy ratio keeps its earlier 1.2× as a guide: the restated
 * targets name none. At 10,000 files the target is no regression over 3 %, which needs the previous commit's build:
 * `--against` times it beside this one, run by run.
 */
const SPEED_TARGET = {
  files: 100_000,
  dryOverFloor: 1.7,
  writingOverFloor: 2.0,
  noLegacyOverFloorGuide: 1.2,
  overAgainst: 1.03,
};
const fmt = (ms) => (Number.isNaN(ms) ? 'n/a' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const times = (x) => `${x.toFixed(2)}×`;

/**
 * Prints the tables of one tree from its measurements (`m`: each contender's runs) and what the runs counted; returns
 * the figures of the summary across sizes.
 */
export function printSizeReport(run) {
  const {
    opts,
    m,
    legacy,
    family,
    floorFiles,
    floorHits,
    cliChanged,
    jscs,
    astGrep,
    astGrepVersion,
    astGrepThreads,
    naiveFamily,
    profile,
    loadBefore,
  } = run;
  const med = (list, key = 'ms') => median(list.map((x) => x[key]));
  const floor = med(m.floor);
  const parserFloor = med(m.parser);
  const dry = med(m.dry);
  const write = med(m.write);
  const peakMb = Math.max(...[...m.dry, ...m.write, ...m.clean].map((x) => x.rssKb)) / 1024;
  const cpu = (list) => fmt(med(list, 'cpuMs'));
  const peak = (list) => Math.max(...list.map((x) => x.rssKb)) / 1024;
  const rows = [
    ['(1) floor: read + search every file', fmt(floor), cpu(m.floor), `${floorFiles} files, ${floorHits} name the API`],
  ];
  if (opts.reference) {
    rows.push(
      [
        '(1p) parser floor: (1) + @babel/parser on each file naming the API',
        fmt(parserFloor),
        cpu(m.parser),
        "the engine's own parse (dist/src/rewrite/file/parse-check.js)",
      ],
      [
        "(1b) Babel's floor: (1p) + @babel/traverse scope crawl (reference)",
        fmt(med(m.babel)),
        cpu(m.babel),
        'the least a Babel-visitor rewrite does',
      ],
      [
        '(1o) oxc floor: (1) + oxc-parser on each file naming the API (reference)',
        fmt(med(m.oxc)),
        cpu(m.oxc),
        'what a native parser would cost instead of (1p)',
      ],
    );
  }
  rows.push(
    ['(2) CLI --dry', fmt(dry), cpu(m.dry), `${cliChanged} files would change; peak RSS ${peak(m.dry).toFixed(0)} MB`],
    ['(2) CLI, writing', fmt(write), cpu(m.write), `${legacy} files changed; peak RSS ${peak(m.write).toFixed(0)} MB`],
    [
      '(2′) CLI --dry, same tree with no legacy file',
      fmt(med(m.clean)),
      cpu(m.clean),
      `walk + .gitignore + read + pre-filter only: the CLI's own cost; peak RSS ${peak(m.clean).toFixed(0)} MB`,
    ],
  );
  if (opts.threads) {
    rows.push(
      [
        '(2w) CLI --dry, planning thread on',
        fmt(med(m.dryTwo)),
        cpu(m.dryTwo),
        `forced; peak RSS ${peak(m.dryTwo).toFixed(0)} MB`,
      ],
      [
        '(2w) CLI, writing, planning thread on',
        fmt(med(m.writeTwo)),
        cpu(m.writeTwo),
        `forced; peak RSS ${peak(m.writeTwo).toFixed(0)} MB`,
      ],
      [
        '(2s) CLI --dry, one thread',
        fmt(med(m.dryOne)),
        cpu(m.dryOne),
        `planning thread off; peak RSS ${peak(m.dryOne).toFixed(0)} MB`,
      ],
      [
        '(2s) CLI, writing, one thread',
        fmt(med(m.writeOne)),
        cpu(m.writeOne),
        `planning thread off; peak RSS ${peak(m.writeOne).toFixed(0)} MB`,
      ],
    );
  }
  if (opts.against) {
    rows.push(
      [`(2a) CLI --dry, the build at ${opts.against.dir}`, fmt(med(m.dryAgainst)), cpu(m.dryAgainst), 'run beside (2)'],
      [
        `(2a) CLI, writing, the build at ${opts.against.dir}`,
        fmt(med(m.writeAgainst)),
        cpu(m.writeAgainst),
        'run beside (2)',
      ],
    );
  }
  if (jscs.plain) {
    rows.push([
      '(3) plain jscodeshift: the naive rewrite as a jscodeshift transform, writing (1 run)',
      fmt(jscs.plain.ms),
      fmt(jscs.plain.cpuMs),
      `${jscs.plain.changed} files changed, ${jscs.plain.errors} errors; its worker processes included`,
    ]);
  }
  if (jscs.ours) {
    rows.push([
      "(3t) jscodeshift running this package's transform, writing (1 run)",
      fmt(jscs.ours.ms),
      fmt(jscs.ours.cpuMs),
      `${jscs.ours.changed} files changed, ${jscs.ours.errors} errors: jscodeshift's runner around the engine`,
    ]);
  }
  if (astGrep) {
    const scannedNote =
      astGrep.scanned === floorFiles
        ? `all ${floorFiles} files scanned`
        : `${astGrep.scanned} of ${floorFiles} files scanned: NOT all`;
    const changedNote = astGrep.changed === legacy ? 'as many as the CLI' : `the CLI changed ${legacy}`;
    rows.push([
      `(4) ${astGrepVersion}, -j ${astGrepThreads}, writing`,
      fmt(med(m.astGrep)),
      cpu(m.astGrep),
      `${astGrep.changed} files changed (${changedNote}); ${scannedNote}`,
    ]);
  }
  console.log('');
  console.log(
    `| ${opts.files} files, ${legacy} legacy${family}; ${os.cpus().length} cores; Node ${process.versions.node} | wall (median of ${opts.runs}) | CPU (median) | notes |`,
  );
  console.log('|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  if (opts.family !== naiveFamily)
    console.log(
      `(3) and (4) not run: ast-grep's rule and the naive jscodeshift transform rewrite the ${naiveFamily} API only`,
    );

  // Each ratio from this run's medians (wall; CPU in brackets), with its target where there is one.
  const both = (a, b) => `${times(med(a) / med(b))} (CPU ${times(med(a, 'cpuMs') / med(b, 'cpuMs'))})`;
  const verdict = (ok) => (ok ? 'met' : 'NOT met');
  const clean = med(m.clean);
  // The speed targets are the 100,000-file ones: at another size the verdict says it borrows them.
  const at100k =
    opts.files === SPEED_TARGET.files ? '' : ` (the ${SPEED_TARGET.files.toLocaleString('en-US')}-file target)`;
  const ratios = [
    [
      'CLI writing / floor',
      both(m.write, m.floor),
      `target ≤ ${SPEED_TARGET.writingOverFloor}×${at100k}: ${verdict(write / floor <= SPEED_TARGET.writingOverFloor)}`,
    ],
    [
      'CLI --dry / floor',
      both(m.dry, m.floor),
      `target ≤ ${SPEED_TARGET.dryOverFloor}×${at100k}: ${verdict(dry / floor <= SPEED_TARGET.dryOverFloor)}`,
    ],
    [
      'CLI with no legacy file (walk, .gitignore, read, pre-filter) / floor',
      both(m.clean, m.floor),
      `no target; guide ≤ ${SPEED_TARGET.noLegacyOverFloorGuide}×: ${clean / floor <= SPEED_TARGET.noLegacyOverFloorGuide ? 'within' : 'over'}`,
    ],
  ];
  if (opts.threads) {
    ratios.push(
      [
        'CLI --dry: planning thread on / one thread',
        both(m.dryTwo, m.dryOne),
        'no target: what the planning thread gains',
      ],
      [
        'CLI writing: planning thread on / one thread',
        both(m.writeTwo, m.writeOne),
        'no target: what the planning thread gains',
      ],
    );
  }
  if (opts.against) {
    // Run by run, as the machine's speed drifts: the median of the pairs' ratios, not a ratio of medians.
    const paired = (ours, theirs, key) => median(ours.map((x, i) => x[key] / theirs[i][key]));
    const at10k = opts.files === 10_000 ? '' : ' (the 10,000-file target)';
    for (const [what, ours, theirs] of [
      ['--dry', m.dry, m.dryAgainst],
      ['writing', m.write, m.writeAgainst],
    ]) {
      const wall = paired(ours, theirs, 'ms');
      ratios.push([
        `CLI ${what} / the build at --against, run by run`,
        `${times(wall)} (CPU ${times(paired(ours, theirs, 'cpuMs'))})`,
        `target ≤ ${SPEED_TARGET.overAgainst}× against the previous commit's build${at10k}: ${verdict(wall <= SPEED_TARGET.overAgainst)}`,
      ]);
    }
  }
  if (opts.reference) {
    ratios.push(
      ['CLI writing / parser floor', both(m.write, m.parser), 'no target: what the rewrite adds to parsing'],
      ['parser floor / floor', both(m.parser, m.floor), 'no target: what parsing the candidates costs'],
      ['oxc floor / floor', both(m.oxc, m.floor), 'no target: the same with a native parser'],
    );
  }
  if (astGrep) {
    const r = med(m.astGrep) / write;
    ratios.push([
      'ast-grep / CLI writing',
      both(m.astGrep, m.write),
      `target ≥ ${TARGET.astGrepOverCli}×: ${verdict(r >= TARGET.astGrepOverCli)}`,
    ]);
  }
  if (jscs.plain) {
    const r = jscs.plain.ms / write;
    ratios.push([
      'plain jscodeshift / CLI writing',
      `${times(r)} (CPU ${times(jscs.plain.cpuMs / med(m.write, 'cpuMs'))})`,
      `target ≥ ${TARGET.jscodeshiftOverCli}×: ${verdict(r >= TARGET.jscodeshiftOverCli)}`,
    ]);
  }
  if (jscs.ours) {
    ratios.push([
      "jscodeshift with this package's transform / CLI writing",
      `${times(jscs.ours.ms / write)} (CPU ${times(jscs.ours.cpuMs / med(m.write, 'cpuMs'))})`,
      "no target: what jscodeshift's runner costs around the same engine",
    ]);
  }
  ratios.push([
    'CLI peak RSS (--dry, writing, no-legacy runs; threads included)',
    `${peakMb.toFixed(0)} MB`,
    `target ≤ ${TARGET.peakMb} MB: ${verdict(peakMb <= TARGET.peakMb)}`,
  ]);
  console.log('');
  console.log('| ratio (this run, medians) | wall (CPU) | target |');
  console.log('|---|---|---|');
  for (const row of ratios) console.log(`| ${row.join(' | ')} |`);

  if (profile) {
    const busy = profile.totals.filter(([b]) => b !== '(idle)' && b !== '(root)').reduce((s, [, ms]) => s + ms, 0);
    console.log('');
    console.log(
      `CPU profile of one CLI writing run (${fmt(profile.ms)} wall, ${profile.profiles} thread profile(s), ${fmt(busy)} sampled busy): self time by bucket`,
    );
    console.log('| bucket | self time | share of busy |');
    console.log('|---|---|---|');
    let rest = 0;
    for (const [bucket, ms] of profile.totals) {
      if (bucket === '(root)') continue;
      if (bucket !== '(idle)' && ms / busy < 0.01) rest += ms;
      else
        console.log(
          `| ${bucket} | ${fmt(ms)} | ${bucket === '(idle)' ? '—' : `${((100 * ms) / busy).toFixed(1)} %`} |`,
        );
    }
    if (rest > 0) console.log(`| others, under 1 % each | ${fmt(rest)} | ${((100 * rest) / busy).toFixed(1)} % |`);
    if (opts.keep) console.log(`profiles (open in Chrome DevTools): ${profile.dir}`);
  }

  console.log('');
  const list = (xs) => xs.map((x) => fmt(x.ms)).join(', ');
  const perRun = [
    ['floor', m.floor],
    ['parser floor', m.parser],
    ["Babel's floor", m.babel],
    ['oxc floor', m.oxc],
    ['--dry', m.dry],
    ['writing', m.write],
    ['no-legacy', m.clean],
    ['ast-grep', m.astGrep],
    ['--dry thread on', m.dryTwo],
    ['writing thread on', m.writeTwo],
    ['--dry one thread', m.dryOne],
    ['writing one thread', m.writeOne],
    ['--dry --against', m.dryAgainst],
    ['writing --against', m.writeAgainst],
  ].filter(([, xs]) => xs.length > 0);
  console.log(`wall per run: ${perRun.map(([name, xs]) => `${name} ${list(xs)}`).join('; ')}`);
  const loadAfter = os.loadavg()[0];
  console.log(`load average (1 min) before: ${loadBefore.toFixed(2)}, after: ${loadAfter.toFixed(2)}`);
  const cpuRatio = (list) => med(list, 'cpuMs') / med(m.floor, 'cpuMs');
  return {
    files: opts.files,
    floor,
    clean: clean / floor,
    dry: dry / floor,
    write: write / floor,
    cleanCpu: cpuRatio(m.clean),
    dryCpu: cpuRatio(m.dry),
    writeCpu: cpuRatio(m.write),
    rss: { clean: peak(m.clean), dry: peak(m.dry), write: peak(m.write) },
    load: [loadBefore, loadAfter],
  };
}

/** The table across sizes (--files with several sizes), with the targets it is read against. */
export function printSummaries(summaries) {
  console.log('');
  console.log(
    '| files | floor (wall) | no legacy / floor | --dry / floor | writing / floor | peak RSS (no legacy, --dry, writing) | load before → after |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const x of summaries) {
    console.log(
      `| ${x.files} | ${fmt(x.floor)} | ${times(x.clean)} (CPU ${times(x.cleanCpu)}) | ${times(x.dry)} (CPU ${times(x.dryCpu)}) | ${times(x.write)} (CPU ${times(x.writeCpu)}) | ` +
        `${x.rss.clean.toFixed(0)}, ${x.rss.dry.toFixed(0)}, ${x.rss.write.toFixed(0)} MB | ${x.load[0].toFixed(2)} → ${x.load[1].toFixed(2)} |`,
    );
  }
  console.log(
    `targets at ${SPEED_TARGET.files.toLocaleString('en-US')} files: --dry ≤ ${SPEED_TARGET.dryOverFloor}×, writing ≤ ${SPEED_TARGET.writingOverFloor}× the floor; peak RSS ≤ ${TARGET.peakMb} MB ` +
      `(no legacy ≤ ${SPEED_TARGET.noLegacyOverFloorGuide}×: a guide, not a target)`,
  );
}
