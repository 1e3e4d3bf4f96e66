/**
 * The few scope answers the matcher needs, from one walk over the program's tree (Babel's,
 * or oxc's ESTree: the node kinds where the two differ are listed in the walk): which declaration a name resolves to at a place (is `wx` the
 * global here, is `Taro` the `@tarojs/taro` import), every reference of a declaration, is
 * it ever reassigned, and which names the file uses. A general scope analysis
 * (@babel/traverse's crawl) costs several times the parse; this walk only records what
 * those questions read. Dependency-free at run time (types only from @babel/types).
 */
import type * as t from '@babel/types';

export type Node = t.Node;

/** Where a node sits: its parent and the parent's property (and index, inside a list). */
export interface Place {
  node: Node;
  parent: Node | undefined;
  key: string;
  index: number | undefined;
  /** The parent's own place (for the call around a callee, the statement around a declarator…). */
  up: Place | undefined;
  scope: Scope;
}

export type DeclarationKind = 'var' | 'let' | 'const' | 'using' | 'param' | 'function' | 'class' | 'catch' | 'import' | 'type' | 'other';

export interface Declaration {
  name: string;
  kind: DeclarationKind;
  /** Where the declared identifier sits (an import specifier's local, a declarator's id or a pattern inside it). */
  id: Place;
  /** `declare const wx: …`: a type-only stand-in for a global. */
  ambient: boolean;
  /** Never written after its declaration. */
  constant: boolean;
  /** Every identifier that reads it, type positions included. */
  references: Reference[];
}

export interface Reference {
  place: Place & { node: t.Identifier };
  /** Inside a type (`typeof x`, `x.Option` in an annotation). */
  inType: boolean;
  /** `x = …`, `x++`, `for (x of …)`. */
  write: boolean;
}

export class Scope {
  readonly declarations = new Map<string, Declaration>();
  constructor(
    readonly parent: Scope | undefined,
    /** Function scopes take `var`s; block scopes `let`, `const`, classes, functions in blocks. */
    readonly isFunction: boolean,
  ) {}

  lookup(name: string): Declaration | undefined {
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) {
      const found = scope.declarations.get(name);
      if (found) return found;
    }
    return undefined;
  }

  functionScope(): Scope {
    let scope: Scope = this;
    while (!scope.isFunction && scope.parent) scope = scope.parent;
    return scope;
  }
}

/** What one walk of a program leaves for the matcher. */
export interface ScopeInfo {
  program: Scope;
  /** Every identifier that reads or writes a name, in source order. */
  references: Reference[];
  /** Every node of the kinds the matcher visits, with its place, in source order. */
  places: Place[];
  /** How often each name is declared or referenced (the runtime's local names avoid them). */
  nameCounts: Map<string, number>;
}

/** Keys that never hold code: positions, comments, parser extras. */
const SKIPPED_KEYS = new Set(['type', 'start', 'end', 'loc', 'range', 'extra', 'leadingComments', 'trailingComments', 'innerComments', 'comments', 'tokens']);

/** Keys whose subtree is a type, whatever node holds them. */
const TYPE_KEYS = new Set(['typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'superTypeParameters', 'superTypeArguments', 'implements', 'predicate']);

/** Declarations that are types through and through. */
const TYPE_DECLARATIONS = new Set(['TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'TypeAlias', 'OpaqueType', 'InterfaceDeclaration', 'DeclareTypeAlias', 'DeclareInterface', 'DeclareOpaqueType']);

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod', 'TSDeclareFunction', 'TSDeclareMethod']);

/** Node kinds the matcher looks at; their places are kept. */
const VISITED = new Set(['CallExpression', 'OptionalCallExpression', 'MemberExpression', 'OptionalMemberExpression', 'ImportSpecifier', 'VariableDeclarator', 'ExportNamedDeclaration']);

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Calls `visit` on each child node of `node` (in a list or alone), skipping positions and comments. */
export function forEachChild(node: Node, visit: (child: Node) => void): void {
  for (const key in node) {
    if (SKIPPED_KEYS.has(key)) continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) visit(item);
    } else if (isNode(value)) visit(value);
  }
}

export function analyseScopes(program: t.Program): ScopeInfo {
  const root = new Scope(undefined, true);
  const references: Reference[] = [];
  const places: Place[] = [];
  const nameCounts = new Map<string, number>();
  const count = (name: string) => nameCounts.set(name, (nameCounts.get(name) ?? 0) + 1);

  const placeOf = (node: Node, up: Place | undefined, key: string, index: number | undefined, scope: Scope): Place => ({
    node,
    parent: up?.node,
    key,
    index,
    up,
    scope,
  });

  const declare = (scope: Scope, name: string, kind: DeclarationKind, id: Place, ambient = false) => {
    count(name);
    const existing = scope.declarations.get(name);
    // `var a; var a;` or a function and a var of one name: one binding, no longer a constant.
    if (existing) {
      if (kind !== 'type' && existing.kind !== 'type') existing.constant = false;
      if (existing.kind === 'type') scope.declarations.set(name, { ...existing, name, kind, id, ambient, constant: true, references: existing.references });
      return;
    }
    scope.declarations.set(name, { name, kind, id, ambient, constant: true, references: [] });
  };

  const reference = (place: Place, inType: boolean, write = false) => {
    count((place.node as t.Identifier).name);
    references.push({ place: place as Reference['place'], inType, write });
  };

  /** Children of `node` in source order (keys in the parser's order are source order). */
  const eachChild = (node: Node, up: Place, scope: Scope, inType: boolean, skip?: (key: string) => boolean) => {
    for (const key in node) {
      if (SKIPPED_KEYS.has(key) || skip?.(key)) continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      const childInType = inType || TYPE_KEYS.has(key);
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (isNode(value[i])) visit(value[i], up, key, i, scope, childInType);
      } else if (isNode(value)) visit(value, up, key, undefined, scope, childInType);
    }
  };

  /** A binding pattern: declares its identifiers in `target`, reads its defaults and computed keys in `scope`. */
  const declarePattern = (node: Node, up: Place | undefined, key: string, index: number | undefined, scope: Scope, target: Scope, kind: DeclarationKind, ambient = false) => {
    const place = placeOf(node, up, key, index, scope);
    switch (node.type) {
      case 'Identifier':
        declare(target, node.name, kind, place, ambient);
        if (node.typeAnnotation) visit(node.typeAnnotation, place, 'typeAnnotation', undefined, scope, true);
        return;
      case 'ObjectPattern':
        node.properties.forEach((property, i) => {
          const propertyPlace = placeOf(property, place, 'properties', i, scope);
          if (property.type === 'RestElement') declarePattern(property.argument, propertyPlace, 'argument', undefined, scope, target, kind, ambient);
          else {
            if (property.computed) visit(property.key, propertyPlace, 'key', undefined, scope, false);
            declarePattern(property.value, propertyPlace, 'value', undefined, scope, target, kind, ambient);
          }
        });
        if (node.typeAnnotation) visit(node.typeAnnotation, place, 'typeAnnotation', undefined, scope, true);
        return;
      case 'ArrayPattern':
        node.elements.forEach((element, i) => element && declarePattern(element, place, 'elements', i, scope, target, kind, ambient));
        return;
      case 'RestElement':
        declarePattern(node.argument, place, 'argument', undefined, scope, target, kind, ambient);
        return;
      case 'AssignmentPattern':
        declarePattern(node.left, place, 'left', undefined, scope, target, kind, ambient);
        visit(node.right, place, 'right', undefined, scope, false);
        return;
      case 'TSParameterProperty':
        declarePattern(node.parameter, place, 'parameter', undefined, scope, target, kind, ambient);
        return;
      default:
        visit(node, up, key, index, scope, false); // a member expression as an assignment target, and the like
    }
  };

  /** An assignment target: its identifiers are writes; member expressions in it are read as usual. */
  const assignTarget = (node: Node, up: Place, key: string, index: number | undefined, scope: Scope) => {
    const place = placeOf(node, up, key, index, scope);
    switch (node.type) {
      case 'Identifier':
        reference(place, false, true);
        return;
      case 'ObjectPattern':
        node.properties.forEach((property, i) => {
          const propertyPlace = placeOf(property, place, 'properties', i, scope);
          if (property.type === 'RestElement') assignTarget(property.argument, propertyPlace, 'argument', undefined, scope);
          else {
            if (property.computed) visit(property.key, propertyPlace, 'key', undefined, scope, false);
            assignTarget(property.value, propertyPlace, 'value', undefined, scope);
          }
        });
        return;
      case 'ArrayPattern':
        node.elements.forEach((element, i) => element && assignTarget(element, place, 'elements', i, scope));
        return;
      case 'RestElement':
        assignTarget(node.argument, place, 'argument', undefined, scope);
        return;
      case 'AssignmentPattern':
        assignTarget(node.left, place, 'left', undefined, scope);
        visit(node.right, place, 'right', undefined, scope, false);
        return;
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'ParenthesizedExpression':
        assignTarget(node.expression, place, 'expression', undefined, scope);
        return;
      default:
        visit(node, up, key, index, scope, false);
    }
  };

  const visitFunction = (node: t.Function | t.TSDeclareFunction | t.TSDeclareMethod, place: Place, scope: Scope, inType: boolean) => {
    const own = new Scope(scope, true);
    const id = (node as { id?: t.Identifier | null }).id;
    if (id) {
      // A declaration names the function in the scope around it, an expression only inside itself.
      if (node.type === 'FunctionDeclaration' || node.type === 'TSDeclareFunction') declare(scope, id.name, 'function', placeOf(id, place, 'id', undefined, scope));
      else declare(own, id.name, 'function', placeOf(id, place, 'id', undefined, own));
    }
    const member = node as { key?: Node; computed?: boolean; decorators?: Node[] };
    if (member.key && member.computed) visit(member.key, place, 'key', undefined, scope, inType);
    member.decorators?.forEach((d, i) => visit(d, place, 'decorators', i, scope, inType));
    node.params.forEach((param, i) => declarePattern(param, place, 'params', i, own, own, 'param'));
    for (const key of ['typeParameters', 'returnType'] as const) {
      const value = (node as unknown as Record<string, Node | null | undefined>)[key];
      if (value) visit(value, place, key, undefined, own, true);
    }
    const body = (node as { body?: Node | null }).body;
    if (!body) return;
    const bodyPlace = placeOf(body, place, 'body', undefined, own);
    // The body block shares the function's scope: `function f(a) { let a }` is the parser's business.
    if (body.type === 'BlockStatement') eachChild(body, bodyPlace, own, inType);
    else visit(body, place, 'body', undefined, own, inType);
  };

  const visitClass = (node: t.Class, place: Place, scope: Scope, inType: boolean) => {
    let inner = scope;
    if (node.id) {
      if (node.type === 'ClassDeclaration') declare(scope, node.id.name, 'class', placeOf(node.id, place, 'id', undefined, scope), !!node.declare);
      else {
        inner = new Scope(scope, false);
        declare(inner, node.id.name, 'class', placeOf(node.id, place, 'id', undefined, inner));
      }
    }
    eachChild(node, place, inner, inType, (key) => key === 'id');
  };

  function visit(node: Node, up: Place | undefined, key: string, index: number | undefined, scope: Scope, inType: boolean): void {
    const place = placeOf(node, up, key, index, scope);
    if (VISITED.has(node.type)) places.push(place);
    if (FUNCTIONS.has(node.type)) return visitFunction(node as t.Function, place, scope, inType);
    switch (node.type) {
      case 'Identifier':
        reference(place, inType);
        if (node.typeAnnotation) visit(node.typeAnnotation, place, 'typeAnnotation', undefined, scope, true);
        return;
      case 'ClassDeclaration':
      case 'ClassExpression':
        return visitClass(node, place, scope, inType);
      case 'BlockStatement':
      case 'StaticBlock':
      case 'SwitchStatement':
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement': {
        const block = new Scope(scope, false);
        if ((node.type === 'ForInStatement' || node.type === 'ForOfStatement') && node.left.type !== 'VariableDeclaration') {
          assignTarget(node.left, place, 'left', undefined, scope);
          return eachChild(node, place, block, inType, (k) => k === 'left');
        }
        return eachChild(node, place, block, inType);
      }
      case 'CatchClause': {
        const block = new Scope(scope, false);
        if (node.param) declarePattern(node.param, place, 'param', undefined, block, block, 'catch');
        return visit(node.body, place, 'body', undefined, block, inType);
      }
      case 'VariableDeclaration': {
        const kind: DeclarationKind = node.kind === 'var' ? 'var' : node.kind === 'let' ? 'let' : node.kind === 'const' ? 'const' : 'using';
        const target = kind === 'var' ? scope.functionScope() : scope;
        node.declarations.forEach((declarator, i) => {
          const declaratorPlace = placeOf(declarator, place, 'declarations', i, scope);
          places.push(declaratorPlace);
          declarePattern(declarator.id, declaratorPlace, 'id', undefined, scope, target, kind, !!node.declare);
          if (declarator.init) visit(declarator.init, declaratorPlace, 'init', undefined, scope, inType);
        });
        return;
      }
      case 'ImportDeclaration': {
        const typeOnly = node.importKind === 'type' || node.importKind === 'typeof';
        node.specifiers.forEach((specifier, i) => {
          const specifierPlace = placeOf(specifier, place, 'specifiers', i, scope);
          if (specifier.type === 'ImportSpecifier') places.push(specifierPlace);
          const kind = typeOnly || (specifier.type === 'ImportSpecifier' && (specifier.importKind === 'type' || specifier.importKind === 'typeof')) ? 'type' : 'import';
          declare(scope, specifier.local.name, kind, placeOf(specifier.local, specifierPlace, 'local', undefined, scope));
        });
        return;
      }
      case 'TSImportEqualsDeclaration':
        declare(scope, node.id.name, node.importKind === 'type' ? 'type' : 'other', placeOf(node.id, place, 'id', undefined, scope));
        if (node.moduleReference.type !== 'TSExternalModuleReference') visit(node.moduleReference, place, 'moduleReference', undefined, scope, inType);
        return;
      case 'ExportNamedDeclaration':
        if (node.declaration) visit(node.declaration, place, 'declaration', undefined, scope, inType);
        // `export { a as b }` reads `a`; `export { a } from 'm'` reads nothing of this file.
        if (!node.source) {
          node.specifiers.forEach((specifier, i) => {
            if (specifier.type === 'ExportSpecifier' && specifier.local.type === 'Identifier') {
              const specifierPlace = placeOf(specifier, place, 'specifiers', i, scope);
              reference(placeOf(specifier.local, specifierPlace, 'local', undefined, scope), inType || node.exportKind === 'type' || specifier.exportKind === 'type');
            }
          });
        }
        return;
      case 'ExportAllDeclaration':
        return;
      case 'MemberExpression':
      case 'OptionalMemberExpression':
      case 'JSXMemberExpression':
        visit(node.object, place, 'object', undefined, scope, inType);
        if ((node as { computed?: boolean }).computed) visit(node.property, place, 'property', undefined, scope, inType);
        return;
      case 'TSQualifiedName':
        visit(node.left, place, 'left', undefined, scope, true);
        return;
      case 'ObjectProperty':
      case 'ClassProperty':
      case 'ClassAccessorProperty':
      case 'TSPropertySignature':
      case 'TSMethodSignature':
      // ESTree (oxc): object properties and methods, class members; a method's function is its `value`.
      case 'Property' as Node['type']:
      case 'MethodDefinition' as Node['type']:
      case 'PropertyDefinition' as Node['type']:
      case 'AccessorProperty' as Node['type']:
      case 'TSAbstractMethodDefinition' as Node['type']:
      case 'TSAbstractPropertyDefinition' as Node['type']:
      case 'TSAbstractAccessorProperty' as Node['type']:
        // A key names a property, not a variable, unless computed.
        return eachChild(node, place, scope, inType, (k) => k === 'key' && !(node as { computed?: boolean }).computed);
      case 'AssignmentExpression':
        assignTarget(node.left, place, 'left', undefined, scope);
        return visit(node.right, place, 'right', undefined, scope, inType);
      case 'UpdateExpression':
        return assignTarget(node.argument, place, 'argument', undefined, scope);
      case 'LabeledStatement':
        return visit(node.body, place, 'body', undefined, scope, inType);
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'MetaProperty':
      case 'PrivateName':
      case 'PrivateIdentifier' as Node['type']:
      case 'JSXAttribute':
        if (node.type === 'JSXAttribute' && node.value) visit(node.value, place, 'value', undefined, scope, inType);
        return;
      case 'TSEnumDeclaration':
        declare(scope, node.id.name, 'other', placeOf(node.id, place, 'id', undefined, scope), !!node.declare);
        return eachChild(node, place, scope, inType, (k) => k === 'id');
      case 'TSEnumMember':
        return eachChild(node, place, scope, inType, (k) => k === 'id');
      case 'TSModuleDeclaration': {
        if (node.id.type === 'Identifier') declare(scope, node.id.name, 'other', placeOf(node.id, place, 'id', undefined, scope), !!node.declare);
        const inner = new Scope(scope, true);
        return eachChild(node, place, inner, inType, (k) => k === 'id');
      }
      case 'TSTypeParameter':
        return eachChild(node, place, scope, true, (k) => k === 'name');
      case 'TSTypeQuery':
        return eachChild(node, place, scope, true);
      default:
        if (TYPE_DECLARATIONS.has(node.type)) {
          const id = (node as { id?: Node }).id;
          if (id?.type === 'Identifier') declare(scope, id.name, 'type', placeOf(id, place, 'id', undefined, scope));
          return eachChild(node, place, new Scope(scope, false), true, (k) => k === 'id');
        }
        return eachChild(node, place, scope, inType || (node.type.startsWith('TSType') && node.type !== 'TSTypeAssertion') || node.type.endsWith('TypeAnnotation'));
    }
  }

  const programPlace = placeOf(program, undefined, 'program', undefined, root);
  eachChild(program, programPlace, root, false);

  for (const ref of references) {
    const declaration = ref.place.scope.lookup(ref.place.node.name);
    if (!declaration) continue;
    declaration.references.push(ref);
    if (ref.write) declaration.constant = false;
  }
  return { program: root, references, places, nameCounts };
}
