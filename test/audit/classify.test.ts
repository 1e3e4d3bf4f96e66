import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify, RewriteReportCache, type RewriteOutcome } from '../../src/audit/classify';
import { createAuditProject } from '../../src/audit/project';
import { loadConfig } from '../../src/audit/config';
import { ReferenceScanner, type RawFinding } from '../../src/audit/scan';
import { makeProject, type TempProject } from './helpers';

/** Rewrite reports the test writes: the matching of positions is what is under test here. */
class FixedReports extends RewriteReportCache {
  constructor(private readonly outcomes: Record<string, RewriteOutcome>) {
    super();
  }
  override outcome(file: string): RewriteOutcome {
    return this.outcomes[file.slice(file.lastIndexOf('/') + 1)];
  }
}

const TEXT = [
  'wx.startRecord({})',
  'wx.stopRecord()',
  'export default wx.stopRecord',
  'wx.startRecord({ success() {} })',
  '',
].join('\n');

describe('matching the engine report to findings', () => {
  let project: TempProject;
  let findings: RawFinding[];
  beforeAll(() => {
    project = makeProject({ 'a.js': TEXT });
    const config = loadConfig(project.dir, [], undefined);
    const { program, checker } = createAuditProject(config.options, config.fileNames);
    findings = new ReferenceScanner(checker, project.dir).scan(config.fileNames.map((f) => program.getSourceFile(f)!));
  });
  afterAll(() => project.remove());

  function run(report: RewriteOutcome) {
    const { classified } = classify(findings, [], () => TEXT, new FixedReports({ 'a.js': report }));
    return classified.map((c) => [
      c.finding.sourceFile.getLineAndCharacterOfPosition(c.finding.reference.getStart()).line + 1,
      c.status,
      c.reason,
    ]);
  }

  it('finds four member references', () => {
    expect(findings.map((f) => [f.kind, f.api, f.form])).toEqual([
      ['member', 'startRecord', 'call'],
      ['member', 'stopRecord', 'call'],
      ['member', 'stopRecord', 'reference'],
      ['member', 'startRecord', 'call'],
    ]);
  });

  it('pairs sites at the start and inside the reference; passes manual reasons on; an unplaced (line 0) site pairs with nothing', () => {
    const rows = run({
      report: {
        rewritten: [
          { line: 1, column: 0, api: 'startRecord', via: 'wx', form: 'call' },
          { line: 2, column: 3, api: 'stopRecord', via: 'wx', form: 'call' }, // at the member name
          { line: 0, column: 0, api: 'stopRecord', via: 'wx', form: 'reference' },
        ],
        manual: [{ line: 4, column: 17, reason: 'a callback the rewrite will not touch' }],
      },
    });
    expect(rows).toEqual([
      [1, 'handled', "rewritten into the runtime's startRecord (wx, call)"],
      [2, 'handled', "rewritten into the runtime's stopRecord (wx, call)"],
      // the engine places every site; a line-0 site is not trusted to stand for any reference
      [3, 'manual', 'wx, the mini-program global; the rewrite does not take this form'],
      [4, 'manual', 'a callback the rewrite will not touch'],
    ]);
  });

  it('does not pair a site of the other API, nor one outside the reference', () => {
    const rows = run({
      report: {
        rewritten: [
          { line: 1, column: 3, api: 'stopRecord', via: 'wx', form: 'call' },
          { line: 5, column: 0, api: 'startRecord', via: 'wx', form: 'call' },
        ],
        manual: [],
      },
    });
    expect(rows.map((r) => r[1])).toEqual(['manual', 'manual', 'manual', 'manual']);
    expect(rows[0][2]).toBe('wx, the mini-program global; the rewrite does not take this form');
  });

  it('a parse failure makes every finding of the file need a person', () => {
    const rows = run({ parseError: 'Unexpected token (1:3)' });
    expect(rows.every((r) => r[1] === 'manual' && String(r[2]).includes('Unexpected token'))).toBe(true);
  });
});
