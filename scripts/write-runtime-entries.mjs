#!/usr/bin/env node
/*
 * Writes the family section of each runtime entry (src/runtime/taro.ts, native.ts, h5.ts, between
 * their markers), and of each module holding a family apart from its entry (h5-record.ts), from the
 * runtime's table, src/runtime/families.ts: a family is added there, once, and this script writes it
 * into the three entries, formatted as Prettier formats the repository
 * (so that `npm run format` leaves it as written). test/runtime/entries.test.ts fails when an
 * entry's section is not what this script would write.
 * Usage: node scripts/write-runtime-entries.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { format, resolveConfig } from 'prettier';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The runtime's table (src/runtime/families.ts), bundled and loaded as it is. */
export async function loadFamilies() {
  const out = await build({
    entryPoints: [join(root, 'src', 'runtime', 'families.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}

/**
 * `section` (a family section, whole top-level statements) as Prettier writes it in `file` with the
 * repository's settings: alone, it formats as it does in its file.
 */
export async function formatSection(section, file) {
  const formatted = await format(section, { ...(await resolveConfig(file)), filepath: file });
  return formatted.replace(/\n$/, '');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { sectionModules, withEntrySection } = await loadFamilies();
  for (const { module, section } of sectionModules()) {
    const file = join(root, 'src', 'runtime', `${module}.ts`);
    const text = readFileSync(file, 'utf8');
    const written = withEntrySection(module, text, await formatSection(section(), file));
    if (written !== text) writeFileSync(file, written);
    console.log(`src/runtime/${module}.ts: ${written === text ? 'up to date' : 'written'}`);
  }
}
