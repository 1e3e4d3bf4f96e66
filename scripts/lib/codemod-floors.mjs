/*
 * The floor rows of scripts/bench-codemod.mjs: small CommonJS programs, written into the bench's folder and run on its
 * tree, that do the least any codemod must do there (read every file and search it for the API names) and, as
 * references, that plus a parse or a scope crawl of each file that names the API.
 */

/**
 * A script that reads each file once and looks for the names (a plain recursive walk);
 * `setup` and `onHit` add work around that. The name test is the one every floor row
 * uses to pick the files that name the API (the "candidates"): the tree's family's names
 * (LEGACY_FAMILIES), each a plain `includes`.
 */
const walkSource = ({ names, setup = '', onHit = '' }) => `
const fs = require('fs');
const path = require('path');
${setup}
let files = 0, hits = 0;
const visit = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '.git') continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) visit(full);
    else if (e.isFile() && /\\.(js|jsx|ts|tsx)$/.test(e.name)) {
      const text = fs.readFileSync(full, 'utf8');
      files++;
      if (${names.map((name) => `text.includes('${name}')`).join(' || ')}) {
        hits++;
        ${onHit}
      }
    }
  }
};
visit(process.argv[2]);
process.stdout.write(JSON.stringify({ files, hits }));
`;

/** The floor: read every file and search it for the API names. */
export const floorSource = (names) => walkSource({ names });

/**
 * The engine's own parse (dist/src/rewrite/file/parse-check.js: @babel/parser with the options
 * the codemod uses, parser chosen from the extension by file-kinds.js): what the rewrite
 * must at least do with each candidate. Loaded on the first candidate, as in the CLI.
 */
const PARSER_SETUP = `const req = require('module').createRequire(process.argv[3]);
let parseScript, parserForFile;
const parse = (text, name) => {
  if (!parseScript) {
    ({ parseScript } = req('./dist/src/rewrite/file/parse-check.js'));
    ({ parserForFile } = req('./dist/src/rewrite/rules/file-kinds.js'));
  }
  return parseScript(text, parserForFile(name));
};`;

/** The parser floor: the floor, plus parsing each candidate. No scope, no rewrite, no printing. */
export const parserFloorSource = (names) => walkSource({ names, setup: PARSER_SETUP, onHit: 'parse(text, e.name);' });

/**
 * A reference row for the design choice, not the engine: the floor plus oxc-parser (a Rust
 * parser with a Node API and ESTree output; a dev dependency) on each candidate, the tree
 * read in full from JavaScript (`.program`). What parsing would cost with a native parser.
 */
export const oxcFloorSource = (names) =>
  walkSource({
    names,
    setup: `const req = require('module').createRequire(process.argv[3]);
let oxc;`,
    onHit: `oxc ??= req('oxc-parser');
        oxc.parseSync(e.name, text).program;`,
  });

/**
 * Babel's floor (a reference row): the parser floor plus an @babel/traverse scope crawl
 * of each candidate: the least any rewrite driven by the Babel visitor does.
 */
export const babelFloorSource = (names) =>
  walkSource({
    names,
    setup: `${PARSER_SETUP}
let traverse;`,
    onHit: `traverse ??= req('@babel/traverse').default;
        traverse(parse(text, e.name), { Program() {} });`,
  });
