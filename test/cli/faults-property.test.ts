/**
 * The property behind the fault-injection suite: whatever goes wrong during the writes
 * (short writes, ENOSPC, a device that loses bytes, a failure just before the rename, a file
 * deleted after it was read), every file ends byte-identical to its original or to the output
 * of a clean run, no temporary file is left, and the summary counts exactly the files written.
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setIoHooks } from '../../src/files/io';
import {
  assertBuilt,
  cleanupProjects,
  makeProject,
  migrateInProcess,
  read,
  snapshot,
  WX_PAGE,
  mainInProcess,
} from './helpers';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

const FILES: Record<string, string> = {};
for (let i = 0; i < 6; i++) FILES[`pages/p${i}.js`] = WX_PAGE.replace('onStart', `onStart${i}`).repeat(1 + i);
FILES['utils/plain.js'] = 'export const one = 1\n';

type Fault = { at: number; kind: 'short' | 'enospc' | 'lost' | 'eio-before-rename' | 'deleted-after-read' };

describe('after any injected fault', () => {
  it('every file is its original or the clean output, and the summary says which', async () => {
    const cleanDir = makeProject(FILES);
    expect((await mainInProcess(cleanDir, ['.'])).code).toBe(0);
    const clean = new Map(Object.keys(FILES).map((rel) => [rel, read(cleanDir, rel)]));

    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            at: fc.integer({ min: 1, max: 8 }),
            kind: fc.constantFrom<Fault['kind']>('short', 'enospc', 'lost', 'eio-before-rename', 'deleted-after-read'),
          }),
          { maxLength: 4 },
        ),
        async (faults) => {
          const dir = makeProject(FILES);
          let writes = 0;
          let replaces = 0;
          let reads = 0;
          const faultAt = (n: number, kinds: Fault['kind'][]) =>
            faults.find((f) => f.at === n && kinds.includes(f.kind))?.kind;
          const deleted = new Set<string>();
          const remove = setIoHooks({
            afterRead: (file) => {
              if (faultAt(++reads, ['deleted-after-read'])) {
                fs.unlinkSync(file);
                deleted.add(path.relative(dir, file));
              }
            },
            writeSync: (fd, buffer, offset, length) => {
              const kind = faultAt(++writes, ['short', 'enospc', 'lost']);
              if (kind === 'enospc')
                throw Object.assign(new Error('ENOSPC: no space left on device (property test)'), { code: 'ENOSPC' });
              if (kind === 'short') return fs.writeSync(fd, buffer, offset, Math.floor(length / 2)) || 0;
              if (kind === 'lost') {
                fs.writeSync(fd, buffer, offset, Math.floor(length / 2));
                return length;
              }
              return fs.writeSync(fd, buffer, offset, length);
            },
            beforeReplace: () => {
              if (faultAt(++replaces, ['eio-before-rename']))
                throw Object.assign(new Error('EIO: i/o error (property test)'), { code: 'EIO' });
            },
          });
          try {
            const r = await migrateInProcess(['.'], dir);
            if (r.kind !== 'done') throw new Error(r.kind);
            let written = 0;
            for (const [rel, original] of Object.entries(FILES)) {
              if (deleted.has(rel)) {
                expect(fs.existsSync(path.join(dir, rel)), rel).toBe(false);
                continue;
              }
              const now = read(dir, rel);
              if (now === original) continue;
              expect(now, rel).toBe(clean.get(rel));
              written++;
            }
            expect(r.tally.summary.changed).toBe(written);
            expect(r.exitCode).toBe(r.tally.summary.failed > 0 ? 1 : 0);
            expect(r.tally.summary.failed + written).toBe(6);
            expect([...snapshot(dir).keys()].filter((f) => f.includes('record-compat-tmp'))).toEqual([]);
          } finally {
            remove();
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
