/**
 * A synthetic Taro/mini-program codebase for benchmarks: deterministic from a
 * seed, mixed .ts/.tsx/.js/.jsx, sizes spread like a real project (most files
 * a few KB, a long tail of big ones), a given share of files using a legacy
 * API: the startRecord/stopRecord API by default (`legacyFamily: 'record'`),
 * or getSystemInfoSync / getSystemInfo read as apps do (`'system-info'`: a
 * member read, a destructuring, a local then field reads, the whole object
 * kept, the callback form; in turn, `Taro.` in .ts/.tsx, `wx.` in .js/.jsx).
 * The default tree is the one BENCHMARKS.md's figures are taken on: the same
 * seed gives it byte for byte. Every file parses as TSX (or TS for .ts).
 *
 *   import { generateSyntheticCodebase } from './lib/synthetic-codebase.mjs';
 *   const info = generateSyntheticCodebase(dir, { files: 10000, legacyRatio: 0.01, seed: 42 });
 *   generateSyntheticCodebase(dir, { files: 10000, legacyRatio: 0.05, seed: 42, legacyFamily: 'system-info' });
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rng } from './rng.mjs';

const WORDS = [
  'order',
  'user',
  'cart',
  'item',
  'coupon',
  'address',
  'payment',
  'profile',
  'message',
  'voice',
  'note',
  'shop',
  'goods',
  'list',
  'detail',
  'search',
  'filter',
  'banner',
  'notice',
  'member',
  'level',
  'point',
  'share',
  'upload',
  'image',
  'video',
  'audio',
  'comment',
  'rating',
  'history',
];

function makeNames(rand) {
  const pick = (arr) => arr[Math.floor(rand() * arr.length)];
  const cap = (w) => w[0].toUpperCase() + w.slice(1);
  let serial = 0;
  return {
    pick,
    /** A suffix never used before: declared names must not collide within a file. */
    uid: () => ++serial,
    int: (n) => Math.floor(rand() * n),
    camel: () => pick(WORDS) + cap(pick(WORDS)),
    pascal: () => cap(pick(WORDS)) + cap(pick(WORDS)),
  };
}

/** Chunks of plain code, each valid on its own at the top level of a module. */
function tsChunk(n) {
  const name = n.camel();
  const type = n.pascal();
  switch (n.int(5)) {
    case 0:
      return `export interface ${type}${n.uid()} {\n  id: string;\n  ${n.camel()}: number;\n  ${n.camel()}?: string[];\n  createdAt: Date;\n}\n`;
    case 1:
      return (
        `export function ${name}${n.uid()}(list: Array<{ id: string; value: number }>, limit = ${n.int(50) + 1}): number {\n` +
        `  let total = 0;\n  for (const entry of list.slice(0, limit)) {\n    if (entry.value > ${n.int(100)}) total += entry.value;\n  }\n` +
        `  return Math.round(total * 100) / 100;\n}\n`
      );
    case 2:
      return (
        `export async function fetch${type}${n.uid()}(id: string): Promise<Record<string, unknown>> {\n` +
        `  const res = await Taro.request({ url: \`/api/${n.camel()}/\${id}\`, method: 'GET' });\n` +
        `  if (res.statusCode !== 200) {\n    throw new Error('request failed: ' + res.statusCode);\n  }\n  return res.data as Record<string, unknown>;\n}\n`
      );
    case 3:
      return `export const ${name}Options${n.uid()} = [\n${Array.from({ length: 3 + n.int(6) }, (_, i) => `  { label: '${n.camel()}', value: ${i}, enabled: ${i % 2 === 0} },`).join('\n')}\n];\n`;
    default:
      return (
        `/**\n * ${n.pascal()} helper: formats a ${n.camel()} for display.\n */\n` +
        `export const format${type}${n.uid()} = (value: number | null, unit = '${n.pick(['元', 'kg', 'ms', '%'])}'): string =>\n` +
        `  value == null ? '-' : \`\${value.toFixed(${n.int(3)})}\${unit}\`;\n`
      );
  }
}

function jsChunk(n) {
  const name = n.camel();
  switch (n.int(4)) {
    case 0:
      return (
        `export function ${name}${n.uid()}(list, limit = ${n.int(50) + 1}) {\n  let total = 0\n` +
        `  for (const entry of list.slice(0, limit)) {\n    if (entry.value > ${n.int(100)}) total += entry.value\n  }\n  return total\n}\n`
      );
    case 1:
      return `export const ${name}Map${n.uid()} = {\n${Array.from({ length: 3 + n.int(8) }, () => `  ${n.camel()}: '${n.camel()}',`).join('\n')}\n}\n`;
    case 2:
      return (
        `export function debounce${n.pascal()}${n.uid()}(fn, wait = ${n.int(500)}) {\n  let timer = null\n` +
        `  return function (...args) {\n    clearTimeout(timer)\n    timer = setTimeout(() => fn.apply(this, args), wait)\n  }\n}\n`
      );
    default:
      return `// ${n.pascal()}: ${n.camel()} ${n.camel()} ${n.camel()}\nexport const ${name}Key${n.uid()} = '${n.camel()}_${n.int(99999)}'\n`;
  }
}

function tsxComponent(n) {
  const comp = n.pascal() + n.uid();
  const state = n.camel();
  return (
    `export function ${comp}(props: { title: string; count?: number }) {\n` +
    `  const [${state}, set${state[0].toUpperCase() + state.slice(1)}] = useState<number>(props.count ?? 0);\n` +
    `  useEffect(() => {\n    Taro.setNavigationBarTitle({ title: props.title });\n  }, [props.title]);\n` +
    `  return (\n    <View className='${n.camel()}'>\n      <Text>{props.title}</Text>\n` +
    `      <Button onClick={() => set${state[0].toUpperCase() + state.slice(1)}(${state} + 1)}>{${state}}</Button>\n    </View>\n  );\n}\n`
  );
}

const LEGACY_TS = (n) =>
  `export function recordVoice${n.uid()}(onDone: (path: string) => void): void {\n` +
  `  Taro.startRecord({\n    success: (res) => onDone(res.tempFilePath),\n    fail: (err) => console.error(err.errMsg),\n  });\n` +
  `  setTimeout(() => {\n    Taro.stopRecord();\n  }, ${5000 + n.int(50000)});\n}\n`;

const LEGACY_JS = (n) =>
  `export function recordVoice${n.uid()}(onDone) {\n  wx.startRecord({\n    success(res) {\n      onDone(res.tempFilePath)\n    }\n  })\n}\n` +
  `export function stopVoice${n.uid()}() {\n  wx.stopRecord()\n}\n`;

/** A name the pre-filter lets through but the rewrite leaves alone. */
const NEAR_MISS = (n) =>
  `export const ${n.camel()}Labels = { stopRecording: '${n.camel()}', startRecordingHint: '${n.camel()}' };\n`;

/**
 * Ways apps read system info, one legacy call each, as `api` (Taro or wx) and with TypeScript's
 * types or without: what the rewrite asks for follows what the code reads (docs/contract.md, S1).
 */
const SYSTEM_INFO_SHAPES = [
  // a member read
  (n, api, ts) =>
    `export function screenWidth${n.uid()}()${ts ? ': number' : ''} {\n  return ${api}.getSystemInfoSync().windowWidth${ts ? ';' : ''}\n}\n`,
  // a destructuring of fields of three groups
  (n, api, ts) =>
    `export function deviceLabel${n.uid()}()${ts ? ': string' : ''} {\n` +
    `  const { model, system, SDKVersion } = ${api}.getSystemInfoSync()${ts ? ';' : ''}\n` +
    `  return \`\${model} (\${system}), base library \${SDKVersion}\`${ts ? ';' : ''}\n}\n`,
  // a local, then field reads
  (n, api, ts) =>
    `export function rpxToPx${n.uid()}(rpx${ts ? ': number' : ''})${ts ? ': number' : ''} {\n` +
    `  const info = ${api}.getSystemInfoSync()${ts ? ';' : ''}\n` +
    `  return Math.round((rpx * info.windowWidth) / 750) + info.statusBarHeight * 0${ts ? ';' : ''}\n}\n`,
  // the whole object, kept in a cache (as libraries keep it) and passed on
  (n, api, ts) => {
    const cache = `systemInfoCache${n.uid()}`;
    return (
      `let ${cache}${ts ? ': Record<string, any> | null' : ''} = null${ts ? ';' : ''}\n` +
      `export function systemInfo${n.uid()}()${ts ? ': Record<string, any>' : ''} {\n` +
      `  if (!${cache}) ${cache} = ${api}.getSystemInfoSync()${ts ? ';' : ''}\n  return ${cache}${ts ? ';' : ''}\n}\n`
    );
  },
  // the callback form
  (n, api, ts) =>
    `export function onWindowSize${n.uid()}(done${ts ? ': (width: number, height: number) => void' : ''})${ts ? ': void' : ''} {\n` +
    `  ${api}.getSystemInfo({\n    success: (res) => done(res.windowWidth, res.windowHeight),\n  })${ts ? ';' : ''}\n}\n`,
];

/**
 * The legacy families a tree can call (`legacyFamily`): the chunk a legacy file gets (the
 * `index`-th legacy file, in a .ts/.tsx file or not), the near miss a few other files get, and the
 * names that make a file a candidate (the benchmarks' floors search for them).
 */
export const LEGACY_FAMILIES = {
  record: {
    legacy: (n, isTs) => (isTs ? LEGACY_TS(n) : LEGACY_JS(n)),
    nearMiss: NEAR_MISS,
    names: ['startRecord', 'stopRecord'],
  },
  'system-info': {
    legacy: (n, isTs, index) => SYSTEM_INFO_SHAPES[index % SYSTEM_INFO_SHAPES.length](n, isTs ? 'Taro' : 'wx', isTs),
    nearMiss: (n) =>
      `export const ${n.camel()}Labels = { getSystemInfoHint: '${n.camel()}', systemInfoSyncTitle: '${n.camel()}' };\n`,
    names: ['getSystemInfo'],
  },
};

function targetSize(rand) {
  // Log-normal around 3 KB: median e^8 ≈ 3 KB, a tail into tens of KB.
  const u = Math.max(rand(), 1e-9);
  const v = rand();
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return Math.min(80_000, Math.max(300, Math.round(Math.exp(8 + 0.9 * normal))));
}

/** `family`: LEGACY_FAMILIES' entry; `legacyIndex`: how many legacy files came before this one. */
function fileBody(ext, kind, n, size, family, legacyIndex) {
  const isTs = ext === '.ts' || ext === '.tsx';
  const jsx = ext === '.tsx' || ext === '.jsx';
  let head = '';
  if (jsx)
    head += `import { useEffect, useState } from 'react';\nimport { View, Text, Button } from '@tarojs/components';\n`;
  if (isTs || jsx || kind === 'legacy-ts') head += `import Taro from '@tarojs/taro';\n`;
  head += '\n';
  const parts = [];
  let len = head.length;
  if (kind === 'legacy') {
    const chunk = family.legacy(n, isTs, legacyIndex);
    parts.push(chunk);
    len += chunk.length;
  } else if (kind === 'near-miss') {
    const chunk = family.nearMiss(n);
    parts.push(chunk);
    len += chunk.length;
  }
  while (len < size) {
    let chunk;
    if (jsx && n.int(3) === 0)
      chunk =
        ext === '.tsx'
          ? tsxComponent(n)
          : tsxComponent(n)
              .replace(/<number>/g, '')
              .replace(/\(props: \{[^)]*\}\)/, '(props)');
    else chunk = isTs ? tsChunk(n) : jsChunk(n);
    parts.push(chunk);
    len += chunk.length + 1;
  }
  // Shuffle so the legacy code is not always on top.
  for (let i = parts.length - 1; i > 0; i--) {
    const j = n.int(i + 1);
    [parts[i], parts[j]] = [parts[j], parts[i]];
  }
  return head + parts.join('\n');
}

/**
 * Writes the codebase into `dir` (created if missing) and returns what it made.
 * @param {string} dir
 * @param {{ files?: number, legacyRatio?: number, seed?: number, nearMissRatio?: number, legacyFamily?: keyof
 * typeof LEGACY_FAMILIES }} [options]
 * @returns {{ dir: string, files: number, bytes: number, legacyFiles: string[], nearMissFiles: string[], byExtension:
 * Record<string, number> }}
 */
export function generateSyntheticCodebase(
  dir,
  { files = 10_000, legacyRatio = 0.01, seed = 1, nearMissRatio = 0.001, legacyFamily = 'record' } = {},
) {
  const family = LEGACY_FAMILIES[legacyFamily];
  if (!Object.hasOwn(LEGACY_FAMILIES, legacyFamily))
    throw new Error(`legacyFamily ${legacyFamily}: expected one of ${Object.keys(LEGACY_FAMILIES).join(', ')}`);
  const rand = rng(seed);
  const n = makeNames(rand);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify(
      { name: 'synthetic-app', private: true, dependencies: { '@tarojs/taro': '^4.0.0', react: '^18.0.0' } },
      null,
      2,
    ) + '\n',
  );
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { jsx: 'react-jsx', strict: true } }, null, 2) + '\n',
  );

  // Pick exactly round(files * ratio) legacy files, spread over the tree.
  const legacyCount = Math.round(files * legacyRatio);
  const nearMissCount = Math.round(files * nearMissRatio);
  const order = Array.from({ length: files }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const kindOf = new Map();
  order.slice(0, legacyCount).forEach((i) => kindOf.set(i, 'legacy'));
  order.slice(legacyCount, legacyCount + nearMissCount).forEach((i) => kindOf.set(i, 'near-miss'));

  const areas = ['pages', 'components', 'utils', 'services', 'store', 'hooks', 'packageA/pages', 'packageB/pages'];
  const legacyFiles = [];
  const nearMissFiles = [];
  const byExtension = {};
  let bytes = 0;
  let folder = '';
  for (let i = 0; i < files; i++) {
    if (i % 20 === 0) folder = path.join('src', n.pick(areas), `${n.camel()}-${Math.floor(i / 20)}`);
    const r = rand();
    const ext = r < 0.4 ? '.ts' : r < 0.7 ? '.tsx' : r < 0.95 ? '.js' : '.jsx';
    const kind = kindOf.get(i) ?? 'plain';
    const rel = path.join(folder, `${n.camel()}-${i}${ext}`);
    const text = fileBody(ext, kind, n, targetSize(rand), family, legacyFiles.length);
    fs.mkdirSync(path.join(dir, folder), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
    bytes += Buffer.byteLength(text);
    byExtension[ext] = (byExtension[ext] ?? 0) + 1;
    if (kind === 'legacy') legacyFiles.push(rel);
    if (kind === 'near-miss') nearMissFiles.push(rel);
  }
  return { dir, files, bytes, legacyFiles, nearMissFiles, byExtension };
}
