/**
 * Finds references to the deprecated API with the type checker: by the symbol a name
 * resolves to, not by how it is spelled. Then follows the values that hold it
 * (variables, properties, default exports, imports, re-exports) across files.
 */
import { ts } from 'ts-morph';
import {
  isDeprecatedOn,
  legacyApiRow,
  LEGACY_API_NAMES,
  PLATFORM_GLOBALS,
  toPosixPath,
  type LegacyApiName,
} from '../rewrite/light';
import {
  LEGACY,
  LIFECYCLES,
  OWNED_MEMBERS,
  UNDECLARED,
  legacyMemberOf,
  taroNamespaceOf,
  typingsOwner,
  type Owner,
} from './typings-members';

export { legacyMemberOf, type Owner } from './typings-members';
import { relative } from './paths';
import type { FindingKind } from './types';

export interface RawFinding {
  /** Absolute path with forward slashes. */
  file: string;
  sourceFile: ts.SourceFile;
  /** The reference itself (`wx.startRecord`, the identifier `rec`, the binding element...). */
  reference: ts.Node;
  /** What is shown: the call when the reference is called, else the reference. */
  shown: ts.Node;
  form: 'call' | 'reference';
  kind: FindingKind;
  api: LegacyApiName | null;
  owner: Owner;
  certainty: 'certain' | 'possible';
  /** The type checker's account of how the API is reached, for findings the rewrite does not take. */
  detail: string;
  /** For `alias` findings: the finding where the value was first taken from wx/Taro. */
  origin?: RawFinding;
  /** For `alias` findings: the declaration of the holder this use reads (a variable, binding, import...). */
  holder?: ts.Node;
}

interface AliasInfo {
  name: string;
  declaration: ts.Node;
  /** The finding the value comes from, followed back to the first one. */
  origin: RawFinding;
  api: LegacyApiName | null;
  owner: Owner;
  /** Declared with `typeof Taro.startRecord` rather than assigned from it. */
  typed: boolean;
}

function isAmbient(declaration: ts.Node): boolean {
  if (declaration.getSourceFile().isDeclarationFile) return true;
  for (let current: ts.Node | undefined = declaration; current; current = current.parent) {
    if (ts.canHaveModifiers(current) && ts.getModifiers(current)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword))
      return true;
  }
  return false;
}

function unwrapOuter(node: ts.Node): ts.Node {
  let current = node;
  while (
    ts.isParenthesizedExpression(current.parent) ||
    ts.isAsExpression(current.parent) ||
    ts.isNonNullExpression(current.parent) ||
    ts.isTypeAssertionExpression(current.parent) ||
    ts.isSatisfiesExpression(current.parent)
  ) {
    current = current.parent;
  }
  return current;
}

/** The expression under parentheses and type assertions: `taro_1.default` of `(taro_1.default as any)`. */
function unwrapInner(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isTypeAssertionExpression(current) ||
    ts.isSatisfiesExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

function isInType(node: ts.Node): boolean {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isTypeNode(current) || ts.isTypeQueryNode(current)) return true;
    if (ts.isStatement(current) || ts.isSourceFile(current)) return false;
  }
  return false;
}

function propertyNameText(name: ts.PropertyName | ts.BindingName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

/** Types whose members narrowing may change at a place (unnarrowedTypeOf). */
const MAY_NARROW =
  ts.TypeFlags.Union | ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter | ts.TypeFlags.Never;

export class ReferenceScanner {
  readonly findings: RawFinding[] = [];
  private readonly seen = new Set<string>();
  private readonly aliases = new Map<ts.Node, AliasInfo>();
  private readonly names = new Set<string>();
  private namesChanged = false;

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly cwd: string,
    /** How a place is named in reasons: `file:line` (0-based line in); virtual .vue blocks map it to the component. */
    private readonly locate: (file: string, line: number) => string = (file, line) =>
      `${relative(cwd, file)}:${line + 1}`,
  ) {}

  /** Files the checker failed on (one bad file never stops the run), with the error. */
  readonly failures = new Map<string, string>();

  scan(sourceFiles: ts.SourceFile[]): RawFinding[] {
    const guarded = (sf: ts.SourceFile, visit: (sf: ts.SourceFile) => void): void => {
      if (this.failures.has(sf.fileName)) return;
      try {
        visit(sf);
      } catch (error) {
        this.failures.set(sf.fileName, (error as Error).message.split('\n')[0]);
      }
    };
    for (const sf of sourceFiles) guarded(sf, (f) => this.visitDirect(f, f));
    // Each round may find new names an alias travels under (`import { rec as r }`); stop when none appear.
    for (let round = 0; this.namesChanged && round < 20; round++) {
      this.namesChanged = false;
      for (const sf of sourceFiles) guarded(sf, (f) => this.visitAliasUses(f, f));
    }
    return this.findings;
  }

  private where(node: ts.Node): string {
    const sf = node.getSourceFile();
    return this.locate(sf.fileName, sf.getLineAndCharacterOfPosition(node.getStart(sf)).line);
  }

  private add(
    sf: ts.SourceFile,
    reference: ts.Node,
    kind: FindingKind,
    api: LegacyApiName | null,
    owner: Owner,
    detail: string,
    extra: { certainty?: 'certain' | 'possible'; origin?: RawFinding; holder?: ts.Node } = {},
  ): RawFinding | undefined {
    // Its end too: `wx.createAudioContext('a').play` starts where `wx.createAudioContext` does.
    const key = `${sf.fileName}:${reference.getStart(sf)}:${reference.getEnd()}:${kind}`;
    if (this.seen.has(key)) return undefined;
    this.seen.add(key);
    const outer = unwrapOuter(reference);
    const called = ts.isCallExpression(outer.parent) && outer.parent.expression === outer ? outer.parent : undefined;
    const finding: RawFinding = {
      file: toPosixPath(sf.fileName),
      sourceFile: sf,
      reference,
      shown: called ?? reference,
      form: called ? 'call' : 'reference',
      kind,
      api,
      owner,
      certainty: extra.certainty ?? 'certain',
      detail,
      origin: extra.origin,
      holder: extra.holder,
    };
    this.findings.push(finding);
    return finding;
  }

  private addAlias(declaration: ts.Node, name: string, origin: RawFinding, typed = false): void {
    if (this.aliases.has(declaration)) return;
    const root = origin.origin ?? origin;
    // A copy of a value declared with `typeof Taro.startRecord` is still only typed like it.
    this.aliases.set(declaration, {
      name,
      declaration,
      origin: root,
      api: origin.api,
      owner: origin.owner,
      typed: typed || root.kind === 'type',
    });
    if (!this.names.has(name)) {
      this.names.add(name);
      this.namesChanged = true;
    }
  }

  private addName(name: string): void {
    if (!this.names.has(name)) {
      this.names.add(name);
      this.namesChanged = true;
    }
  }

  /** Where the value of `expression` is stored, so its later uses can be followed. */
  private storeAliasFrom(expression: ts.Node, finding: RawFinding): void {
    const outer = unwrapOuter(expression);
    const parent = outer.parent;
    if (ts.isVariableDeclaration(parent) && parent.initializer === outer && ts.isIdentifier(parent.name)) {
      this.addAlias(parent, parent.name.text, finding);
    } else if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.initializer === outer) {
      const name = propertyNameText(parent.name);
      if (name) this.addAlias(parent, name, finding);
    } else if (ts.isShorthandPropertyAssignment(parent)) {
      this.addAlias(parent, parent.name.text, finding);
    } else if (
      ts.isBinaryExpression(parent) &&
      parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      parent.right === outer
    ) {
      const left = parent.left;
      const target = ts.isPropertyAccessExpression(left) ? left.name : ts.isIdentifier(left) ? left : undefined;
      const symbol = target && this.checker.getSymbolAtLocation(target);
      for (const declaration of symbol?.declarations ?? []) this.addAlias(declaration, target!.text, finding);
    } else if (ts.isExportAssignment(parent)) {
      this.addAlias(parent, 'default', finding);
    }
  }

  /**
   * A platform global without typings: `declare const wx: any` (a project without the
   * WeChat typings), or QQ's `qq`, which no typings package declares (undeclared, or
   * declared by hand). The member has no symbol, but the object is the platform's.
   */
  private untypedPlatformGlobal(object: ts.Expression): { owner: Owner; detail: string } | undefined {
    if (!ts.isIdentifier(object) || !PLATFORM_GLOBALS.includes(object.text)) return undefined;
    const owner = object.text as Owner;
    const declarations = this.checker.getSymbolAtLocation(object)?.declarations ?? [];
    // An undeclared `wx` would have come from the WeChat typings the audit adds; `qq` has none.
    if (declarations.length === 0)
      return owner === 'qq' ? { owner, detail: 'qq, the QQ mini-program global' } : undefined;
    const byHand = declarations.every((d) => isAmbient(d) && !typingsOwner(d.getSourceFile().fileName));
    return byHand
      ? { owner, detail: `${owner}, declared by hand (\`declare\`) as the mini-program global` }
      : undefined;
  }

  /** A short, human account of the object a member was read from. */
  private describeObject(object: ts.Expression, owner: Owner): string {
    const text = object.getText().replace(/\s+/g, ' ');
    if (ts.isIdentifier(object)) {
      const symbol = this.checker.getSymbolAtLocation(object);
      const isImport = symbol !== undefined && (symbol.flags & ts.SymbolFlags.Alias) !== 0;
      const target = isImport ? this.checker.getAliasedSymbol(symbol!) : symbol;
      const declaration = target?.declarations?.[0];
      if (!declaration || typingsOwner(declaration.getSourceFile().fileName)) {
        return owner === 'wx' ? 'wx, the mini-program global' : `Taro from @tarojs/taro`;
      }
      if (ts.isParameter(declaration))
        return `reached through \`${text}\`, a parameter typed as ${owner}'s API; what is passed in decides`;
      if (isImport || declaration.getSourceFile() !== object.getSourceFile()) {
        return `reached through \`${text}\`, an alias of ${owner} stored in another module (${this.where(declaration)})`;
      }
      return `reached through \`${text}\`, a variable holding ${owner} (${this.where(declaration)})`;
    }
    return `reached through \`${text}\`, an expression whose type is ${owner}'s API`;
  }

  /**
   * Taro's type, for `Taro.default`, `taro_1.default` (TypeScript's CommonJS output of a default
   * import): Taro itself at run time (its module is its own default export,
   * `module.exports.default`), which Taro's typings (`export =`) do not declare. Undefined for
   * anything else, and where the typings declare `.default` (its type then answers).
   */
  private taroUnderDefault(expression: ts.Expression): ts.Type | undefined {
    const inner = unwrapInner(expression);
    const isDefault =
      (ts.isPropertyAccessExpression(inner) && inner.name.text === 'default') ||
      (ts.isElementAccessExpression(inner) &&
        ts.isStringLiteralLike(inner.argumentExpression) &&
        inner.argumentExpression.text === 'default');
    if (!isDefault) return undefined;
    const declared = this.checker.getTypeAtLocation(expression);
    if (LEGACY_API_NAMES.some((api) => this.checker.getPropertyOfType(declared, api))) return undefined;
    const object = this.taroUnderDefault(inner.expression) ?? this.checker.getTypeAtLocation(inner.expression);
    return LEGACY_API_NAMES.some((api) => legacyMemberOf(this.checker.getPropertyOfType(object, api))?.owner === 'Taro')
      ? object
      : undefined;
  }

  /** The type whose members an access on `expression` reads: its own, or Taro's under `.default`. */
  private apiObjectType(expression: ts.Expression): ts.Type {
    return (
      this.taroUnderDefault(expression) ??
      this.unnarrowedTypeOf(expression) ??
      this.checker.getTypeAtLocation(expression)
    );
  }

  /**
   * The type of a name (`wx`, `Taro`, `api`) as declared, where no narrowing can change which member a legacy name
   * reads on it: an object type, not a union, `any`, `unknown` or a type parameter (narrowing such a type gives it or a
   * subtype, which holds the same members). Undefined for anything else: the checker's type at the place decides.
   * Asked at the place, the checker follows the flow of the code back to the declaration for each use (TypeScript
   * caches none of it along a straight run of statements), so a file's time grew with the square of its calls.
   */
  private unnarrowedTypeOf(expression: ts.Expression): ts.Type | undefined {
    if (!ts.isIdentifier(expression)) return undefined;
    const symbol = this.checker.getSymbolAtLocation(expression);
    if (!symbol) return undefined;
    const type = this.checker.getTypeOfSymbol(symbol);
    return type.flags & MAY_NARROW ? undefined : type;
  }

  /**
   * The member `node` reads: from its object's type as declared (unnarrowedTypeOf) when that is a legacy API's, else
   * the checker's answer at the place.
   */
  private memberSymbolOf(node: ts.PropertyAccessExpression): ts.Symbol | undefined {
    const declared = this.unnarrowedTypeOf(node.expression);
    const member = declared && this.checker.getPropertyOfType(declared, node.name.text);
    if (member && legacyMemberOf(member)) return member;
    this.flowLookups++;
    return this.checker.getSymbolAtLocation(node.name);
  }

  /** How many member reads were asked of the checker at their place (memberSymbolOf): counted, for the tests. */
  flowLookups = 0;

  /** Every direct reference under `node`: a member access, an element access, a destructuring, an import, a type. */
  private visitDirect(sf: ts.SourceFile, node: ts.Node): void {
    if (ts.isPropertyAccessExpression(node)) this.visitMemberAccess(sf, node);
    else if (ts.isElementAccessExpression(node)) this.visitElementAccess(sf, node);
    else if (ts.isMethodDeclaration(node) || ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node))
      this.visitOptionsProperty(sf, node);
    else if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) this.visitDestructured(sf, node);
    else if (ts.isImportSpecifier(node) || ts.isExportSpecifier(node)) this.visitSpecifier(sf, node);
    else if (ts.isTypeQueryNode(node)) this.visitTypeQuery(sf, node);
    ts.forEachChild(node, (child) => this.visitDirect(sf, child));
  }

  /**
   * `wx.startRecord`, `Taro.default.stopRecord`, `ctx.setFillStyle` of a CanvasContext; an untyped platform global where
   * the API is deprecated there; a deprecated API the typings do not declare, on an object typed as the platform's API.
   */
  private visitMemberAccess(sf: ts.SourceFile, node: ts.PropertyAccessExpression): void {
    const name = node.name.text;
    if (!LEGACY.has(name) && !OWNED_MEMBERS.has(name)) return;
    const underDefault = this.taroUnderDefault(node.expression);
    const member = legacyMemberOf(
      underDefault ? this.checker.getPropertyOfType(underDefault, name) : this.memberSymbolOf(node),
    );
    let finding: RawFinding | null | false | undefined;
    if (member) {
      const detail = this.describeObject(node.expression, member.owner);
      finding = this.add(sf, node, 'member', member.api, member.owner, detail);
    } else if (LEGACY.has(name)) {
      // `qq.getSystemInfo` is QQ's current API, not the deprecated one (the table's onlyOn)
      const global = this.untypedPlatformGlobal(node.expression) ?? this.undeclaredOnPlatform(node.expression, name);
      finding =
        global &&
        isDeprecatedOn(name, global.owner) &&
        this.add(sf, node, 'member', name as LegacyApiName, global.owner, global.detail);
    }
    if (finding) this.storeAliasFrom(node, finding);
  }

  /**
   * `wx.onBLEConnectionStateChanged`: a deprecated API the typings do not declare, read on an object typed as the
   * platform's API (one that has the typings' other deprecated APIs).
   */
  private undeclaredOnPlatform(expression: ts.Expression, name: string): { owner: Owner; detail: string } | undefined {
    if (!UNDECLARED.has(name)) return undefined;
    const type = this.apiObjectType(expression);
    const owner = LEGACY_API_NAMES.map((api) => legacyMemberOf(this.checker.getPropertyOfType(type, api))?.owner).find(
      (found) => found !== undefined,
    );
    return owner
      ? {
          owner,
          detail: `${this.describeObject(expression, owner)}; ${name} is not in its typings, WeChat's documentation deprecates it`,
        }
      : undefined;
  }

  /**
   * `attached() { … }` at the top of `Component({ … })` (or `Behavior`): a property of an object literal whose
   * contextual type declares it as one of the old lifecycles (the typings' `Component.Lifetimes`).
   */
  private visitOptionsProperty(sf: ts.SourceFile, node: ts.ObjectLiteralElementLike): void {
    const key = propertyNameText(node.name);
    if (!key || !LIFECYCLES.has(key) || !ts.isObjectLiteralExpression(node.parent)) return;
    const contextual = this.checker.getContextualType(node.parent);
    const member = contextual && legacyMemberOf(this.checker.getPropertyOfType(contextual, key));
    if (!member || legacyApiRow(member.api)?.owner !== 'Component') return;
    this.add(sf, node, 'member', member.api, member.owner, `the old ${key} at the top of the component's options`);
  }

  /** `const { startRecord } = Taro` (or `taro_1.default`): the type of what is destructured, as a member access reads it. */
  private visitDestructured(sf: ts.SourceFile, node: ts.BindingElement): void {
    const key = propertyNameText(node.propertyName ?? node.name);
    if (!key || !LEGACY.has(key)) return;
    const declaration = node.parent.parent;
    const source =
      ts.isVariableDeclaration(declaration) && declaration.name === node.parent && declaration.initializer
        ? this.apiObjectType(declaration.initializer)
        : this.checker.getTypeAtLocation(node.parent);
    const member = legacyMemberOf(this.checker.getPropertyOfType(source, key));
    if (!member) return;
    const detail = `destructured from ${member.owner}'s API`;
    const finding = this.add(sf, node, 'destructure', member.api, member.owner, detail);
    if (finding && ts.isIdentifier(node.name)) this.addAlias(node, node.name.text, finding);
  }

  /** `import { startRecord } from '@tarojs/taro'`, and the same re-exported. */
  private visitSpecifier(sf: ts.SourceFile, node: ts.ImportSpecifier | ts.ExportSpecifier): void {
    if (!LEGACY.has((node.propertyName ?? node.name).text)) return;
    const local = this.checker.getSymbolAtLocation(node.name);
    const target = local && local.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(local) : local;
    const member = legacyMemberOf(target);
    const api = member?.api ?? taroNamespaceOf(target);
    if (!api) return;
    const verb = ts.isImportSpecifier(node) ? 'imported' : 're-exported';
    const finding = this.add(
      sf,
      node,
      'import',
      api,
      member?.owner ?? 'Taro',
      `${api} ${verb} by name from @tarojs/taro`,
    );
    if (finding) this.addAlias(node, node.name.text, finding);
  }

  /** `typeof Taro.startRecord` in a type; a value declared with that type holds the API (an alias). */
  private visitTypeQuery(sf: ts.SourceFile, node: ts.TypeQueryNode): void {
    const right = ts.isQualifiedName(node.exprName) ? node.exprName.right : node.exprName;
    if (!LEGACY.has(right.text)) return;
    const member = legacyMemberOf(this.checker.getSymbolAtLocation(right));
    if (!member) return;
    const finding = this.add(
      sf,
      node,
      'type',
      member.api,
      member.owner,
      `a type names the deprecated ${member.owner}.${member.api}; the rewrite leaves types alone, so point it at the runtime's ${member.api}`,
    );
    const holder = node.parent;
    const typedName =
      (ts.isVariableDeclaration(holder) ||
        ts.isParameter(holder) ||
        ts.isPropertyDeclaration(holder) ||
        ts.isPropertySignature(holder)) &&
      holder.type === node &&
      ts.isIdentifier(holder.name);
    if (finding && typedName) this.addAlias(holder, (holder.name as ts.Identifier).text, finding, true);
  }

  private visitElementAccess(sf: ts.SourceFile, node: ts.ElementAccessExpression): void {
    const checker = this.checker;
    const argument = node.argumentExpression;
    if (ts.isStringLiteralLike(argument)) {
      if (!LEGACY.has(argument.text)) return;
      const member = legacyMemberOf(checker.getPropertyOfType(this.apiObjectType(node.expression), argument.text));
      if (member) {
        const finding = this.add(
          sf,
          node,
          'member',
          member.api,
          member.owner,
          this.describeObject(node.expression, member.owner),
        );
        if (finding) this.storeAliasFrom(node, finding);
      }
      return;
    }
    if (ts.isNumericLiteral(argument)) return;
    const objectType = this.apiObjectType(node.expression);
    let owner: Owner | undefined;
    for (const api of LEGACY) {
      owner ??= legacyMemberOf(checker.getPropertyOfType(objectType, api))?.owner;
    }
    if (!owner) return;
    const keyType = checker.getTypeAtLocation(argument);
    const keyText = argument.getText(sf).replace(/\s+/g, ' ');
    const parts = keyType.isUnion() ? keyType.types : [keyType];
    if (parts.every((part) => part.isStringLiteral())) {
      // The checker knows every value the key can take.
      const apis = parts
        .map((part) => (part as ts.StringLiteralType).value)
        .filter((value) => LEGACY.has(value)) as LegacyApiName[];
      if (apis.length === 0) return;
      const unique = [...new Set(apis)];
      const finding = this.add(
        sf,
        node,
        'dynamic',
        unique.length === 1 ? unique[0] : null,
        owner,
        `computed member of ${owner}: the key \`${keyText}\` can be ${unique.map((a) => `'${a}'`).join(' or ')}`,
      );
      if (finding) this.storeAliasFrom(node, finding);
      return;
    }
    this.add(
      sf,
      node,
      'dynamic',
      null,
      owner,
      `computed member of ${owner}: the key \`${keyText}\` is ${checker.typeToString(keyType)}, so it may be any of ${LEGACY_API_NAMES.join(', ')}`,
      { certainty: 'possible' },
    );
  }

  /** Uses of the names values were stored under; the checker decides whether each is the same value. */
  private visitAliasUses(sf: ts.SourceFile, node: ts.Node): void {
    if (ts.isIdentifier(node) && this.names.has(node.text)) this.visitAliasCandidate(sf, node);
    else if (ts.isImportClause(node) && node.name) this.visitImportBinding(node.name);
    ts.forEachChild(node, (child) => this.visitAliasUses(sf, child));
  }

  private aliasOf(symbol: ts.Symbol | undefined): AliasInfo | undefined {
    if (!symbol) return undefined;
    for (const declaration of symbol.declarations ?? []) {
      const info = this.aliases.get(declaration);
      if (info) return info;
    }
    // Step through the chain one link at a time: `export default Taro.stopRecord` is itself an alias,
    // so the fully resolved symbol would skip the holder we recorded.
    let current = symbol;
    for (let hops = 0; current.flags & ts.SymbolFlags.Alias && hops < 100; hops++) {
      const next = this.checker.getImmediateAliasedSymbol(current);
      if (!next || next === current) break;
      for (const declaration of next.declarations ?? []) {
        const info = this.aliases.get(declaration);
        if (info) return info;
      }
      current = next;
    }
    return undefined;
  }

  private importedSymbol(sf: ts.SourceFile, name: string): ts.Symbol | undefined {
    for (const statement of sf.statements) {
      if (!ts.isImportDeclaration(statement) || !statement.importClause) continue;
      const clause = statement.importClause;
      if (clause.name?.text === name) return this.checker.getSymbolAtLocation(clause.name);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        const specifier = bindings.elements.find((e) => e.name.text === name);
        if (specifier) return this.checker.getSymbolAtLocation(specifier.name);
      }
    }
    return undefined;
  }

  /** `import rec from './a'`, `import { rec as r }`, `export { r as s }`: the value travels under a new name. */
  private visitImportBinding(name: ts.ModuleExportName): void {
    if (this.aliasOf(this.checker.getSymbolAtLocation(name))) this.addName(name.text);
  }

  private visitAliasCandidate(sf: ts.SourceFile, id: ts.Identifier): void {
    const parent = id.parent;
    if (isLocalExportReference(parent, id)) {
      this.visitExportedHolder(sf, id, parent);
      return;
    }
    if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) {
      this.visitImportBinding(parent.name);
      return;
    }
    if (
      ts.isBindingElement(parent) &&
      ts.isObjectBindingPattern(parent.parent) &&
      (parent.propertyName ?? parent.name) === id
    ) {
      this.visitDestructuredHolder(id, parent);
      return;
    }
    if (isDeclaredName(parent, id) || isInType(id)) return;
    const { reference, symbol } = this.referenceAndSymbol(sf, id);
    const info = this.aliasOf(symbol);
    if (!info || isAssignmentTarget(reference)) return;
    this.reportAliasUse(sf, reference, info);
  }

  /** `export { stop }`: a reference to the local holder, which the rewrite replaces like any other. */
  private visitExportedHolder(sf: ts.SourceFile, id: ts.Identifier, specifier: ts.ExportSpecifier): void {
    const info = this.aliasOf(this.checker.getExportSpecifierLocalTargetSymbol(specifier));
    if (!info) return;
    this.add(sf, id, 'alias', info.api, info.owner, `\`${id.text}\` holds ${info.owner}.${info.api}, exported here`, {
      origin: info.origin,
      holder: info.declaration,
      certainty: info.origin.certainty,
    });
    this.addName(specifier.name.text);
  }

  /** `const { rec } = require('./a')`: the binding is a new holder of the same value. */
  private visitDestructuredHolder(id: ts.Identifier, binding: ts.BindingElement): void {
    const checker = this.checker;
    const info = this.aliasOf(checker.getPropertyOfType(checker.getTypeAtLocation(binding.parent), id.text));
    if (info && ts.isIdentifier(binding.name) && !this.aliases.has(binding)) {
      this.aliases.set(binding, { ...info, name: binding.name.text, declaration: binding });
      this.addName(binding.name.text);
    }
  }

  /** The node a use of the name stands for (`a.rec` for a member) and the symbol the checker gives it. */
  private referenceAndSymbol(sf: ts.SourceFile, id: ts.Identifier): { reference: ts.Node; symbol?: ts.Symbol } {
    const checker = this.checker;
    const parent = id.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.name === id) {
      return { reference: parent, symbol: checker.getSymbolAtLocation(id) };
    }
    if (ts.isShorthandPropertyAssignment(parent)) {
      return { reference: id, symbol: checker.getShorthandAssignmentValueSymbol(parent) };
    }
    // A name imported from something TypeScript takes for a type only (`export default Taro.stopRecord`
    // names the typings' namespace) has no value symbol at its use: take the import's.
    return { reference: id, symbol: checker.getSymbolAtLocation(id) ?? this.importedSymbol(sf, id.text) };
  }

  private reportAliasUse(sf: ts.SourceFile, reference: ts.Node, info: AliasInfo): void {
    const shownName = reference.getText(sf).replace(/\s+/g, ' ');
    const declaredAt = this.where(info.declaration);
    const detail = info.typed
      ? `calls through \`${shownName}\`, declared with the type of ${info.owner}.${info.api} (${declaredAt}); what it holds is decided elsewhere`
      : `\`${shownName}\` holds ${info.owner}.${info.api ?? 'a deprecated API'}, stored at ${declaredAt}`;
    const finding = this.add(sf, reference, 'alias', info.api, info.owner, detail, {
      origin: info.origin,
      holder: info.declaration,
      certainty: info.origin.certainty,
    });
    if (finding) this.storeAliasFrom(reference, finding);
  }
}

/** `export { stop }` or `export { stop as s }` without `from`: the name refers to a local holder. */
function isLocalExportReference(parent: ts.Node, id: ts.Identifier): parent is ts.ExportSpecifier {
  return (
    ts.isExportSpecifier(parent) && !parent.parent.parent.moduleSpecifier && (parent.propertyName ?? parent.name) === id
  );
}

/** The name a holder is declared under is not a use of it. */
function isDeclaredName(parent: ts.Node, id: ts.Identifier): boolean {
  return (
    (ts.isVariableDeclaration(parent) ||
      ts.isParameter(parent) ||
      ts.isBindingElement(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isPropertyAssignment(parent) ||
      ts.isPropertySignature(parent) ||
      ts.isFunctionDeclaration(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isImportClause(parent)) &&
    parent.name === id
  );
}

/** Assigning a new value to the holder is not a use of the API. */
function isAssignmentTarget(reference: ts.Node): boolean {
  const outer = unwrapOuter(reference);
  return (
    ts.isBinaryExpression(outer.parent) &&
    outer.parent.left === outer &&
    outer.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken
  );
}
