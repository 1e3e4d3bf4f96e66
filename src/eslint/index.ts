/**
 * `taro-plugin-record-compat/eslint`: the ESLint plugin. One rule, `no-deprecated-api`
 * (rule.ts), and `configs.recommended`, a flat config for ESLint 9 (and 8.57+ with
 * eslint.config.js):
 *
 *   // eslint.config.js
 *   const recordCompat = require('taro-plugin-record-compat/eslint');
 *   module.exports = [recordCompat.configs.recommended];
 *
 * eslintrc (ESLint 5.16 to 8) finds plugins by package name: packages/eslint-plugin-record-compat
 * re-exports this plugin for it (`plugins: ['record-compat']`). Loaded in an ESLint older than
 * the rule is tested on, it fails to load with one sentence saying what it needs (version.ts).
 */
import { PACKAGE_NAME } from '../rewrite/light';
import { packageVersion } from '../package-info';
import { noDeprecatedApi, RULE_NAME } from './rule';
import { assertEslintVersion } from './version';

assertEslintVersion();

/** The plugin's name in a config: rules are `record-compat/<rule>`. */
const PLUGIN_PREFIX = 'record-compat';

const rules = { [RULE_NAME]: noDeprecatedApi };
const recommendedRules = { [`${PLUGIN_PREFIX}/${RULE_NAME}`]: 'error' as const };

interface FlatConfig {
  name: string;
  plugins: Record<string, unknown>;
  rules: typeof recommendedRules;
}

const plugin = {
  meta: { name: `${PACKAGE_NAME}/eslint`, version: packageVersion() },
  rules,
  configs: {} as { recommended: FlatConfig },
  /** The rules the recommended configs turn on (the eslintrc package builds its config from it). */
  recommendedRules,
  prefix: PLUGIN_PREFIX,
};
plugin.configs.recommended = { name: `${PLUGIN_PREFIX}/recommended`, plugins: { [PLUGIN_PREFIX]: plugin }, rules: recommendedRules };

export = plugin;
