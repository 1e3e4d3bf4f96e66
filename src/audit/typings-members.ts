/**
 * What the typings declare of the deprecated APIs: a member of `WechatMiniprogram.Wx`, of Taro's API, or of another
 * interface of theirs whose member is a row of the table (a legacy context's method, an old lifecycle of
 * `Component.Lifetimes`). The scanner (scan.ts) asks these by the symbol a name resolves to.
 */
import { ts } from 'ts-morph';
import {
  legacyApiRow,
  LEGACY_API_NAMES,
  memberNameOf,
  OWNED_API_NAMES,
  toPosixPath,
  type LegacyApiName,
} from '../rewrite/light';

/** Whose API a finding reaches: a platform global (WeChat's `wx`, QQ's `qq`) or Taro's. */
export type Owner = 'wx' | 'qq' | 'Taro';

/** The deprecated APIs, from the rewrite's table: found here by the symbol the typings declare them as. */
export const LEGACY = new Set<string>(LEGACY_API_NAMES);
/**
 * The deprecated members of other objects (`setFillStyle` of CanvasContext, `attached` of Component's options), by
 * their own names: found by the symbol too, a member of the typings' interface of that name.
 */
export const OWNED_MEMBERS = new Set<string>(
  OWNED_API_NAMES.filter((api) => legacyApiRow(api)?.owner !== 'Component').map(memberNameOf),
);
/** The old lifecycles, as keys of an object literal (`Component({ attached() {} })`). */
export const LIFECYCLES = new Set<string>(
  OWNED_API_NAMES.filter((api) => legacyApiRow(api)?.owner === 'Component').map(memberNameOf),
);
/** The interface of miniprogram-api-typings that declares the old lifecycles of `Component({ … })`'s options. */
const LIFETIMES_INTERFACE = 'Lifetimes';
/**
 * The platform object's deprecated APIs its typings do not declare (WeChat deprecates them in its documentation): found
 * on an object typed as the platform's API, by name.
 */
export const UNDECLARED = new Set<string>(LEGACY_API_NAMES.filter((api) => legacyApiRow(api)?.deprecatedIn));

export function typingsOwner(fileName: string): Owner | undefined {
  const f = toPosixPath(fileName);
  if (f.includes('/miniprogram-api-typings/')) return 'wx';
  if (f.includes('/@tarojs/taro/types/')) return 'Taro';
  return undefined;
}

/** `declare namespace Taro { … }`: how Taro 2 and Taro 3.0–3.2 declare the API, as functions of the namespace. */
function isTaroNamespaceFunction(declaration: ts.Declaration): boolean {
  const block = declaration.parent;
  return (
    ts.isFunctionDeclaration(declaration) &&
    ts.isModuleBlock(block) &&
    ts.isModuleDeclaration(block.parent) &&
    ts.isIdentifier(block.parent.name) &&
    block.parent.name.text === 'Taro'
  );
}

/**
 * The legacy API as the typings declare it: a member of `WechatMiniprogram.Wx`, of
 * `Taro.TaroStatic` (Taro 3.3+), or a function of `namespace Taro` (Taro 2, Taro 3.0–3.2); or a
 * deprecated member of another interface of theirs (`CanvasContext.setFillStyle`, Component's
 * `Lifetimes.attached`), as its owned row of the table.
 */
export function legacyMemberOf(symbol: ts.Symbol | undefined): { api: LegacyApiName; owner: Owner } | undefined {
  for (const declaration of symbol?.declarations ?? []) {
    const name = (declaration as ts.NamedDeclaration).name;
    if (
      !name ||
      !ts.isIdentifier(name) ||
      !(LEGACY.has(name.text) || OWNED_MEMBERS.has(name.text) || LIFECYCLES.has(name.text))
    )
      continue;
    const owner = typingsOwner(declaration.getSourceFile().fileName);
    const container = declaration.parent;
    const isMember =
      (ts.isMethodSignature(declaration) || ts.isPropertySignature(declaration)) &&
      ts.isInterfaceDeclaration(container);
    if (
      (owner === 'wx' && isMember && container.name.text === 'Wx') ||
      (owner === 'Taro' && isMember && container.name.text === 'TaroStatic') ||
      (owner === 'Taro' && isTaroNamespaceFunction(declaration))
    ) {
      if (LEGACY.has(name.text)) return { api: name.text as LegacyApiName, owner };
      continue;
    }
    const owned = owner && isMember ? ownedApiOf(container.name.text, name.text) : undefined;
    if (owned) return { api: owned, owner: owner! };
  }
  return undefined;
}

/** The owned row a member of a typings' interface is (`CanvasContext` and `arc`: `CanvasContext.arc`), if any. */
function ownedApiOf(container: string, member: string): LegacyApiName | undefined {
  const api = `${container === LIFETIMES_INTERFACE ? 'Component' : container}.${member}`;
  return legacyApiRow(api)?.owner ? (api as LegacyApiName) : undefined;
}

/** `import { startRecord } from '@tarojs/taro'` resolves to the typings' `namespace startRecord` (its option types). */
export function taroNamespaceOf(symbol: ts.Symbol | undefined): LegacyApiName | undefined {
  for (const declaration of symbol?.declarations ?? []) {
    if (ts.isModuleDeclaration(declaration) && ts.isIdentifier(declaration.name) && LEGACY.has(declaration.name.text)) {
      if (typingsOwner(declaration.getSourceFile().fileName) === 'Taro') return declaration.name.text as LegacyApiName;
    }
  }
  return undefined;
}
