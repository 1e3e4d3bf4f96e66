/**
 * The run and the audit load the rewrite, the CI formats and (the codemod) the audit's verify-possible lazily with
 * require() (src/rewrite/lazy.ts, src/report-formats/lazy.ts, src/audit/lazy.ts), which cannot load the .ts sources under vitest; for every test file outside e2e (the
 * setup of `unit`, `unit-mocks` and `integration`), hand them the same modules, imported. Only the loading differs:
 * the build's own require is what the bin tests run.
 */
import { vi } from 'vitest';

vi.mock('../../src/rewrite/lazy', async () => {
  const engine = await import('../../src/rewrite/engine');
  return { loadEngine: () => engine };
});

vi.mock('../../src/report-formats/lazy', async (importOriginal) => {
  const formats = await import('../../src/report-formats/index');
  return { ...(await importOriginal<object>()), loadReportFormats: () => formats };
});

vi.mock('../../src/audit/lazy', async () => {
  const verifyPossible = await import('../../src/audit/verify-possible');
  const audit = await import('../../src/audit/index');
  return { loadVerifyPossible: () => verifyPossible, loadAudit: () => audit };
});
