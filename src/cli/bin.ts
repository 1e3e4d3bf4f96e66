#!/usr/bin/env node
import { main } from './main';

const argv = process.argv.slice(2);
// `taro-plugin-record-compat audit …` is the audit (loaded only then: ts-morph is heavy); anything else migrates.
const run = argv[0] === 'audit' ? import('../audit/command').then(({ auditCommand }) => auditCommand(argv.slice(1))) : main(argv);

// exitCode rather than exit(): let stdout drain when it is a pipe.
run.then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
