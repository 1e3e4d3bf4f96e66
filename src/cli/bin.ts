#!/usr/bin/env node
import { main } from './main';

// exitCode rather than exit(): let stdout drain when it is a pipe.
process.exitCode = main(process.argv.slice(2));
