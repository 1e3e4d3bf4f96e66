// ESLint over the repository's own code (src, transforms, scripts, tests): `npm run lint`,
// part of `npm test`. typescript-eslint's recommended rules, without type information
// (fast enough to run on every test run). A disable comment that no longer silences
// anything is an error, so each one that stays means something.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      '.tmp/',
      'examples/',
      'runtime/',
      'babel/',
      'transform/',
      'eslint/',
      'packages/runtime/dist/',
      'packages/runtime/miniprogram_dist/',
      'packages/runtime/native/',
      'packages/runtime/h5/',
      'test/e2e/*/node_modules/',
      '__testfixtures__/',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_`-prefixed parameters and caught errors are unused on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Walking up a chain from `this` (`for (let scope = this; scope; scope = scope.parent)`)
      // is the one aliasing the code does; the rule's target, `const self = this` for a
      // callback, does not occur with arrow functions.
      '@typescript-eslint/no-this-alias': 'off',
      // `ok ? a() : b()` and `x && x()` as statements: the runtime's compact style.
      '@typescript-eslint/no-unused-expressions': ['error', { allowTernary: true, allowShortCircuit: true }],
    },
  },
  {
    // The runtime ships in mini-programs and browsers.
    files: ['src/runtime/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Fakes and captured output: platform objects are loose by design, and the CLI's tests
    // match terminal colour escapes on purpose.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-control-regex': 'off' },
  },
  {
    // CommonJS on purpose: loaded with require() by webpack 4, older Metro and ESLint 8's eslintrc.
    files: ['scripts/**/*.{js,mjs,cjs}', 'index.js', 'packages/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // bench:size's floors: the runtime's families as a WeChat-only build keeps them, on WeChat's own globals.
    files: ['scripts/bench/floors/**'],
    languageOptions: {
      globals: { wx: 'readonly', getCurrentPages: 'readonly', TARO_RECORD_COMPAT_OPTIONS: 'readonly' },
    },
  },
  {
    // Mini-program pages as WeChat apps write them (the canvas proof's programs): WeChat's globals, require().
    files: ['test/h5/canvas-programs/**/*.js'],
    languageOptions: { globals: { Page: 'readonly', wx: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
