import type plugin = require('taro-plugin-record-compat/eslint');

declare const eslintrcPlugin: {
  meta: { name: string; version: string };
  rules: typeof plugin.rules;
  configs: {
    recommended: { plugins: string[]; rules: typeof plugin.recommendedRules };
    'flat/recommended': typeof plugin.configs.recommended;
  };
};
export = eslintrcPlugin;
