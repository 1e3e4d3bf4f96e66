/*
 * The runtime's form of a module for every entry but the Taro entry (scripts/lib/wechat-build.mjs): each test of a
 * Taro build for WeChat folded as false, the code for other platforms kept as written, and nothing of `process` left,
 * which nothing defines outside Taro's builds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { foldWeChatBuild, readsTaroEnv } from '../../scripts/lib/wechat-build.mjs';
import { ROOT as root } from '../helpers/paths';

const WECHAT = "process.env.TARO_ENV == 'weapp'";
const OTHERS = "process.env.TARO_ENV != 'weapp'";
const DECLARE = 'declare const process: { env: { TARO_ENV?: string } };\n';

const fold = (body: string) => foldWeChatBuild(DECLARE + body, 'src/runtime/x.ts');

describe('foldWeChatBuild', () => {
  it.each([
    [`if (${WECHAT}) a();\nb();\n`, 'b();\n'],
    [`if (${OTHERS}) a();\nb();\n`, 'a();\nb();\n'],
    [`if (${WECHAT}) a();\nelse b();\n`, 'b();\n'],
    [`if (${WECHAT}) a();\nelse if (c) b();\n`, 'if (c) b();\n'],
    [`if (${OTHERS}) {\n  // why\n  a();\n  b();\n}\n`, '// why\na();\nb();\n'],
    [
      `function f() {\n  if (${WECHAT}) a();\n  else\n    try {\n      b();\n    } catch (e) {}\n}\n`,
      'function f() {\n  try {\n    b();\n  } catch (e) {}\n}\n',
    ],
    [`const m = ${WECHAT} ? a : b;\n`, 'const m = b;\n'],
    [`if (x && (${WECHAT} || f(x))) g();\n`, 'if (x && f(x)) g();\n'],
    [`if (!c || (${OTHERS} && (!f(c) || !g(c)))) h();\n`, 'if (!c || (!f(c) || !g(c))) h();\n'],
    [`const r = ${OTHERS} && a && b(a) ? 1 : 2;\n`, 'const r = a && b(a) ? 1 : 2;\n'],
  ])('folds %j as false, and the declaration of process goes with it', (body, expected) => {
    expect(fold(body)).toEqual({ text: expected, problems: [] });
  });

  it('drops a WeChat-only branch with the comments above it on its lines', () => {
    expect(fold(`a();\n// WeChat only.\nif (${WECHAT}) b();\nc();\n`).text).toBe('a();\nc();\n');
    expect(fold(`if (${WECHAT})\n  // WeChat's has them all.\n  a();\nelse b();\n`).text).toBe('b();\n');
  });

  it('keeps what else reads process, and its declaration', () => {
    const text = `${DECLARE}const h5 = process.env.NODE_ENV;\nif (${WECHAT}) a();\n`;
    expect(foldWeChatBuild(text)).toEqual({ text: `${DECLARE}const h5 = process.env.NODE_ENV;\n`, problems: [] });
  });

  it.each([
    `const w = ${WECHAT};\n`,
    `if (!(${WECHAT})) a();\n`,
    `if (${OTHERS} || a) b();\n`,
    `if (a || ${WECHAT}) b();\n`,
    `const env = process.env.TARO_ENV;\n`,
    `for (const k of ks) if (${WECHAT}) a(k);\n`,
  ])('refuses %j, naming the file and line, and leaves the text as it was', (body) => {
    const { text, problems } = fold(`a();\n${body}`);
    expect(text).toBe(`${DECLARE}a();\n${body}`);
    expect(problems).toEqual([expect.stringMatching(/^src\/runtime\/x\.ts:3: the build cannot fold /)]);
  });

  it('leaves a module without the test as it is', () => {
    const text = `${DECLARE}export const a = 1;\n`;
    expect(readsTaroEnv(text)).toBe(false);
    expect(foldWeChatBuild(text)).toEqual({ text, problems: [] });
  });
});

describe("the runtime's families", () => {
  it.each(['record', 'voice', 'background-audio', 'audio-context'])(
    '%s: its form for the other entries parses, reads no process, and keeps every check of what a platform may lack',
    (name) => {
      const file = `src/runtime/${name}.ts`;
      const source = readFileSync(join(root, file), 'utf8');
      expect(readsTaroEnv(source)).toBe(true);
      const { text, problems } = foldWeChatBuild(source, file);
      expect(problems).toEqual([]);
      const names: string[] = [];
      const visit = (node: ts.Node): void => {
        if (ts.isIdentifier(node)) names.push(node.text);
        ts.forEachChild(node, visit);
      };
      visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
      expect(names).not.toContain('process');
      expect(ts.transpileModule(text, { fileName: file, reportDiagnostics: true }).diagnostics).toEqual([]);
      // Only WeChat's branches go: every check of what another platform may lack stays.
      const checks = (t: string) => (t.match(/\bisFn\(/g) ?? []).length;
      expect(checks(text)).toBe(checks(source));
    },
  );
});
