/**
 * Every `@deprecated` tag of WeChat's own typings (miniprogram-api-typings: lib.wx.api.d.ts, and the
 * old lifecycles of lib.wx.component.d.ts) is a row of the API table, deprecated in the same base
 * library; and every row that names a version has its tag there. A tag a new version of the typings
 * adds fails here until the table says what happens to it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  handReasonOf,
  LEGACY_API_TABLE,
  legacyApiRow,
  migrationOf,
  type LegacyApiRow,
} from '../../src/rewrite/rules/legacy-apis';

const typings = join(dirname(require.resolve('miniprogram-api-typings/package.json')), 'types', 'wx');

interface Tag {
  /** Where it is: `lib.wx.api.d.ts:2753`. */
  where: string;
  /** The declaration it is on: `Wx.startRecord`, `CanvasContext.setFillStyle`, `CanvasContext` (the type itself). */
  on: string;
  /** The base library version the tag names. */
  since: string | undefined;
}

/** Each `@deprecated` tag of a typings file, with the declaration it is on (its interface, and its member if any). */
function tagsOf(file: string): Tag[] {
  const source = ts.createSourceFile(file, readFileSync(join(typings, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const tags: Tag[] = [];
  const visit = (node: ts.Node, container: string | undefined): void => {
    for (const tag of ts.getJSDocTags(node)) {
      if (tag.tagName.text !== 'deprecated' || !(ts.isInterfaceDeclaration(node) || ts.isTypeElement(node))) continue;
      const comment = ts.getTextOfJSDocComment(tag.comment) ?? '';
      const name = (node as ts.NamedDeclaration).name?.getText(source) ?? '';
      tags.push({
        where: `${file}:${source.getLineAndCharacterOfPosition(tag.getStart(source)).line + 1}`,
        on: ts.isInterfaceDeclaration(node) ? name : `${container}.${name}`,
        since: /基础库(?:版本)? *[[`]([\d.]+)/.exec(comment)?.[1],
      });
    }
    const inner = ts.isInterfaceDeclaration(node) ? node.name.text : container;
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  visit(source, undefined);
  return tags;
}

const TAGS = [...tagsOf('lib.wx.api.d.ts'), ...tagsOf('lib.wx.component.d.ts')];

/**
 * The row a tag is: a member of `Wx` is the platform object's; the lifecycles of `Component.Lifetimes` are
 * `Component.<name>`; any other interface's member is `<interface>.<name>`. A tag on a type itself (CanvasContext) is
 * the row of the API that creates it: one whose members are rows, each created by it.
 */
function rowOfTag(tag: Tag): LegacyApiRow | undefined {
  const [owner, member] = tag.on.split('.');
  if (member === undefined) {
    const members = (LEGACY_API_TABLE as readonly LegacyApiRow[]).filter((row) => row.owner === owner);
    const creators = new Set(members.map((row) => row.createdBy));
    return creators.size === 1 ? legacyApiRow([...creators][0]!) : undefined;
  }
  if (owner === 'Wx') return legacyApiRow(member);
  if (owner === 'Lifetimes') return legacyApiRow(`Component.${member}`);
  return legacyApiRow(tag.on);
}

describe("miniprogram-api-typings' @deprecated tags and the API table", () => {
  it('finds the tags: lib.wx.api.d.ts has the 78 of 5.2, lib.wx.component.d.ts the six lifecycles', () => {
    expect(TAGS.filter((tag) => tag.where.startsWith('lib.wx.api.d.ts')).length).toBeGreaterThanOrEqual(78);
    expect(TAGS.filter((tag) => tag.on.startsWith('Lifetimes.')).map((tag) => tag.on)).toEqual(
      ['created', 'attached', 'ready', 'moved', 'detached', 'error'].map((name) => `Lifetimes.${name}`),
    );
  });

  it('has a row for every tag, deprecated in the base library the tag names', () => {
    const missing = TAGS.filter((tag) => !rowOfTag(tag)).map((tag) => `${tag.on} (${tag.where})`);
    expect(missing, 'tags with no row in src/rewrite/rules/legacy-api-table.ts').toEqual([]);
    const otherVersion = TAGS.filter((tag) => tag.since && rowOfTag(tag)!.deprecatedSince !== tag.since).map(
      (tag) => `${tag.on}: the tag says ${tag.since}, the row ${rowOfTag(tag)!.deprecatedSince}`,
    );
    expect(otherVersion).toEqual([]);
  });

  it('has no deprecated row the typings do not tag, but those that say where WeChat deprecates them', () => {
    const tagged = new Set(TAGS.map((tag) => rowOfTag(tag)?.name));
    const untagged = (LEGACY_API_TABLE as readonly LegacyApiRow[])
      .filter((row) => !row.onlyWithLegacyCalls && !tagged.has(row.name))
      .map((row) => row.name);
    expect(untagged).toEqual(['onBLEConnectionStateChanged']);
    expect(legacyApiRow('onBLEConnectionStateChanged')!.deprecatedIn).toMatch(/WeChat/);
  });

  it('says of every row how it is migrated, or why a person migrates it', () => {
    for (const row of LEGACY_API_TABLE as readonly LegacyApiRow[]) {
      if (row.onlyWithLegacyCalls) continue;
      const how = migrationOf(row.name);
      if (how === 'person') expect(handReasonOf(row.name), row.name).toMatch(/\w{4,}/);
      else expect(handReasonOf(row.name), row.name).toBeUndefined();
    }
  });
});
