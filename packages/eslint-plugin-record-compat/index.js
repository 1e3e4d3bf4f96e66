'use strict';
/*
 * eslint-plugin-record-compat: the rule of taro-plugin-record-compat under the package name
 * eslintrc (ESLint 5.16 to 8) looks plugins up by (`plugins: ['record-compat']` loads
 * `eslint-plugin-record-compat`). The rule itself lives in taro-plugin-record-compat/eslint;
 * this file only re-exports it and adds the eslintrc form of the recommended config.
 */
const plugin = require('taro-plugin-record-compat/eslint');

module.exports = {
  meta: { name: 'eslint-plugin-record-compat', version: require('./package.json').version },
  rules: plugin.rules,
  configs: {
    // eslintrc (ESLint 5.16 to 8): "extends": ["plugin:record-compat/recommended"]
    recommended: { plugins: [plugin.prefix], rules: plugin.recommendedRules },
    // flat config (ESLint 9, or 8.57+ with eslint.config.js): the same as taro-plugin-record-compat/eslint's
    'flat/recommended': plugin.configs.recommended,
  },
};
