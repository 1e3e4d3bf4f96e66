/**
 * How a unit worker (spawn-from-helper.ts) and its helper (spawner.mjs) talk: JSON lines, Buffers
 * as base64, tagged. One module, so that the two ends cannot drift apart.
 */
import * as fs from 'node:fs';

export function encode(value) {
  return JSON.stringify(value, (_key, v) =>
    v && v.type === 'Buffer' && Array.isArray(v.data) ? { $buffer: Buffer.from(v.data).toString('base64') } : v,
  );
}

export function decode(text) {
  return JSON.parse(text, (_key, v) => (v && typeof v.$buffer === 'string' ? Buffer.from(v.$buffer, 'base64') : v));
}

/** Reads `fd` (blocking) a line at a time; undefined once the other end has closed. */
export function lineReader(fd) {
  const chunk = Buffer.alloc(1 << 16);
  let pending = '';
  return () => {
    let newline;
    while ((newline = pending.indexOf('\n')) === -1) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) return undefined;
      pending += chunk.toString('utf8', 0, n);
    }
    const line = pending.slice(0, newline);
    pending = pending.slice(newline + 1);
    return line;
  };
}
