/**
 * ESLint for the rule's tests: ESLint 9 and ESLint 8.57 (the `eslint8` alias), each
 * with the parsers a project of each file kind uses (espree for JavaScript,
 * @typescript-eslint/parser for TypeScript, vue-eslint-parser for components, TypeScript
 * in their script blocks), and the rule from the sources.
 */
import * as path from 'path';
import { Linter as Linter9 } from 'eslint';
import vueParser from 'vue-eslint-parser';
import plugin from '../../src/eslint';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the npm alias has no types of its own
const { Linter: Linter8 } = require('eslint8') as { Linter: typeof Linter9 };
// require: its types need "exports" resolution, which this tsconfig's node10 does not do.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tsParser = require('@typescript-eslint/parser') as unknown;

export const RULE = 'record-compat/no-deprecated-api';

export const ESLINTS = [
  { name: 'ESLint 9', Linter: Linter9, version: Linter9.version },
  { name: 'ESLint 8', Linter: Linter8, version: Linter8.version },
] as const;

/** The language options a project would give this file kind. */
export function languageOptionsFor(file: string): Record<string, unknown> {
  const ext = path.extname(file);
  if (ext === '.vue') {
    return {
      parser: vueParser,
      parserOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module', extraFileExtensions: ['.vue'] },
    };
  }
  if (/^\.[cm]?tsx?$/.test(ext)) return { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: ext === '.tsx' } } };
  return {
    ecmaVersion: 'latest',
    sourceType: ext === '.cjs' ? 'commonjs' : 'module',
    parserOptions: { ecmaFeatures: { jsx: true } },
  };
}

/** A flat config that runs only the rule, with the options given, on this file. */
export function flatConfigFor(file: string, ruleOptions?: Record<string, unknown>): Linter9.Config[] {
  return [
    {
      files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts,vue}'],
      plugins: plugin.configs.recommended.plugins as never,
      languageOptions: languageOptionsFor(file) as never,
      // the fixtures' own directives name rules this config does not run (ESLint 9 reports and fixes them by default)
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      rules: { [RULE]: ruleOptions ? ['error', ruleOptions] : 'error' },
    },
  ];
}
