/*
 * How the benchmark scripts time a command: wall time from spawn to exit, CPU time of the process and its children,
 * peak memory, and the median of several runs.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Preloaded into the Node contenders: on exit, records the process's peak RSS and its CPU
 * time (worker threads included). CPU time is the figure that holds up when other work
 * shares the machine; wall time is what a user waits.
 */
export const PEAK_SOURCE = `
process.on('exit', () => {
  const cpu = process.cpuUsage();
  require('fs').writeFileSync(process.env.BENCH_PEAK_FILE, JSON.stringify({ rssKb: process.resourceUsage().maxRSS, cpuMs: (cpu.user + cpu.system) / 1000 }));
});
`;

/**
 * CPU time of this process's reaped children (and theirs), from /proc/self/stat (Linux):
 * the CPU figure for contenders that are not a single Node process (ast-grep, jscodeshift's
 * worker processes, a Taro build), in ms (the kernel counts clock ticks: getconf CLK_TCK); null where /proc is missing.
 */
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;
export function childrenCpuMs() {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); cutime and cstime are fields 16 and 17.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLK_TCK;
  } catch {
    return null;
  }
}

/** Runs a command to its end: its result, its wall time and the CPU time of it and its children, in ms. */
export function timed(cmd, args, options = {}) {
  const cpuBefore = childrenCpuMs();
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpuAfter = childrenCpuMs();
  if (r.error) throw new Error(`${path.basename(cmd)}: ${r.error.message}`);
  return { ...r, ms, cpuMs: cpuBefore === null || cpuAfter === null ? NaN : cpuAfter - cpuBefore };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
