/*
 * bench:audit's calls-in-one-file mode (scripts/bench-audit.mjs --calls): how the audit's time grows with the calls of
 * one file, beside the codemod's on the same file. Each run is a fresh process of the built bin; its CPU time is read
 * from inside it (a --require hook writes process.cpuUsage() at exit), as the machine may be busy.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from './measure.mjs';

/** One legacy call a line: 43 bytes, so that 23,515 of them and the import fill 1 MB but for a few KB. */
const CALL_LINE = 'Taro.startRecord({ success: (r) => f(r) })\n';
const HEADER = "import Taro from '@tarojs/taro'\n";
/**
 * --mixed: the families in turn, through Taro and wx, lines of about 43 bytes too (an element-driving call, a system-info
 * read, a voice call, a background-audio call), so that a step asked per call of one family shows as well.
 */
const MIXED_LINES = [
  CALL_LINE,
  'const w = wx.getSystemInfoSync().windowWidth\n',
  'wx.playVoice({ filePath: p, success() {} })\n',
  "const c = Taro.createAudioContext('player')\n",
  'wx.playBackgroundAudio({ dataUrl: u, t: 1 })\n',
];

/** The file's text: `count` calls, one a line. */
function callsText(count, mixed) {
  if (!mixed) return HEADER + CALL_LINE.repeat(count);
  return HEADER + Array.from({ length: count }, (_, i) => MIXED_LINES[i % MIXED_LINES.length]).join('');
}

/** The hook each timed process loads: its CPU time (user + system, ms) into the file RECORD_COMPAT_BENCH_CPU names. */
const CPU_HOOK = `process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  require('fs').writeFileSync(process.env.RECORD_COMPAT_BENCH_CPU, String((user + system) / 1000));
});
`;

function makeProject(root, count, mixed) {
  const dir = mkdtempSync(join(tmpdir(), `bench-calls-${count}-`));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src/calls.js'), callsText(count, mixed));
  writeFileSync(join(dir, '.gitignore'), 'node_modules\n');
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const git = (...args) => spawnSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-qm', 'calls');
  return dir;
}

/** One cold run of `bin args` in `dir`: wall and CPU ms, and the JSON report it printed. */
function timedRun(bin, dir, args, hook) {
  const cpuFile = join(dir, '.bench-cpu');
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--require', hook, bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', RECORD_COMPAT_BENCH_CPU: cpuFile },
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.error || child.stdout === '') throw new Error(`${bin} ${args.join(' ')}: ${child.error ?? child.stderr}`);
  const cpuMs = Number(readFileSync(cpuFile, 'utf8'));
  rmSync(cpuFile);
  return { wallMs, cpuMs, report: JSON.parse(child.stdout) };
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** The doors timed, each a bin and its arguments; `--against` adds the other checkout's two. */
function doorsOf(root, against) {
  const builds = [['', join(root, 'dist/src/cli/bin.js')]];
  if (against) builds.push([` (${against})`, join(resolve(against), 'dist/src/cli/bin.js')]);
  return builds.flatMap(([label, bin]) => [
    { name: `audit${label}`, bin, args: ['audit', 'src', '--json'], count: (r) => r.findings.length },
    { name: `codemod --dry${label}`, bin, args: ['src', '--dry', '--json'], count: (r) => r.summary.callsTotal },
  ]);
}

/** The audit's CPU time over the codemod's, of one build (the goal: at most 2). */
function ratioRow(count, label, cpuOf) {
  const audit = cpuOf.get(`audit${label}`);
  const codemod = cpuOf.get(`codemod --dry${label}`);
  return `| ${count} | audit / codemod${label}, CPU | | ${(audit / codemod).toFixed(2)}x | |`;
}

/** Prints a row per count and door, and the ratio of each build's two; returns the exit code. */
export function benchCallsPerFile({ root, counts, runs, against, mixed }) {
  const hookDir = mkdtempSync(join(tmpdir(), 'bench-calls-hook-'));
  const hook = join(hookDir, 'cpu.cjs');
  writeFileSync(hook, CPU_HOOK);
  try {
    console.log('| calls in one file | door | wall, median | CPU, median | places found |');
    console.log('|---|---|---|---|---|');
    for (const count of counts.split(',').map(Number)) {
      const dir = makeProject(root, count, mixed);
      try {
        const cpuOf = new Map();
        for (const door of doorsOf(root, against)) {
          const timed = Array.from({ length: runs }, () => timedRun(door.bin, dir, door.args, hook));
          const cpu = median(timed.map((t) => t.cpuMs));
          const wall = median(timed.map((t) => t.wallMs));
          cpuOf.set(door.name, cpu);
          console.log(
            `| ${count} | ${door.name} | ${seconds(wall)} | ${seconds(cpu)} | ${door.count(timed[0].report)} |`,
          );
        }
        console.log(ratioRow(count, '', cpuOf));
        if (against) console.log(ratioRow(count, ` (${against})`, cpuOf));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    return 0;
  } catch (error) {
    console.error(`bench:audit --calls: ${error.message}`);
    return 1;
  } finally {
    rmSync(hookDir, { recursive: true, force: true });
  }
}
