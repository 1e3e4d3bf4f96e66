/**
 * Taro's `script` rule (its babel-loader) made to compile the packages of `include`, as Taro's own
 * `compile.include` adds a package, whatever shape the rule has. Taro writes it three ways:
 * - only an `exclude`: Taro's condition that leaves out node_modules except Taro's own packages
 *   (webpack4's @tarojs/mini-runner and @tarojs/webpack-runner in every Taro 3; the webpack5
 *   runner up to 3.6.24), after the app's `compile.exclude` when it has one;
 * - only an `include`: the source folder and Taro's packages (the webpack5 runner from 3.6.25 and
 *   in Taro 4; webpack4 when the app sets `compile.include`);
 * - both: that `include`, and the app's `compile.exclude` (or, on H5, a condition of Taro's).
 * webpack compiles a file when it meets the `include` (if any) and no condition of the `exclude`.
 * So an included package joins the `include` where there is one, and Taro's own conditions of the
 * `exclude` no longer take it; the app's own `compile.exclude` stays as written (Taro's
 * `compile.include` never overrides it either). Every other file is compiled as before: adding an
 * `include` to a rule that had none would take the app's own source out of it.
 */
/** Taro's config as the plugin reads it (`ctx.initialConfig`): the compile options of each side. */
export interface CompileConfig {
  mini?: { compile?: { exclude?: unknown } };
  h5?: { compile?: { exclude?: unknown } };
}

/** The app's own `compile.exclude` of the side being built (`h5`, or a mini-program's `mini`). */
export function configuredExclude(config: CompileConfig | undefined, platform: string | undefined): unknown[] {
  const side = platform === 'h5' ? config?.h5 : config?.mini;
  const exclude = side?.compile?.exclude;
  return Array.isArray(exclude) ? exclude : [];
}

/**
 * What identifies a webpack condition across the copies Taro makes of the config (it merges the
 * config into new arrays, passing their items on): a string by its text, a RegExp by its source
 * and flags, a function by its code, anything else by itself.
 */
function conditionKey(condition: unknown): unknown {
  if (typeof condition === 'string') return `string:${condition}`;
  if (condition instanceof RegExp) return `regexp:${String(condition)}`;
  if (typeof condition === 'function') return `function:${Function.prototype.toString.call(condition)}`;
  return condition;
}

/** The part of webpack-chain's Rule this module edits: its `include` and `exclude` sets of conditions. */
export interface ScriptRuleLike {
  include: ChainedSetLike;
  exclude: ChainedSetLike;
}
interface ChainedSetLike {
  values(): unknown[];
  add(value: unknown): unknown;
  clear(): unknown;
}

/**
 * Makes `rule` compile the files `included` takes (a file of an included package), and every other
 * file as before. `appExclude`: the app's own `compile.exclude` (configuredExclude), kept as it is.
 */
export function compileIncludedPackages(
  rule: ScriptRuleLike,
  included: (file: string) => boolean,
  appExclude: readonly unknown[],
): void {
  // An `include` of the rule's own: the packages join it. (None: the rule takes every file it does not exclude.)
  if (rule.include.values().length > 0) rule.include.add(included);
  const apps = new Set(appExclude.map(conditionKey));
  const exclude = rule.exclude.values();
  const taros = exclude.filter((condition) => !apps.has(conditionKey(condition)));
  if (taros.length === 0) return;
  // webpack's logical conditions: Taro's own, except for the included packages (`not` is a list in webpack 4's schema).
  const exceptIncluded = { and: [{ or: taros }, { not: [included] }] };
  rule.exclude.clear();
  for (const condition of exclude) if (!taros.includes(condition)) rule.exclude.add(condition);
  rule.exclude.add(exceptIncluded);
}
