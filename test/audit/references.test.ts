import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { runAudit, type AuditFinding, type AuditResult } from '../../src/audit';
import { createAuditProject } from '../../src/audit/project';
import { loadConfig } from '../../src/audit/config';
import { NATIVE_JS_PROJECT, TARO_TS_PROJECT } from './fixtures';
import { auditedOnce, makeProject } from './helpers';

function inFile(result: AuditResult, file: string): AuditFinding[] {
  return result.findings.filter((f) => f.file === file);
}

function at(result: AuditResult, file: string, line: number): AuditFinding[] {
  return inFile(result, file).filter((f) => f.line === line);
}

describe('a Taro TypeScript project (tsconfig)', () => {
  const audited = auditedOnce(TARO_TS_PROJECT);

  it('uses the tsconfig', () => {
    expect(audited.result.config).toBe('tsconfig.json');
  });

  it('reports direct Taro calls at their position, as handled by the rewrite', () => {
    const direct = inFile(audited.result, 'src/direct.ts');
    expect(direct.map((f) => [f.line, f.column, f.expression, f.api, f.status])).toEqual([
      [4, 3, 'Taro.startRecord(…)', 'startRecord', 'handled'],
      [5, 20, 'Taro.stopRecord()', 'stopRecord', 'handled'],
    ]);
  });

  it('follows a cross-file alias of Taro and says why the rewrite cannot', () => {
    const [finding, ...rest] = inFile(audited.result, 'src/use-api.ts');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      line: 4,
      column: 3,
      expression: 'api.startRecord(…)',
      kind: 'member',
      status: 'manual',
    });
    expect(finding.reason).toContain('`api`');
    expect(finding.reason).toContain('another module (src/api.ts:3)');
  });

  it('follows functions through a re-exporting wrapper module, renamed twice', () => {
    const page = inFile(audited.result, 'src/page.ts');
    expect(page.map((f) => [f.line, f.expression, f.api, f.kind])).toEqual([
      [4, 'record(…)', 'startRecord', 'alias'],
      [5, 'halt()', 'stopRecord', 'alias'],
    ]);
    // the values come from `Taro.startRecord` / `Taro.stopRecord` that the rewrite replaces, so the calls follow
    expect(page.every((f) => f.status === 'handled')).toBe(true);
    expect(page[0].reason).toContain('src/recorder.ts:3');
    expect(inFile(audited.result, 'src/recorder.ts').map((f) => [f.line, f.kind, f.status])).toEqual([
      [3, 'member', 'handled'],
      [4, 'member', 'handled'],
    ]);
  });

  it('follows destructuring, and the destructured function exported and imported under another name', () => {
    const declarations = at(audited.result, 'src/destructure.ts', 3);
    expect(declarations.map((f) => [f.column, f.api, f.kind])).toEqual([
      [9, 'startRecord', 'destructure'],
      [22, 'stopRecord', 'destructure'],
    ]);
    expect(at(audited.result, 'src/destructure.ts', 6)).toMatchObject([
      { expression: 'startRecord(…)', kind: 'alias', status: 'handled' },
    ]);
    expect(inFile(audited.result, 'src/use-stop.ts')).toMatchObject([
      { line: 3, expression: 'finish()', api: 'stopRecord', kind: 'alias' },
    ]);
  });

  it('reports a wrapper typed `typeof Taro.startRecord` and the calls through it as needing a person', () => {
    expect(inFile(audited.result, 'src/wrapper.ts')).toMatchObject([
      { line: 3, expression: 'typeof Taro.startRecord', kind: 'type', status: 'manual' },
    ]);
    const [call] = inFile(audited.result, 'src/use-wrapper.ts');
    expect(call).toMatchObject({ line: 3, expression: 'recordLogged(…)', status: 'manual', api: 'startRecord' });
    expect(call.reason).toContain('src/wrapper.ts:3');
  });

  it('does not report a local `wx`, nor CameraContext.startRecord/stopRecord', () => {
    expect(inFile(audited.result, 'src/local-wx.ts')).toEqual([]);
    expect(inFile(audited.result, 'src/camera.ts')).toEqual([]);
    // and the rewrite agrees: nothing it would change is disowned by the checker
    expect(audited.result.rewriteOnly).toEqual([]);
  });

  it('resolves the global wx of the WeChat typings', () => {
    expect(inFile(audited.result, 'src/global-wx.ts')).toMatchObject([
      { line: 2, expression: 'wx.startRecord(…)', status: 'handled' },
    ]);
  });

  it("passes the rewrite's own reason on for what it saw and left to a person", () => {
    const [reexport] = inFile(audited.result, 'src/reexport.ts');
    expect(reexport).toMatchObject({ kind: 'import', status: 'manual' });
    expect(reexport.reason).toMatch(/re-export/);
    const [dynamic] = inFile(audited.result, 'src/dynamic.ts');
    // the checker knows `key` is 'stopRecord' | 'getSetting'
    expect(dynamic).toMatchObject({
      line: 5,
      expression: 'Taro[key]',
      kind: 'dynamic',
      api: 'stopRecord',
      certainty: 'certain',
      status: 'manual',
    });
  });

  it('counts what needs a person', () => {
    expect(audited.result.needsPerson).toBe(audited.result.findings.filter((f) => f.status === 'manual').length);
    expect(audited.result.needsPerson).toBeGreaterThanOrEqual(5);
  });

  it('reports only inside the given paths, still following aliases defined outside them', async () => {
    const scoped = await runAudit({ cwd: audited.project.dir, paths: ['src/page.ts'] });
    expect(scoped.config).toBe('tsconfig.json');
    expect([...new Set(scoped.findings.map((f) => f.file))]).toEqual(['src/page.ts']);
    expect(scoped.findings.map((f) => f.expression)).toEqual(['record(…)', 'halt()']);
  });
});

describe('a plain JavaScript mini-program (no tsconfig)', () => {
  const audited = auditedOnce(NATIVE_JS_PROJECT);

  it('works without a config, with the bundled WeChat typings', () => {
    expect(audited.result.config).toBeNull();
    expect(inFile(audited.result, 'pages/direct/direct.js').map((f) => [f.line, f.column, f.api, f.status])).toEqual([
      [3, 5, 'startRecord', 'handled'],
      [6, 5, 'stopRecord', 'handled'],
    ]);
  });

  it("reads no DOM declarations: console and setTimeout are WeChat's", () => {
    const project = makeProject({ 'app.js': 'console.log(1);\nsetTimeout(() => wx.startRecord({}), 1);\n' });
    try {
      const config = loadConfig(project.dir, [], undefined);
      const { program, checker } = createAuditProject(config.options, config.fileNames);
      expect(program.getSourceFiles().some((sf) => /lib\.dom/.test(sf.fileName))).toBe(false);
      const app = program.getSourceFiles().find((sf) => sf.fileName.endsWith('/app.js'))!;
      const declaredIn = (name: string) => {
        const found = app.statements.flatMap((statement) => {
          const call = (statement as ts.ExpressionStatement).expression as ts.CallExpression;
          const callee = ts.isPropertyAccessExpression(call.expression) ? call.expression.expression : call.expression;
          return callee.getText(app) === name ? [checker.getSymbolAtLocation(callee)!] : [];
        });
        return found[0].declarations!.map((d) => path.basename(d.getSourceFile().fileName));
      };
      expect(declaredIn('console')).toEqual(['index.d.ts']);
      expect(declaredIn('setTimeout')).toEqual(['index.d.ts']);
    } finally {
      project.remove();
    }
  });

  it('follows functions stored in a CommonJS module and called through require in another file', () => {
    expect(inFile(audited.result, 'pages/index/index.js').map((f) => [f.line, f.expression, f.api, f.kind])).toEqual([
      [5, 'recorder.begin(…)', 'startRecord', 'alias'],
      [8, 'recorder.end()', 'stopRecord', 'alias'],
    ]);
    expect(inFile(audited.result, 'pages/index/index.js')[0].reason).toContain('utils/recorder.js:2');
  });

  it('follows a function destructured (and renamed) from require() in another file', () => {
    expect(inFile(audited.result, 'pages/other/other.js')).toMatchObject([
      { line: 5, column: 5, expression: 'finish()', api: 'stopRecord', kind: 'alias', status: 'handled' },
    ]);
  });

  it('reports `wx[name]` with an unknown key as a possible reference that needs a person', () => {
    expect(inFile(audited.result, 'utils/call.js')).toMatchObject([
      { line: 2, expression: 'wx[name](…)', kind: 'dynamic', api: null, certainty: 'possible', status: 'manual' },
    ]);
  });

  it('leaves out a parameter named wx and a CameraContext', () => {
    expect(inFile(audited.result, 'utils/param.js')).toEqual([]);
    expect(inFile(audited.result, 'pages/camera/camera.js')).toEqual([]);
  });

  it('leaves out web JS-SDK code, saying why', () => {
    expect(inFile(audited.result, 'h5/voice.js')).toEqual([]);
    expect(audited.result.skippedFiles).toHaveLength(1);
    expect(audited.result.skippedFiles[0].file).toBe('h5/voice.js');
    expect(audited.result.skippedFiles[0].reason).toMatch(/JS-SDK/);
    // the type checker saw the one wx.startRecord there: shown, not counted
    expect(audited.result.skippedFiles[0].references).toBe(1);
  });

  it('needs a person only for the computed access', () => {
    expect(audited.result.needsPerson).toBe(1);
  });
});

describe('the type checker, not the spelling', () => {
  it('finds `api.startRecord` where `api` is Taro assigned in another file under an unrelated name, and nothing in comments or strings', async () => {
    const project = makeProject({
      'jsconfig.json': JSON.stringify({ compilerOptions: { checkJs: false } }),
      'lib/platform.js': "import Taro from '@tarojs/taro'\nexport const platform = { api: Taro }\n",
      'lib/use.js': [
        "import { platform } from './platform'",
        '// platform.api.startRecord() is deprecated',
        "const note = 'startRecord'",
        'export const go = () => platform.api.stopRecord()',
        '',
      ].join('\n'),
    });
    try {
      const result = await runAudit({ cwd: project.dir });
      expect(result.config).toBe('jsconfig.json');
      expect(result.findings.map((f) => [f.file, f.line, f.expression, f.status])).toEqual([
        ['lib/use.js', 4, 'platform.api.stopRecord()', 'manual'],
      ]);
    } finally {
      project.remove();
    }
  });
});

describe('a tsconfig without allowJs', () => {
  it('still audits the .js files beside the .ts (the build compiles them anyway)', async () => {
    const project = makeProject({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, types: [] } }),
      'src/app.ts': "import Taro from '@tarojs/taro'\nexport const go = () => Taro.stopRecord()\n",
      'src/legacy/voice.js': 'export function start() {\n  wx.startRecord({})\n}\n',
    });
    try {
      const result = await runAudit({ cwd: project.dir });
      expect(result.findings.map((f) => [f.file, f.line, f.api, f.status])).toEqual([
        ['src/app.ts', 2, 'stopRecord', 'handled'],
        ['src/legacy/voice.js', 2, 'startRecord', 'handled'],
      ]);
    } finally {
      project.remove();
    }
  });
});

describe('a solution-style tsconfig over .vue components (create-vue: tsconfig.node.json, then tsconfig.app.json)', () => {
  it('audits a component with the options of the config whose include names it (its paths alias resolves)', async () => {
    const project = makeProject({
      'tsconfig.json': JSON.stringify({
        files: [],
        references: [{ path: './tsconfig.node.json' }, { path: './tsconfig.app.json' }],
      }),
      'tsconfig.node.json': JSON.stringify({
        compilerOptions: { composite: true, module: 'esnext', moduleResolution: 'bundler', types: [] },
        include: ['vite.config.ts'],
      }),
      'tsconfig.app.json': JSON.stringify({
        compilerOptions: {
          composite: true,
          module: 'esnext',
          moduleResolution: 'bundler',
          strict: true,
          jsx: 'preserve',
          paths: { '@/*': ['./src/*'] },
        },
        include: ['src/**/*', 'src/**/*.vue'],
      }),
      'vite.config.ts': 'export default {}\n',
      'src/api.ts': 'export const api = wx\n',
      'src/Comp.vue':
        '<script setup lang="ts">\nimport { api } from \'@/api\'\nfunction go() { api.startRecord({}) }\n</script>\n<template><button @click="go">rec</button></template>\n',
    });
    try {
      const result = await runAudit({ cwd: project.dir });
      expect(result.findings.map((f) => [f.file, f.line, f.api, f.status])).toEqual([
        ['src/Comp.vue', 3, 'startRecord', 'manual'],
      ]);
    } finally {
      project.remove();
    }
  });
});

describe('a referenced project imported as a workspace package', () => {
  it('is read from its source when its declarations are not built (as tsc -b and editors read it)', async () => {
    const compiled = {
      composite: true,
      strict: true,
      rootDir: 'src',
      outDir: 'dist',
      module: 'commonjs',
      moduleResolution: 'node',
    };
    const project = makeProject({
      'tsconfig.json': JSON.stringify({
        files: [],
        references: [{ path: './packages/core' }, { path: './packages/app' }],
      }),
      'packages/core/package.json': JSON.stringify({
        name: '@org/core',
        main: 'dist/index.js',
        types: 'dist/index.d.ts',
      }),
      'packages/core/tsconfig.json': JSON.stringify({ compilerOptions: compiled, include: ['src'] }),
      'packages/core/src/index.ts': "export const api = wx\nexport { rec } from './rec'\n",
      'packages/core/src/rec.ts': 'export const rec = wx.startRecord\n',
      'packages/app/tsconfig.json': JSON.stringify({
        compilerOptions: compiled,
        include: ['src'],
        references: [{ path: '../core' }],
      }),
      'packages/app/src/page.ts': "import { api } from '@org/core'\nexport const stop = () => api.stopRecord()\n",
      'packages/app/src/alias.ts': "import { rec } from '@org/core'\nexport const go = () => rec({})\n",
    });
    try {
      // the workspace's link, as npm, pnpm and yarn make it
      fs.mkdirSync(path.join(project.dir, 'node_modules/@org'), { recursive: true });
      fs.symlinkSync(path.join(project.dir, 'packages/core'), path.join(project.dir, 'node_modules/@org/core'), 'dir');
      const expected = [
        ['packages/app/src/alias.ts', 2, 'startRecord', 'alias', 'handled'],
        ['packages/app/src/page.ts', 2, 'stopRecord', 'member', 'manual'],
        ['packages/core/src/rec.ts', 1, 'startRecord', 'member', 'handled'],
      ];
      const result = await runAudit({ cwd: project.dir });
      expect(result.findings.map((f) => [f.file, f.line, f.api, f.kind, f.status])).toEqual(expected);
      // the app's own config, with its reference (what it imports from there is read, as any file it imports)
      const app = await runAudit({ cwd: project.dir, project: 'packages/app' });
      expect(app.findings.map((f) => [f.file, f.line, f.api, f.kind, f.status])).toEqual(expected);
    } finally {
      project.remove();
    }
  });

  it('leaves out a package that is no referenced project, linked from outside node_modules as the referenced one is', async () => {
    const compiled = {
      composite: true,
      strict: true,
      rootDir: 'src',
      outDir: 'dist',
      module: 'commonjs',
      moduleResolution: 'node',
    };
    const project = makeProject({
      'tsconfig.json': JSON.stringify({
        files: [],
        references: [{ path: './packages/core' }, { path: './packages/app' }],
      }),
      'packages/core/package.json': JSON.stringify({
        name: '@org/core',
        main: 'dist/index.js',
        types: 'dist/index.d.ts',
      }),
      'packages/core/tsconfig.json': JSON.stringify({ compilerOptions: compiled, include: ['src'] }),
      'packages/core/src/index.ts': 'export const api = wx\n',
      'packages/app/tsconfig.json': JSON.stringify({
        compilerOptions: compiled,
        include: ['src'],
        references: [{ path: '../core' }],
      }),
      'packages/app/src/page.ts':
        "import { api } from '@org/core'\nimport { record } from 'vendor-recorder'\nexport const stop = () => api.stopRecord()\nexport const go = record\n",
    });
    // a package the codemod never migrates, kept elsewhere and linked in (npm link)
    const vendor = fs.mkdtempSync(path.join(path.dirname(project.dir), 'audit-vendor-'));
    try {
      fs.writeFileSync(
        path.join(vendor, 'package.json'),
        JSON.stringify({ name: 'vendor-recorder', types: 'index.ts', main: 'index.ts' }),
      );
      fs.writeFileSync(path.join(vendor, 'index.ts'), 'export const record = () => wx.startRecord({})\n');
      fs.mkdirSync(path.join(project.dir, 'node_modules/@org'), { recursive: true });
      fs.symlinkSync(path.join(project.dir, 'packages/core'), path.join(project.dir, 'node_modules/@org/core'), 'dir');
      fs.symlinkSync(vendor, path.join(project.dir, 'node_modules/vendor-recorder'), 'dir');
      const result = await runAudit({ cwd: project.dir });
      expect(result.findings.map((f) => [f.file, f.line, f.api, f.status])).toEqual([
        ['packages/app/src/page.ts', 3, 'stopRecord', 'manual'],
      ]);
    } finally {
      project.remove();
      fs.rmSync(vendor, { recursive: true, force: true });
    }
  });
});

describe('a folder named on the command line', () => {
  it("is audited with the current folder's tsconfig when it has none of its own (its `paths` resolve)", async () => {
    const project = makeProject({
      'tsconfig.json': JSON.stringify({
        compilerOptions: { strict: true, baseUrl: '.', paths: { '@/*': ['src/*'] } },
        include: ['src'],
      }),
      'src/utils/api.ts': 'export const api = wx\n',
      'src/pages/page.ts': "import { api } from '@/utils/api'\nexport const go = () => api.startRecord({})\n",
    });
    try {
      const result = await runAudit({ cwd: project.dir, paths: ['src/pages'] });
      expect(result.config).toBe('tsconfig.json');
      expect(result.findings.map((f) => [f.file, f.line, f.api, f.status])).toEqual([
        ['src/pages/page.ts', 2, 'startRecord', 'manual'],
      ]);
    } finally {
      project.remove();
    }
  });
});

describe('a folder below the config, audited from there', () => {
  it('says that the config above, which lists its files, was not used (the files were read as plain JavaScript)', async () => {
    const project = makeProject({
      'tsconfig.json': JSON.stringify({
        compilerOptions: { strict: true, baseUrl: '.', paths: { '@/*': ['src/*'] } },
        include: ['src'],
      }),
      'src/utils/api.ts': 'export const api = wx\n',
      'src/pages/page.ts': "import { api } from '@/utils/api'\nexport const go = () => api.startRecord({})\n",
      'tools/tsconfig.json': JSON.stringify({ include: ['build.ts'] }),
      'tools/build.ts': 'export {}\n',
      'tools/legacy/old.js': 'wx.startRecord({})\n',
    });
    try {
      const result = await runAudit({ cwd: `${project.dir}/src/pages` });
      expect(result.config).toBeNull();
      expect(result.warnings).toEqual([
        '../../tsconfig.json is not used: the config is looked for in the first path and the current folder only, so the files were read as plain JavaScript, without its paths and options (references through them may be missing); run the audit there, or name it with --project',
      ]);
      // a config above that lists none of the files read (a tools folder's own) is not the project's: nothing to say
      expect((await runAudit({ cwd: `${project.dir}/tools/legacy` })).warnings).toEqual([]);
    } finally {
      project.remove();
    }
  });
});

describe('a solution-style tsconfig', () => {
  it('audits the projects it references', async () => {
    const project = makeProject({
      'tsconfig.json': JSON.stringify({ files: [], references: [{ path: './tsconfig.app.json' }] }),
      'tsconfig.app.json': JSON.stringify({ compilerOptions: { composite: true, strict: true }, include: ['src'] }),
      'src/app.ts': "import Taro from '@tarojs/taro'\nexport const go = () => Taro.startRecord({})\n",
    });
    try {
      const result = await runAudit({ cwd: project.dir });
      expect(result.config).toBe('tsconfig.json');
      expect(result.findings.map((f) => [f.file, f.line, f.column])).toEqual([['src/app.ts', 2, 25]]);
    } finally {
      project.remove();
    }
  });

  it("checks each referenced project with its own options: the second one's `paths` resolve its imports", async () => {
    // core holds the namespace and a function of the API; app reaches both through its own `@core/*`, which core's
    // options do not have.
    const project = makeProject({
      'tsconfig.json': JSON.stringify({
        files: [],
        references: [{ path: './packages/core' }, { path: './packages/app' }],
      }),
      'packages/core/tsconfig.json': JSON.stringify({
        compilerOptions: { composite: true, strict: true, rootDir: 'src' },
        include: ['src'],
      }),
      'packages/core/src/api.ts': 'export const api = wx\n',
      'packages/core/src/rec.ts': 'export const rec = wx.startRecord\n',
      'packages/app/tsconfig.json': JSON.stringify({
        compilerOptions: {
          composite: true,
          strict: true,
          rootDir: 'src',
          baseUrl: '.',
          paths: { '@core/*': ['../core/src/*'] },
        },
        include: ['src'],
        references: [{ path: '../core' }],
      }),
      'packages/app/src/page.ts': "import { api } from '@core/api'\nexport const stop = () => api.stopRecord()\n",
      'packages/app/src/alias.ts': "import { rec } from '@core/rec'\nexport const go = () => rec({})\n",
    });
    try {
      const result = await runAudit({ cwd: project.dir });
      expect(result.findings.map((f) => [f.file, f.line, f.api, f.kind, f.status])).toEqual([
        ['packages/app/src/alias.ts', 2, 'startRecord', 'alias', 'handled'],
        ['packages/app/src/page.ts', 2, 'stopRecord', 'member', 'manual'],
        ['packages/core/src/rec.ts', 1, 'startRecord', 'member', 'handled'],
      ]);
      expect(result.needsPerson).toBe(1);
    } finally {
      project.remove();
    }
  });
});
