/*
 * The apps scripts/bench-build.mjs builds, made from the example (`at.example`) in a folder of the bench's (`at.tmp`),
 * each sharing the example's node_modules: the example itself, the example with many more pages, one without legacy
 * calls, one that records but never plays.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * How the generated pages read system info (BENCH_FAMILY=system-info), one legacy call a page, in
 * turn: what the rewrite asks for follows what the code reads (docs/contract.md, Decision S1).
 * `module`: code at the page module's top level; `effect`: the body of its mount effect, which
 * shows what it read with setInfo.
 */
export const SYSTEM_INFO_SHAPES = [
  {
    shape: 'a member read',
    effect: 'const width = Taro.getSystemInfoSync().windowWidth\n    setInfo(`${width} px wide`)',
  },
  {
    shape: 'a destructuring of fields of three groups',
    effect:
      'const { statusBarHeight, model, SDKVersion } = Taro.getSystemInfoSync()\n' +
      '    setInfo(`${model}, base library ${SDKVersion}, status bar ${statusBarHeight} px`)',
  },
  {
    shape: 'a local, then field reads',
    effect:
      'const info = Taro.getSystemInfoSync()\n    const rpx = info.windowWidth / 750\n' +
      '    setInfo(`${info.platform}: 1 rpx = ${rpx * info.pixelRatio} device px`)',
  },
  {
    shape: 'the whole object, kept in a cache and passed on',
    module:
      "// Read once, kept for the app's lifetime (as libraries keep it).\nlet cached: any\n" +
      'function systemInfo() {\n  if (!cached) cached = Taro.getSystemInfoSync()\n  return cached\n}\n\n',
    effect: 'setInfo(JSON.stringify(systemInfo()))',
  },
  {
    shape: 'Taro.getSystemInfo with success',
    effect:
      'Taro.getSystemInfo({\n      success: (res) => setInfo(`${res.windowWidth} × ${res.windowHeight}`),\n    })',
  },
];

/** A copy of the example's project files (sharing its node_modules) in `at.tmp`/name. */
export function copyApp(at, name) {
  const dir = path.join(at.tmp, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const entry of [
    'babel.config.js',
    'config',
    'project.config.json',
    'tsconfig.json',
    'types',
    'package.json',
    'src',
  ]) {
    fs.cpSync(path.join(at.example, entry), path.join(dir, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(at.example, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/**
 * The example with `pages` more pages: with the family `record` each a renamed copy of one of its three legacy pages,
 * with `system-info` a page that reads system info (systemInfoPage).
 */
export function makeManyPages(at, { family, pages: count }) {
  const dir = copyApp(at, family === 'record' ? `app-${count}-pages` : `app-${count}-pages-${family}`);
  const pages = [];
  for (let i = 1; i <= count; i++) {
    const name = `p${String(i).padStart(3, '0')}`;
    const pageDir = path.join(dir, 'src/pages', name);
    fs.mkdirSync(pageDir, { recursive: true });
    fs.writeFileSync(path.join(pageDir, 'index.tsx'), family === 'record' ? recordPage(at, i) : systemInfoPage(i));
    fs.writeFileSync(
      path.join(pageDir, 'index.config.ts'),
      `export default definePageConfig({ navigationBarTitleText: 'Page ${i}' })\n`,
    );
    pages.push(`pages/${name}/index`);
  }
  fs.writeFileSync(
    path.join(dir, 'src/app.config.ts'),
    `export default defineAppConfig({\n  pages: ${JSON.stringify(['pages/index/index', 'pages/memo/index', 'pages/classic/index', ...pages], null, 2)},\n})\n`,
  );
  return dir;
}

/** Page i as a renamed copy of one of the example's three legacy pages. */
function recordPage(at, i) {
  const templates = ['index', 'memo', 'classic'];
  const code = fs.readFileSync(
    path.join(at.example, 'src/pages', templates[i % templates.length], 'index.tsx'),
    'utf8',
  );
  // Distinct components and texts so webpack cannot merge the copies.
  return code
    .replace(/export default (function|class) (\w+)/, `export default $1 $2${i}`)
    .replace(/'Record'|>Record</, (m) => m.replace('Record', `Record ${i}`));
}

/** Page i reading system info in the i-th of SYSTEM_INFO_SHAPES (in turn), its texts its own. */
function systemInfoPage(i) {
  const { module = '', effect } = SYSTEM_INFO_SHAPES[(i - 1) % SYSTEM_INFO_SHAPES.length];
  return [
    "import { useEffect, useState } from 'react'",
    "import { View, Button, Text } from '@tarojs/components'",
    "import Taro from '@tarojs/taro'",
    '',
    `${module}export default function SystemInfo${i}() {`,
    "  const [info, setInfo] = useState('')",
    '  useEffect(() => {',
    `    ${effect}`,
    '  }, [])',
    `  const onTap = () => Taro.showToast({ title: 'Page ${i}' })`,
    '  return (',
    "    <View className='row'>",
    `      <Text>Page ${i}</Text>`,
    "      <Text id='info'>{info}</Text>",
    '      <Button onClick={onTap}>Tap</Button>',
    '    </View>',
    '  )',
    '}',
    '',
  ].join('\n');
}

/** The example with every recording removed: what a project that never used the legacy API builds. */
export function makeNoLegacy(at) {
  const dir = copyApp(at, 'app-no-legacy');
  fs.rmSync(path.join(dir, 'src/pages'), { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'src/pages/index'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'src/pages/index/index.tsx'),
    [
      "import { useState } from 'react'",
      "import { View, Button, Text } from '@tarojs/components'",
      "import Taro from '@tarojs/taro'",
      '',
      'export default function Index() {',
      '  const [n, setN] = useState(0)',
      "  const onTap = () => { setN(n + 1); Taro.showToast({ title: 'tapped' }) }",
      '  return <View><Button onClick={onTap}>Tap</Button><Text>{n}</Text></View>',
      '}',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'src/pages/index/index.config.ts'),
    "export default definePageConfig({ navigationBarTitleText: 'No recording' })\n",
  );
  fs.writeFileSync(
    path.join(dir, 'src/app.config.ts'),
    "export default defineAppConfig({ pages: ['pages/index/index'] })\n",
  );
  return dir;
}

/**
 * The example as an app that records but never plays back: its voice calls
 * (`Taro.playVoice(…)`, `wx.stopVoice(…)`) call a local stub instead. The pages
 * keep their shape, so the difference to the example is the voice API's share
 * of dist/ (the runtime's voice module and its imports).
 */
export function makeRecordOnly(at) {
  const dir = copyApp(at, 'app-record-only');
  const voiceCall = /\b(?:Taro|wx)\.(?:playVoice|pauseVoice|stopVoice)\(/g;
  let replaced = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.[jt]sx?$/.test(e.name)) {
        const code = fs.readFileSync(p, 'utf8');
        const stubbed = code.replace(voiceCall, () => (replaced++, 'noVoice('));
        if (stubbed !== code)
          fs.writeFileSync(
            p,
            `${stubbed}\nfunction noVoice(_option?: any): Promise<any> {\n  return Promise.resolve()\n}\n`,
          );
      }
    }
  };
  walk(path.join(dir, 'src'));
  if (replaced === 0) throw new Error('the example has no voice call to take out');
  return dir;
}
