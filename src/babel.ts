/** `taro-plugin-record-compat/babel`: the rewrite as a Babel 7 plugin. */
import recordCompatBabelPlugin from './rewrite/babel-plugin';

export type { RecordCompatMetadata } from './rewrite/babel-plugin';
export type { RewriteOptions, RewriteReport } from './rewrite/types';
export default recordCompatBabelPlugin;
