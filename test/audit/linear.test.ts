/**
 * The audit's work on one file grows with its calls, not with their square: counted, never timed
 * (scripts/bench-audit.mjs --calls measures the time). Two steps were quadratic: the type
 * checker asked, for each `Taro.startRecord`, the type of `Taro` at its place (TypeScript follows
 * the flow of the code back over every call before it), and each finding looked for its site
 * through the whole of the engine's report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify, RewriteReportCache, type RewriteOutcome } from '../../src/audit/classify';
import { loadConfig } from '../../src/audit/config';
import { createAuditProject } from '../../src/audit/project';
import { ReferenceScanner, type RawFinding } from '../../src/audit/scan';
import type { RewrittenSite } from '../../src/rewrite/light';
import { makeProject, type TempProject } from './helpers';

const CALLS = 2_000;

/** A file of `CALLS` calls, one a line, through Taro and through wx. */
const TEXTS = {
  'taro.js': `import Taro from '@tarojs/taro'\n${'Taro.startRecord({ success: (r) => f(r) })\n'.repeat(CALLS)}`,
  'wx.js': 'wx.stopRecord()\n'.repeat(CALLS),
};

/** A report whose `rewritten` counts each read of one of its sites. */
class CountingReports extends RewriteReportCache {
  reads = 0;
  override outcome(file: string): RewriteOutcome {
    const text = TEXTS[file.slice(file.lastIndexOf('/') + 1) as keyof typeof TEXTS];
    const first = text.startsWith('import') ? 2 : 1;
    const api = first === 2 ? 'startRecord' : 'stopRecord';
    const via = first === 2 ? 'Taro' : 'wx';
    const sites: RewrittenSite[] = Array.from({ length: CALLS }, (_, i) => ({
      line: first + i,
      column: 0,
      api,
      via,
      form: 'call',
    }));
    const counted = new Proxy(sites, {
      get: (target, key, receiver) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) this.reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    return { report: { rewritten: counted, manual: [] } };
  }
}

describe('the audit on a file of thousands of calls', () => {
  let project: TempProject;
  let scanner: ReferenceScanner;
  let findings: RawFinding[];
  beforeAll(() => {
    project = makeProject(TEXTS);
    const config = loadConfig(project.dir, [], undefined);
    const { program, checker } = createAuditProject(config.options, config.fileNames);
    scanner = new ReferenceScanner(checker, project.dir);
    findings = scanner.scan(config.fileNames.map((f) => program.getSourceFile(f)!));
  });
  afterAll(() => project.remove());

  it('finds every call, asking the type checker for no type at the place of any (through Taro or wx)', () => {
    expect(findings.filter((f) => f.api === 'startRecord' && f.owner === 'Taro')).toHaveLength(CALLS);
    expect(findings.filter((f) => f.api === 'stopRecord' && f.owner === 'wx')).toHaveLength(CALLS);
    expect(scanner.flowLookups).toBe(0);
  });

  it("matches each call to the engine's site reading each site a few times, not once per call", () => {
    const reports = new CountingReports();
    const { classified } = classify(findings, [], () => '', reports);
    expect(classified.filter((c) => c.status === 'handled')).toHaveLength(2 * CALLS);
    // Indexing the report reads each site a few times; a search per finding would read CALLS² / 2 of them.
    expect(reports.reads).toBeLessThan(2 * CALLS * 8);
  });

  it('still asks the checker at the place where the declared type may narrow (a union), and finds the call', () => {
    const p = makeProject({
      'u.ts': "declare const api: WechatMiniprogram.Wx | string\nif (typeof api !== 'string') api.startRecord({})\n",
    });
    try {
      const config = loadConfig(p.dir, [], undefined);
      const { program, checker } = createAuditProject(config.options, config.fileNames);
      const s = new ReferenceScanner(checker, p.dir);
      const found = s.scan(config.fileNames.map((f) => program.getSourceFile(f)!));
      expect(found.map((f) => [f.api, f.owner])).toEqual([['startRecord', 'wx']]);
      expect(s.flowLookups).toBe(1);
    } finally {
      p.remove();
    }
  });
});
