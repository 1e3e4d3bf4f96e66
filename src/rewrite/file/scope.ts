/**
 * The few scope answers the matcher needs, from one walk over the program's tree (Babel's, or oxc's ESTree: the node
 * kinds where the two differ are listed in the walk): which declaration a name resolves to at a place (is `wx` the
 * global here, is `Taro` the `@tarojs/taro` import), every reference of a declaration, is it ever reassigned, and which
 * names the file uses. A general scope analysis (@babel/traverse's crawl) costs several times the parse; this walk only
 * records what those questions read. Dependency-free at run time (types only from @babel/types).
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

export type DeclarationKind =
  'var' | 'let' | 'const' | 'using' | 'param' | 'function' | 'class' | 'catch' | 'import' | 'type' | 'other';

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

/**
 * The keys of each node kind that hold its children, as the parser that made the tree
 * publishes them (Babel's VISITOR_KEYS, oxc-parser's visitorKeys). With them the walk reads
 * only those keys; without (or for a kind they do not list) it reads every key of the node.
 */
export type ChildKeys = Readonly<Record<string, readonly string[] | undefined>>;

/** Keys that never hold code: positions, comments, parser extras. */
const SKIPPED_KEYS = new Set([
  'type',
  'start',
  'end',
  'loc',
  'range',
  'extra',
  'leadingComments',
  'trailingComments',
  'innerComments',
  'comments',
  'tokens',
]);

/** Keys whose subtree is a type, whatever node holds them. */
const TYPE_KEYS = new Set([
  'typeAnnotation',
  'returnType',
  'typeParameters',
  'typeArguments',
  'superTypeParameters',
  'superTypeArguments',
  'implements',
  'predicate',
]);

/** Declarations that are types through and through. */
const TYPE_DECLARATIONS = new Set([
  'TSInterfaceDeclaration',
  'TSTypeAliasDeclaration',
  'TypeAlias',
  'OpaqueType',
  'InterfaceDeclaration',
  'DeclareTypeAlias',
  'DeclareInterface',
  'DeclareOpaqueType',
]);

const FUNCTIONS = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
  'TSDeclareFunction',
  'TSDeclareMethod',
]);

/** Node kinds the matcher looks at; their places are kept. */
const VISITED = new Set([
  'CallExpression',
  'OptionalCallExpression',
  'MemberExpression',
  'OptionalMemberExpression',
  'ImportSpecifier',
  'VariableDeclarator',
  'ExportNamedDeclaration',
]);

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * The wrappers an expression can wear without being another value: parentheses, a type
 * assertion (`as`, `satisfies`, `<T>x`, `x!`) and the chain of an optional access (oxc's
 * ESTree wraps `a?.b` in a ChainExpression).
 */
const TRANSPARENT_WRAPPERS = new Set([
  'ParenthesizedExpression',
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSTypeAssertion',
  'TSNonNullExpression',
  'ChainExpression',
]);

export function isTransparentWrapper(node: Node): boolean {
  return TRANSPARENT_WRAPPERS.has(node.type);
}

/** The expression under its transparent wrappers: `x` for `(x as any)!`. */
export function withoutWrappers(node: Node): Node {
  while (isTransparentWrapper(node)) node = (node as unknown as { expression: Node }).expression;
  return node;
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

/** Where a node sits, made from its parent's place. */
function placeOf(node: Node, up: Place | undefined, key: string, index: number | undefined, scope: Scope): Place {
  return { node, parent: up?.node, key, index, up, scope };
}

/**
 * What a binding pattern declares: in which scope, of which kind. An assignment target declares nothing (its
 * identifiers are writes).
 */
interface Declaring {
  target: Scope;
  kind: DeclarationKind;
  ambient: boolean;
}

/** The state of one walk: the program's scopes, and what the walk records for the matcher. */
class ScopeWalk {
  readonly root: Scope;

  constructor(
    private readonly childKeys: ChildKeys | undefined,
    outer: Scope | undefined,
  ) {
    this.root = new Scope(outer, true);
  }

  readonly references: Reference[] = [];
  readonly places: Place[] = [];
  readonly nameCounts = new Map<string, number>();

  private count(name: string): void {
    this.nameCounts.set(name, (this.nameCounts.get(name) ?? 0) + 1);
  }

  declare(scope: Scope, name: string, kind: DeclarationKind, id: Place, ambient = false): void {
    this.count(name);
    const existing = scope.declarations.get(name);
    // `var a; var a;` or a function and a var of one name: one binding, no longer a constant.
    if (existing) {
      if (kind !== 'type' && existing.kind !== 'type') existing.constant = false;
      if (existing.kind === 'type')
        scope.declarations.set(name, {
          ...existing,
          name,
          kind,
          id,
          ambient,
          constant: true,
          references: existing.references,
        });
      return;
    }
    scope.declarations.set(name, { name, kind, id, ambient, constant: true, references: [] });
  }

  reference(place: Place, inType: boolean, write = false): void {
    this.count((place.node as t.Identifier).name);
    this.references.push({ place: place as Reference['place'], inType, write });
  }

  /**
   * Visits a node: keeps its place when the matcher looks at its kind, then does what its kind asks (VISITORS), else
   * visits its children.
   */
  visit(
    node: Node,
    up: Place | undefined,
    key: string,
    index: number | undefined,
    scope: Scope,
    inType: boolean,
  ): void {
    const place = placeOf(node, up, key, index, scope);
    if (VISITED.has(node.type)) this.places.push(place);
    const visitKind = FUNCTIONS.has(node.type) ? visitFunction : VISITORS.get(node.type);
    if (visitKind) visitKind(this, node, place, scope, inType);
    else
      this.visitChildren(
        node,
        place,
        scope,
        inType ||
          (node.type.startsWith('TSType') && node.type !== 'TSTypeAssertion') ||
          node.type.endsWith('TypeAnnotation'),
      );
  }

  /** Children of `node` in source order (keys in the parser's order are source order). */
  visitChildren(node: Node, up: Place, scope: Scope, inType: boolean, skip?: (key: string) => boolean): void {
    const keys = this.childKeys?.[node.type];
    if (keys) {
      for (const key of keys) if (!skip?.(key)) this.visitKey(node, key, up, scope, inType);
      return;
    }
    for (const key in node) if (!SKIPPED_KEYS.has(key) && !skip?.(key)) this.visitKey(node, key, up, scope, inType);
  }

  private visitKey(node: Node, key: string, up: Place, scope: Scope, inType: boolean): void {
    const value = (node as unknown as Record<string, unknown>)[key];
    const childInType = inType || TYPE_KEYS.has(key);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (isNode(value[i])) this.visit(value[i], up, key, i, scope, childInType);
    } else if (isNode(value)) this.visit(value, up, key, undefined, scope, childInType);
  }

  /**
   * A binding pattern (`declaring` says where its identifiers are declared) or an assignment
   * target (its identifiers are writes). Defaults and computed keys are read in `scope`;
   * member expressions in a target are read as usual.
   */
  visitPattern(
    node: Node,
    up: Place | undefined,
    key: string,
    index: number | undefined,
    scope: Scope,
    declaring: Declaring | undefined,
  ): void {
    const place = placeOf(node, up, key, index, scope);
    switch (node.type) {
      case 'Identifier':
        if (!declaring) return this.reference(place, false, true);
        this.declare(declaring.target, node.name, declaring.kind, place, declaring.ambient);
        if (node.typeAnnotation) this.visit(node.typeAnnotation, place, 'typeAnnotation', undefined, scope, true);
        return;
      case 'ObjectPattern':
        node.properties.forEach((property, i) => {
          const propertyPlace = placeOf(property, place, 'properties', i, scope);
          if (property.type === 'RestElement')
            return this.visitPattern(property.argument, propertyPlace, 'argument', undefined, scope, declaring);
          if (property.computed) this.visit(property.key, propertyPlace, 'key', undefined, scope, false);
          this.visitPattern(property.value, propertyPlace, 'value', undefined, scope, declaring);
        });
        if (declaring && node.typeAnnotation)
          this.visit(node.typeAnnotation, place, 'typeAnnotation', undefined, scope, true);
        return;
      case 'ArrayPattern':
        node.elements.forEach(
          (element, i) => element && this.visitPattern(element, place, 'elements', i, scope, declaring),
        );
        return;
      case 'RestElement':
        return this.visitPattern(node.argument, place, 'argument', undefined, scope, declaring);
      case 'AssignmentPattern':
        this.visitPattern(node.left, place, 'left', undefined, scope, declaring);
        return this.visit(node.right, place, 'right', undefined, scope, false);
      case 'TSParameterProperty':
        if (declaring) return this.visitPattern(node.parameter, place, 'parameter', undefined, scope, declaring);
        break;
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'ParenthesizedExpression':
        if (!declaring) return this.visitPattern(node.expression, place, 'expression', undefined, scope, declaring);
        break;
    }
    this.visit(node, up, key, index, scope, false); // a member expression as an assignment target, and the like
  }

  /** Hands each recorded reference to the declaration it resolves to; a write makes that declaration no constant. */
  resolveReferences(): void {
    for (const ref of this.references) {
      const declaration = ref.place.scope.lookup(ref.place.node.name);
      if (!declaration) continue;
      declaration.references.push(ref);
      if (ref.write) declaration.constant = false;
    }
  }
}

/** What the walk does at a node of one kind (the node's place made, and kept when the matcher visits its kind). */
type VisitKind<N extends Node = Node> = (walk: ScopeWalk, node: N, place: Place, scope: Scope, inType: boolean) => void;

/**
 * The node kinds with a visit of their own (functions aside); any other kind's children are visited, in a type when the
 * kind is a type.
 */
const VISITORS = new Map<string, VisitKind>();

/** Registers the visit of one or more node kinds. */
function on<N extends Node>(types: readonly N['type'][], visitKind: VisitKind<N>): void {
  for (const type of types) VISITORS.set(type, visitKind as VisitKind);
}

/** The `id` key: names what a declaration declares, not a variable read there. */
const skipId = (key: string): boolean => key === 'id';

/** A function: its own scope for the parameters and the body; a declaration's name goes in the scope around it. */
function visitFunction(walk: ScopeWalk, node: Node, place: Place, scope: Scope, inType: boolean): void {
  const fn = node as t.Function | t.TSDeclareFunction | t.TSDeclareMethod;
  const own = new Scope(scope, true);
  const id = (fn as { id?: t.Identifier | null }).id;
  if (id) {
    // A declaration names the function in the scope around it, an expression only inside itself.
    if (fn.type === 'FunctionDeclaration' || fn.type === 'TSDeclareFunction')
      walk.declare(scope, id.name, 'function', placeOf(id, place, 'id', undefined, scope));
    else walk.declare(own, id.name, 'function', placeOf(id, place, 'id', undefined, own));
  }
  const member = fn as { key?: Node; computed?: boolean; decorators?: Node[] };
  if (member.key && member.computed) walk.visit(member.key, place, 'key', undefined, scope, inType);
  member.decorators?.forEach((decorator, i) => walk.visit(decorator, place, 'decorators', i, scope, inType));
  const declaring: Declaring = { target: own, kind: 'param', ambient: false };
  fn.params.forEach((param, i) => walk.visitPattern(param, place, 'params', i, own, declaring));
  for (const key of ['typeParameters', 'returnType'] as const) {
    const value = (fn as unknown as Record<string, Node | null | undefined>)[key];
    if (value) walk.visit(value, place, key, undefined, own, true);
  }
  const body = (fn as { body?: Node | null }).body;
  if (!body) return;
  // The body block shares the function's scope: `function f(a) { let a }` is the parser's business.
  if (body.type === 'BlockStatement')
    walk.visitChildren(body, placeOf(body, place, 'body', undefined, own), own, inType);
  else walk.visit(body, place, 'body', undefined, own, inType);
}

on<t.Identifier>(['Identifier'], (walk, node, place, scope, inType) => {
  walk.reference(place, inType);
  if (node.typeAnnotation) walk.visit(node.typeAnnotation, place, 'typeAnnotation', undefined, scope, true);
});

on<t.Class>(['ClassDeclaration', 'ClassExpression'], (walk, node, place, scope, inType) => {
  let inner = scope;
  if (node.id) {
    if (node.type === 'ClassDeclaration')
      walk.declare(scope, node.id.name, 'class', placeOf(node.id, place, 'id', undefined, scope), !!node.declare);
    else {
      inner = new Scope(scope, false);
      walk.declare(inner, node.id.name, 'class', placeOf(node.id, place, 'id', undefined, inner));
    }
  }
  walk.visitChildren(node, place, inner, inType, skipId);
});

/** Statements with a block scope of their own; a `for (x of …)` over an existing `x` writes it. */
on<t.BlockStatement | t.StaticBlock | t.SwitchStatement | t.ForStatement | t.ForInStatement | t.ForOfStatement>(
  ['BlockStatement', 'StaticBlock', 'SwitchStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement'],
  (walk, node, place, scope, inType) => {
    const block = new Scope(scope, false);
    if (
      (node.type === 'ForInStatement' || node.type === 'ForOfStatement') &&
      node.left.type !== 'VariableDeclaration'
    ) {
      walk.visitPattern(node.left, place, 'left', undefined, scope, undefined);
      return walk.visitChildren(node, place, block, inType, (key) => key === 'left');
    }
    walk.visitChildren(node, place, block, inType);
  },
);

on<t.CatchClause>(['CatchClause'], (walk, node, place, scope, inType) => {
  const block = new Scope(scope, false);
  if (node.param)
    walk.visitPattern(node.param, place, 'param', undefined, block, { target: block, kind: 'catch', ambient: false });
  walk.visit(node.body, place, 'body', undefined, block, inType);
});

on<t.VariableDeclaration>(['VariableDeclaration'], (walk, node, place, scope, inType) => {
  const kind: DeclarationKind =
    node.kind === 'var' ? 'var' : node.kind === 'let' ? 'let' : node.kind === 'const' ? 'const' : 'using';
  const declaring: Declaring = {
    target: kind === 'var' ? scope.functionScope() : scope,
    kind,
    ambient: !!node.declare,
  };
  node.declarations.forEach((declarator, i) => {
    const declaratorPlace = placeOf(declarator, place, 'declarations', i, scope);
    walk.places.push(declaratorPlace);
    walk.visitPattern(declarator.id, declaratorPlace, 'id', undefined, scope, declaring);
    if (declarator.init) walk.visit(declarator.init, declaratorPlace, 'init', undefined, scope, inType);
  });
});

on<t.ImportDeclaration>(['ImportDeclaration'], (walk, node, place, scope) => {
  const typeOnly = node.importKind === 'type' || node.importKind === 'typeof';
  node.specifiers.forEach((specifier, i) => {
    const specifierPlace = placeOf(specifier, place, 'specifiers', i, scope);
    if (specifier.type === 'ImportSpecifier') walk.places.push(specifierPlace);
    const kind =
      typeOnly ||
      (specifier.type === 'ImportSpecifier' && (specifier.importKind === 'type' || specifier.importKind === 'typeof'))
        ? 'type'
        : 'import';
    walk.declare(
      scope,
      specifier.local.name,
      kind,
      placeOf(specifier.local, specifierPlace, 'local', undefined, scope),
    );
  });
});

on<t.TSImportEqualsDeclaration>(['TSImportEqualsDeclaration'], (walk, node, place, scope, inType) => {
  walk.declare(
    scope,
    node.id.name,
    node.importKind === 'type' ? 'type' : 'other',
    placeOf(node.id, place, 'id', undefined, scope),
  );
  if (node.moduleReference.type !== 'TSExternalModuleReference')
    walk.visit(node.moduleReference, place, 'moduleReference', undefined, scope, inType);
});

on<t.ExportNamedDeclaration>(['ExportNamedDeclaration'], (walk, node, place, scope, inType) => {
  if (node.declaration) walk.visit(node.declaration, place, 'declaration', undefined, scope, inType);
  // `export { a as b }` reads `a`; `export { a } from 'm'` reads nothing of this file.
  if (node.source) return;
  node.specifiers.forEach((specifier, i) => {
    if (specifier.type !== 'ExportSpecifier' || specifier.local.type !== 'Identifier') return;
    const specifierPlace = placeOf(specifier, place, 'specifiers', i, scope);
    walk.reference(
      placeOf(specifier.local, specifierPlace, 'local', undefined, scope),
      inType || node.exportKind === 'type' || specifier.exportKind === 'type',
    );
  });
});

/** `a.b` reads `a`; the property is a name, unless computed. */
on<t.MemberExpression | t.OptionalMemberExpression | t.JSXMemberExpression>(
  ['MemberExpression', 'OptionalMemberExpression', 'JSXMemberExpression'],
  (walk, node, place, scope, inType) => {
    walk.visit(node.object, place, 'object', undefined, scope, inType);
    if ((node as { computed?: boolean }).computed)
      walk.visit(node.property, place, 'property', undefined, scope, inType);
  },
);

on<t.TSQualifiedName>(['TSQualifiedName'], (walk, node, place, scope) =>
  walk.visit(node.left, place, 'left', undefined, scope, true),
);

/**
 * Object properties and methods, class members, type members. ESTree (oxc) has its own kinds for them; a method's
 * function is its `value`.
 */
on(
  [
    'ObjectProperty',
    'ClassProperty',
    'ClassAccessorProperty',
    'TSPropertySignature',
    'TSMethodSignature',
    ...([
      'Property',
      'MethodDefinition',
      'PropertyDefinition',
      'AccessorProperty',
      'TSAbstractMethodDefinition',
      'TSAbstractPropertyDefinition',
      'TSAbstractAccessorProperty',
    ] as unknown as Node['type'][]),
  ],
  (walk, node, place, scope, inType) => {
    // A key names a property, not a variable, unless computed.
    walk.visitChildren(
      node,
      place,
      scope,
      inType,
      (key) => key === 'key' && !(node as { computed?: boolean }).computed,
    );
  },
);

on<t.AssignmentExpression>(['AssignmentExpression'], (walk, node, place, scope, inType) => {
  walk.visitPattern(node.left, place, 'left', undefined, scope, undefined);
  walk.visit(node.right, place, 'right', undefined, scope, inType);
});

on<t.UpdateExpression>(['UpdateExpression'], (walk, node, place, scope) =>
  walk.visitPattern(node.argument, place, 'argument', undefined, scope, undefined),
);

on<t.LabeledStatement>(['LabeledStatement'], (walk, node, place, scope, inType) =>
  walk.visit(node.body, place, 'body', undefined, scope, inType),
);

/** Names that are no variables: labels, `new.target`, `#private`, a JSX attribute's name. */
on(
  [
    'ExportAllDeclaration',
    'BreakStatement',
    'ContinueStatement',
    'MetaProperty',
    'PrivateName',
    'PrivateIdentifier' as Node['type'],
  ],
  () => {},
);

on<t.JSXAttribute>(['JSXAttribute'], (walk, node, place, scope, inType) => {
  if (node.value) walk.visit(node.value, place, 'value', undefined, scope, inType);
});

on<t.TSEnumDeclaration>(['TSEnumDeclaration'], (walk, node, place, scope, inType) => {
  walk.declare(scope, node.id.name, 'other', placeOf(node.id, place, 'id', undefined, scope), !!node.declare);
  walk.visitChildren(node, place, scope, inType, skipId);
});

on<t.TSEnumMember>(['TSEnumMember'], (walk, node, place, scope, inType) =>
  walk.visitChildren(node, place, scope, inType, skipId),
);

on<t.TSModuleDeclaration>(['TSModuleDeclaration'], (walk, node, place, scope, inType) => {
  if (node.id.type === 'Identifier')
    walk.declare(scope, node.id.name, 'other', placeOf(node.id, place, 'id', undefined, scope), !!node.declare);
  walk.visitChildren(node, place, new Scope(scope, true), inType, skipId);
});

on<t.TSTypeParameter>(['TSTypeParameter'], (walk, node, place, scope) =>
  walk.visitChildren(node, place, scope, true, (key) => key === 'name'),
);

on<t.TSTypeQuery>(['TSTypeQuery'], (walk, node, place, scope) => walk.visitChildren(node, place, scope, true));

on([...TYPE_DECLARATIONS] as Node['type'][], (walk, node, place, scope) => {
  const id = (node as { id?: Node }).id;
  if (id?.type === 'Identifier') walk.declare(scope, id.name, 'type', placeOf(id, place, 'id', undefined, scope));
  walk.visitChildren(node, place, new Scope(scope, false), true, skipId);
});

/**
 * One walk of `program`. `outer`: the scope the program's own sits in, whose names it sees
 * unless it declares them itself (a Vue `<script setup>` block sees its component's plain
 * `<script>`); a reference that resolves there is added to that declaration's references.
 */
export function analyzeScopes(program: t.Program, childKeys?: ChildKeys, outer?: Scope): ScopeInfo {
  const walk = new ScopeWalk(childKeys, outer);
  walk.visitChildren(program, placeOf(program, undefined, 'program', undefined, walk.root), walk.root, false);
  walk.resolveReferences();
  return { program: walk.root, references: walk.references, places: walk.places, nameCounts: walk.nameCounts };
}
