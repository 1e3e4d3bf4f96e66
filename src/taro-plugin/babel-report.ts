/**
 * A companion Babel plugin placed right after the rewrite plugin: when a file
 * is done it hands the rewrite's report (file.metadata.recordCompat) to the
 * build's collector. Loaded by path from babel-loader, in the build's process.
 */
import type { PluginObj } from '@babel/core';
import type { RewriteReport } from '../rewrite/light';
import { findCollector } from './collector';

interface ReportPluginOptions {
  collectorId?: string;
}

export default function recordCompatReport(_api: unknown, options: ReportPluginOptions): PluginObj {
  return {
    name: 'record-compat-report',
    visitor: {},
    post(file) {
      const filename = file.opts.filename;
      if (!filename || !options.collectorId) return;
      const metadata = file.metadata as unknown as { recordCompat?: RewriteReport };
      // file.code is the text this run read: the collector counts a text it has seen in this build once.
      findCollector(options.collectorId)?.record(filename, metadata.recordCompat, file.code);
    },
  };
}
