/**
 * Loading oxc-parser, once per thread, on first use: the text rewrite's parser where it loads
 * (parse.ts), and the check of a chosen `oxc` where a door starts (checkParserChoice). Importing
 * this module loads nothing.
 */
export type OxcModule = typeof import('oxc-parser');

let oxc: OxcModule | null | undefined;
/** Why it did not load: the first line of what requiring it threw. */
let whyNot = '';

/** oxc-parser, or null where it does not load (Babel then reads every file). */
export function loadOxc(): OxcModule | null {
  if (oxc !== undefined) return oxc;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    oxc = require('oxc-parser') as OxcModule;
  } catch (error) {
    // No binary for this platform, or a Node before 20.19, which cannot require an ES module.
    oxc = null;
    const { code, message } = (error ?? {}) as { code?: string; message?: string };
    whyNot =
      code === 'ERR_REQUIRE_ESM'
        ? 'this Node cannot require it, an ES module (Node 20.19 and later can)'
        : String(message ?? error)
            .split('\n')[0]
            .replace(/\.$/, '');
  }
  return oxc;
}

/** Why oxc-parser does not load here (Node, platform, reason); null when it loads. */
export function oxcLoadFailure(): string | null {
  return loadOxc()
    ? null
    : `oxc-parser does not load on Node ${process.versions.node} (${process.platform}-${process.arch}): ${whyNot}`;
}
