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
 *
 * `configs.standalone`: the rule alone, with a parser of its own (text-parser.ts), for a
 * separate ESLint 9 run over a project that has no ESLint (a native mini-program) or whose own
 * setup is to stay as it is (a Taro 1/2 project's ESLint 5): nothing else to install.
 */
import { PACKAGE_NAME } from '../rewrite/light';
import { packageVersion } from '../package-info';
import { noDeprecatedApi, RULE_NAME } from './rule';
import { textParserFor } from './text-parser';
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

interface StandaloneConfig extends FlatConfig {
  files: string[];
  languageOptions: { parser: ReturnType<typeof textParserFor> };
  linterOptions: { reportUnusedDisableDirectives: 'off' };
}

/**
 * The scripts the codemod migrates (a `.vue` component needs vue-eslint-parser: the recommended config, in the
 * project's own ESLint).
 */
const STANDALONE_FILES = ['**/*.{js,jsx,ts,tsx,mjs,cjs,mts,cts}'];

const plugin = {
  meta: { name: `${PACKAGE_NAME}/eslint`, version: packageVersion() },
  rules,
  configs: {} as { recommended: FlatConfig; standalone: StandaloneConfig },
  /** The rules the recommended configs turn on (the eslintrc package builds its config from it). */
  recommendedRules,
  prefix: PLUGIN_PREFIX,
};
plugin.configs.recommended = {
  name: `${PLUGIN_PREFIX}/recommended`,
  plugins: { [PLUGIN_PREFIX]: plugin },
  rules: recommendedRules,
};
plugin.configs.standalone = {
  name: `${PLUGIN_PREFIX}/standalone`,
  files: STANDALONE_FILES,
  languageOptions: { parser: textParserFor(`${PLUGIN_PREFIX}/${RULE_NAME}`) },
  // The project's directives name the rules of its own ESLint, which this run does not load: none is "unused" here, and
  // --fix must not remove them.
  linterOptions: { reportUnusedDisableDirectives: 'off' },
  plugins: { [PLUGIN_PREFIX]: plugin },
  rules: recommendedRules,
};

export = plugin;
