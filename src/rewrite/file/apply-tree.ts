/**
 * Makes the matcher's edits in Babel's tree, for the build's door (Babel prints there).
 * The edits hold the tree's own nodes and where they sit, so each edit is a swap in
 * place; the new nodes keep the old ones' positions for source maps.
 */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { codeOfString } from '../rules/literals';
import { CANVAS_TYPE_EXPORT } from '../rules/legacy-apis';
import { changesFile, type RewriteEdits } from './match-types';
import { moveLifetimesInTree } from './component-lifetimes';
import { canvasTypeName } from './canvas-calls';
import { CANVAS_ID_ATTRIBUTES } from './canvas-template';
import type { Declaration, Place } from './scope';

/**
 * Babel's node builders, loaded by the first edit of a Babel tree (Babel has loaded them by
 * then): the doors that edit text (the CLI, the vite hook) load the engine without them.
 */
let types: typeof import('@babel/types');

/** Puts `replacement` where `place.node` is in its parent. */
function swap(place: Place, replacement: t.Node): void {
  const holder = (place.parent as unknown as Record<string, unknown>)[place.key];
  if (Array.isArray(holder)) holder[holder.indexOf(place.node)] = replacement;
  else (place.parent as unknown as Record<string, unknown>)[place.key] = replacement;
}

/**
 * A string node Babel prints as the text rewrite writes a string (codeOfString): its printer keeps the raw text of a
 * node whose value it matches.
 */
function stringNode(value: string): t.StringLiteral {
  const node = types.stringLiteral(value);
  node.extra = { raw: codeOfString(value, '"'), rawValue: value };
  return node;
}

function identifierAt(name: string, at: t.Node): t.Identifier {
  const id = types.identifier(name);
  id.loc = at.loc;
  id.start = at.start;
  id.end = at.end;
  return id;
}

/** Removes a node from the list it sits in; a removed statement hands its leading comments to the next one. */
function removeFromParent(node: t.Node, parent: t.Node, key: string): void {
  const list = (parent as unknown as Record<string, unknown>)[key];
  if (!Array.isArray(list)) throw new Error(`cannot remove a ${node.type} from ${parent.type}.${key}`);
  const index = list.indexOf(node);
  if (index < 0) return;
  list.splice(index, 1);
  const next = list[index];
  if (next && node.leadingComments?.length)
    next.leadingComments = [...node.leadingComments, ...(next.leadingComments ?? [])];
}

/** `wx.onBLEConnectionStateChanged` → `wx.onBLEConnectionStateChange`: the member's own node, renamed. */
function renameMembers(edits: RewriteEdits): void {
  for (const { property, to } of edits.renames) {
    if (property.type === 'Identifier') property.name = to;
    else if (property.type === 'StringLiteral') {
      property.value = to;
      property.extra = { raw: codeOfString(to, '"'), rawValue: to };
    }
  }
}

function replaceReferences(edits: RewriteEdits): void {
  for (const { place, api } of edits.replacements) {
    const id = identifierAt(edits.localNames.get(api)!, place.node);
    const { node, parent } = place;
    if (node.type === 'Identifier' && parent?.type === 'ExportSpecifier' && place.key === 'local') {
      parent.local = id; // `export { sr }` → `export { startRecord as sr }`
      continue;
    }
    if (node.type === 'Identifier' && parent?.type === 'ObjectProperty' && parent.shorthand && place.key === 'value') {
      parent.value = id;
      parent.shorthand = id.name === node.name;
      continue;
    }
    swap(place, id);
    // `wx?.startRecord()` had its only `?.` inside the member replaced: now a plain call.
    if (parent?.type === 'OptionalCallExpression' && place.key === 'callee' && !parent.optional && place.up?.parent) {
      const call = types.callExpression(id, parent.arguments);
      call.loc = parent.loc;
      swap(place.up, call);
    }
  }
}

/**
 * A legacy context's setters as its properties (Decision C5), as the text door writes them (apply-text.ts). Returns the
 * identifiers of the receivers written (`ctx`; setShadow repeats it), which now sit in new nodes: to be registered.
 */
function writeProperties(edits: RewriteEdits): t.Identifier[] {
  const receivers: t.Identifier[] = [];
  for (const { statement, call, properties } of edits.propertyWrites) {
    const member = call.callee as t.MemberExpression;
    const writes = call.arguments.map((argument, i) => {
      const receiver = i === 0 ? member.object : (types.cloneNode(member.object) as t.Expression);
      types.traverseFast(receiver, (node) => {
        if (node.type === 'Identifier') receivers.push(node);
      });
      return types.assignmentExpression(
        '=',
        types.memberExpression(receiver, types.identifier(properties[i])),
        argument as t.Expression,
      );
    });
    statement.expression = writes.length === 1 ? writes[0] : types.sequenceExpression(writes);
  }
  return receivers;
}

/**
 * Makes each receiver's identifier that references a binding a reference of it where it now sits (its old path had
 * the setter's call around it; a copy had none), so that a plugin after this one (one that renames `ctx`, or replaces
 * its references) meets every use. One traversal, only in a file with such writes.
 */
function registerReceivers(programPath: NodePath<t.Program>, receivers: t.Identifier[]): void {
  if (receivers.length === 0) return;
  const wanted = new Set<t.Node>(receivers);
  programPath.traverse({
    Identifier(path) {
      if (!wanted.has(path.node) || !path.isReferencedIdentifier()) return;
      const binding = path.scope.getBinding(path.node.name);
      if (!binding) return;
      binding.referencePaths = binding.referencePaths.filter((old) => old.node !== path.node);
      binding.references = binding.referencePaths.length;
      binding.reference(path);
    },
  });
}

/**
 * The element's attributes with its id, in the id's place (the same call node, whatever replaced its callee):
 * `createAudioContext({ id: 'a', src })`.
 */
function addElementArguments(edits: RewriteEdits): void {
  for (const { call, attributes } of edits.elementArguments) {
    const fields: t.ObjectProperty[] = [
      types.objectProperty(types.identifier('id'), call.arguments[0] as t.Expression),
    ];
    if (attributes.src !== undefined)
      fields.push(types.objectProperty(types.identifier('src'), stringNode(attributes.src)));
    if (attributes.loop) fields.push(types.objectProperty(types.identifier('loop'), types.booleanLiteral(true)));
    call.arguments[0] = types.objectExpression(fields);
  }
}

/** A further group's declarator after the first, as the text door writes it (apply-text.ts, addDeclarators). */
function addDeclarators(edits: RewriteEdits): void {
  // each after the one added before it for the same declarator, in the order the text door writes them
  const last = new Map<t.Node, t.VariableDeclarator>();
  for (const added of edits.addedDeclarators) {
    const call = types.callExpression(identifierAt(edits.localNames.get(added.api)!, added.after), []);
    let id: t.LVal;
    if (added.properties.length > 0) {
      const pattern = added.after.id as t.ObjectPattern;
      pattern.properties = pattern.properties.filter((p) => !added.properties.includes(p));
      id = types.objectPattern(added.properties as t.ObjectProperty[]);
    } else {
      id = types.identifier(added.local!);
      for (const read of added.reads) swap(read, identifierAt(added.local!, read.node));
    }
    const declarators = added.declaration.declarations;
    const declarator = types.variableDeclarator(id, call);
    declarators.splice(declarators.indexOf(last.get(added.after) ?? added.after) + 1, 0, declarator);
    last.set(added.after, declarator);
  }
}

/** `authorized(info.cameraAuthorized)`, as the text door writes it. */
function wrapReads(edits: RewriteEdits): void {
  for (const { place, api } of edits.wrappedReads) {
    const call = types.callExpression(identifierAt(edits.localNames.get(api)!, place.node), [
      place.node as t.Expression,
    ]);
    call.loc = place.node.loc;
    swap(place, call);
  }
}

function removeDeclarations(edits: RewriteEdits): void {
  for (const place of edits.removals) {
    const owner = place.parent!;
    removeFromParent(place.node, owner, place.key);
    if (owner.type === 'ImportDeclaration' && owner.specifiers.length === 0) {
      removeFromParent(owner, place.up!.parent!, place.up!.key);
    } else if (owner.type === 'ObjectPattern' && owner.properties.length === 0) {
      const declaratorPlace = place.up!.up!;
      const declaration = declaratorPlace.parent as t.VariableDeclaration;
      removeFromParent(declaratorPlace.node, declaration, 'declarations');
      if (declaration.declarations.length === 0)
        removeFromParent(declaration, declaratorPlace.up!.parent!, declaratorPlace.up!.key);
    }
  }
}

function addImports(program: t.Program, edits: RewriteEdits): void {
  if (edits.imports.length === 0) return;
  const specifiers = edits.imports.map(({ api, local }) =>
    types.importSpecifier(types.identifier(local), types.identifier(api)),
  );
  if (edits.existingImport) {
    edits.existingImport.specifiers.push(...specifiers);
    return;
  }
  const source = stringNode(edits.importSource);
  if (edits.moduleStyle === 'import') {
    const lastImport = program.body.reduce(
      (last, statement, i) => (statement.type === 'ImportDeclaration' ? i : last),
      -1,
    );
    program.body.splice(lastImport + 1, 0, types.importDeclaration(specifiers, source));
    return;
  }
  // One declaration per file, as the text door writes it (apply-text.ts).
  const properties = edits.imports.map(({ api, local }) =>
    types.objectProperty(types.identifier(api), types.identifier(local), false, api === local),
  );
  if (edits.existingRequire) {
    edits.existingRequire.properties.push(...properties);
    return;
  }
  const pattern = types.objectPattern(properties);
  program.body.unshift(
    types.variableDeclaration(edits.requireKeyword, [
      types.variableDeclarator(pattern, types.callExpression(types.identifier('require'), [types.cloneNode(source)])),
    ]),
  );
}

/** Babel's record of a binding, as far as it is read here. */
interface BabelBinding {
  identifier: t.Node;
  referencePaths: NodePath[];
  references: number;
  referenced: boolean;
}

/**
 * Makes Babel's scope true again after the edits, for the plugins that read it after this
 * one (TypeScript's import elision drops an import whose binding has no value reference
 * left; block scoping renames bindings). A full re-crawl costs more than the whole rewrite,
 * so when every binding the edits touched belongs to the program itself (imports and
 * top-level declarations: the usual case), those bindings are updated directly; anything
 * else is re-crawled.
 *
 * The runtime's new imports get no binding (unless re-exported, see below): nothing can then mistake them for unused (a
 * binding without references is what import elision removes), and their names are marked
 * as used so that no plugin generates a name that clashes with them.
 */
function updateScope(programPath: NodePath<t.Program>, edits: RewriteEdits): void {
  const scope = programPath.scope;
  const own = (declaration: Declaration): BabelBinding | undefined => {
    const binding = scope.getOwnBinding(declaration.name) as unknown as BabelBinding | undefined;
    return binding && binding.identifier === declaration.id.node ? binding : undefined;
  };
  const { removedBindings, droppedReferences } = edits.scopeChanges;
  // `export { startRecord }` now names a runtime import: without its binding, TypeScript's
  // plugin warns that the export names nothing it knows. The crawl gives it one, referenced by
  // the export (so import elision keeps it). Rare: a re-export of a legacy API.
  const reExported = edits.replacements.some(({ place }) => place.parent?.type === 'ExportSpecifier');
  // A further declarator (system-info-reads.ts) declares a local of its own: rare, re-crawled.
  if (
    reExported ||
    edits.addedDeclarators.length > 0 ||
    removedBindings.some((d) => !own(d)) ||
    droppedReferences.some((d) => !own(d.declaration))
  ) {
    scope.crawl();
    return;
  }
  for (const { declaration, identifier } of droppedReferences) {
    const binding = own(declaration)!;
    binding.referencePaths = binding.referencePaths.filter((path) => path.node !== identifier);
    binding.references = binding.referencePaths.length;
    binding.referenced = binding.references > 0;
  }
  for (const declaration of removedBindings) scope.removeOwnBinding(declaration.name);
  const names = scope as unknown as { references?: Record<string, boolean>; referencesSet?: Set<string> };
  for (const { local } of edits.imports) {
    if (names.referencesSet) names.referencesSet.add(local);
    else if (names.references) names.references[local] = true;
  }
}

/**
 * The JSX `<Canvas>` of a canvas moved to Canvas 2D gains a `type` bound to the runtime's canvasType and, unless it
 * has one, an `id` with the value of its canvas id (Decision C1), first after the tag's name as the text door writes
 * them. Other templates are files of their own, which only the text door writes.
 */
function addTemplateAttributes(edits: RewriteEdits): void {
  for (const insertion of edits.templateInsertions) {
    const { jsx } = insertion;
    if (!jsx) continue;
    const named = (name: string) =>
      jsx.attributes.find(
        (a): a is t.JSXAttribute =>
          a.type === 'JSXAttribute' && a.name.type === 'JSXIdentifier' && a.name.name === name,
      );
    const typeName = canvasTypeName(insertion, edits.localNames.get(CANVAS_TYPE_EXPORT));
    const typeValue = typeName ? types.jsxExpressionContainer(types.identifier(typeName)) : stringNode('2d');
    const added = [types.jsxAttribute(types.jsxIdentifier('type'), typeValue)];
    const canvasId = CANVAS_ID_ATTRIBUTES.map(named).find((a) => a?.value);
    if (!named('id') && canvasId?.value)
      added.push(types.jsxAttribute(types.jsxIdentifier('id'), types.cloneNode(canvasId.value)));
    jsx.attributes.unshift(...added);
  }
}

/** Makes the edits in the program, then makes Babel's scope true again (see updateScope). */
export function applyEditsToTree(programPath: NodePath<t.Program>, edits: RewriteEdits): void {
  if (!changesFile(edits)) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, on purpose
  types ??= require('@babel/types') as typeof import('@babel/types');
  renameMembers(edits);
  registerReceivers(programPath, writeProperties(edits));
  moveLifetimesInTree(edits.lifetimeMoves, types);
  addTemplateAttributes(edits);
  if (edits.replacements.length === 0) return;
  addElementArguments(edits);
  replaceReferences(edits);
  addDeclarators(edits);
  wrapReads(edits);
  removeDeclarations(edits);
  addImports(programPath.node, edits);
  updateScope(programPath, edits);
}
