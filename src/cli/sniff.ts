/**
 * The first look at every file of a run: read its bytes into one buffer reused for the
 * whole run, and search them for the table's names without decoding them
 * (mightContainLegacyCallBytes). About 99 % of a tree stops here, with no per-file
 * allocation, no stat and no string; the rest is read again, properly, by readSource
 * (fileio.ts), which decides on its size and encoding as before.
 */
import * as fs from 'fs';
import { mightContainLegacyCallBytes } from '../rewrite/prefilter';
import { MAX_BYTES } from './fileio';

let shared: Buffer | undefined;

/**
 * False when the file cannot hold a legacy call (nor the app's own getRecorderManager):
 * its bytes name no API of the table. True when it may, or when it is larger than
 * MAX_BYTES (readSource reports it). Throws the open or read error, as readSource would.
 */
export function mayNameLegacyApi(file: string): boolean {
  const buffer = (shared ??= Buffer.allocUnsafe(MAX_BYTES + 1));
  const fd = fs.openSync(file, 'r');
  let length = 0;
  try {
    while (length < buffer.length) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, length);
      if (n === 0) break;
      length += n;
    }
  } finally {
    fs.closeSync(fd);
  }
  if (length > MAX_BYTES) return true;
  return mightContainLegacyCallBytes(buffer.subarray(0, length), { routeRecorderManager: true });
}
