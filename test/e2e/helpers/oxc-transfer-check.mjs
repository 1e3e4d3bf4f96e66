/*
 * Run by a Node >= 22 (test/e2e/oxc-raw-transfer.test.ts):
 *   node oxc-transfer-check.mjs ROOT compare|engine-only FILE…
 * First the engine (dist/) parses the scripts one after the other, and the check notes how many
 * characters it had parsed when it took raw transfer (src/rewrite/file/parse.ts: after 512 K): oxc's
 * raw-transfer buffer is one ArrayBuffer of 6 GiB (virtual), which process.memoryUsage() counts.
 * Then (`compare`) oxc parses each script twice, handing the tree over as JSON and by raw
 * transfer, and the two trees, their comments and their errors are compared.
 * Prints one JSON line: { node, supported, scripts, compared, mismatches, engineRawAfterChars }.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as oxc from 'oxc-parser';

// `engine-only`: no comparison (where raw transfer cannot allocate its buffer).
const [root, mode, ...files] = process.argv.slice(2);
const fromDist = (file) => import(pathToFileURL(path.join(root, 'dist/src/rewrite', file)).href);
const { parserForFile } = await fromDist('rules/file-kinds.js');
const { parseForRewrite } = await fromDist('file/parse.js');

const scripts = files.flatMap((file) => {
  const lang = parserForFile(file);
  return lang ? [{ file, lang, code: fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '') }] : [];
});

const GIB = 2 ** 30;
const rawTransferBuffer = () => process.memoryUsage().arrayBuffers >= 4 * GIB;
let engineRawAfterChars = null;
let parsedChars = 0;
for (const { lang, code } of scripts) {
  if (rawTransferBuffer()) break;
  const before = parsedChars;
  parseForRewrite(code, lang);
  parsedChars += code.length;
  if (rawTransferBuffer()) engineRawAfterChars = before;
}

// BigInt and RegExp values, which JSON has no words for, compared by their text.
const text = (value) =>
  JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? `${v}n` : v instanceof RegExp ? String(v) : v));
const mismatches = [];
let compared = 0;
for (const { file, lang, code } of mode === 'engine-only' ? [] : scripts) {
  const options = { lang, sourceType: 'module', preserveParens: false };
  const json = oxc.parseSync(`file.${lang}`, code, options);
  const raw = oxc.parseSync(`file.${lang}`, code, { ...options, experimentalRawTransfer: true });
  compared += 1;
  for (const part of ['program', 'comments', 'errors']) {
    if (text(json[part]) !== text(raw[part])) mismatches.push(`${path.relative(root, file)}: ${part}`);
  }
}
console.log(
  JSON.stringify({
    node: process.version,
    supported: oxc.rawTransferSupported(),
    scripts: scripts.length,
    compared,
    mismatches,
    engineRawAfterChars,
  }),
);
