/**
 * The order of a split destructuring's declarators (system-info-reads.ts): `const { language,
 * windowWidth, theme = windowWidth > 400 ? 'dark' : 'light' } = wx.getSystemInfoSync()` splits into
 * one declarator per group, and a default, a computed key or a nested pattern that reads a binding
 * of another property must still run after that binding is made (or before, where it ran before:
 * a read in its temporal dead zone still throws). Defaults with effects keep their order among
 * themselves. When no order of the groups keeps all of that, the destructuring is not split.
 */
import type * as t from '@babel/types';
import { forEachChild } from './scope';

/** What one property of the pattern binds, and what its defaults and computed keys read and do. */
interface PropertyFacts {
  bound: Set<string>;
  /** Every name its defaults and computed keys read (a name of an inner function's too: more is safe). */
  reads: Set<string>;
  /** A call, `new`, an assignment, `++`, `delete`, `await`, `yield` or a tagged template among them. */
  effects: boolean;
}

/**
 * The groups of a destructuring's properties in an order that keeps every dependency between its properties (first
 * seen first where free to choose), or undefined when none does. `groupOf` gives each property's group.
 */
export function splitOrder<G>(properties: readonly t.Node[], groupOf: (property: t.Node) => G): G[] | undefined {
  const facts = properties.map(propertyFacts);
  const groups = [...new Set(properties.map(groupOf))];
  const before = new Map<G, Set<G>>(groups.map((g) => [g, new Set<G>()]));
  for (let j = 0; j < properties.length; j++) {
    for (let i = 0; i < j; i++) {
      const [gi, gj] = [groupOf(properties[i]), groupOf(properties[j])];
      if (gi !== gj && dependent(facts[i], facts[j])) before.get(gj)!.add(gi);
    }
  }
  return topologicalOrder(groups, before);
}

/** Must the property `a` (earlier in the pattern) and `b` (later) keep their order? */
function dependent(a: PropertyFacts, b: PropertyFacts): boolean {
  const overlaps = (names: Set<string>, bound: Set<string>) => [...names].some((name) => bound.has(name));
  if (overlaps(b.reads, a.bound) || overlaps(a.reads, b.bound)) return true;
  return (a.effects && (b.effects || b.reads.size > 0)) || (b.effects && a.reads.size > 0);
}

/** The groups, each after those it must follow, first seen first; undefined on a cycle. */
function topologicalOrder<G>(groups: G[], before: Map<G, Set<G>>): G[] | undefined {
  const order: G[] = [];
  while (order.length < groups.length) {
    const next = groups.find((g) => !order.includes(g) && [...before.get(g)!].every((h) => order.includes(h)));
    if (next === undefined) return undefined;
    order.push(next);
  }
  return order;
}

function propertyFacts(property: t.Node): PropertyFacts {
  const facts: PropertyFacts = { bound: new Set(), reads: new Set(), effects: false };
  if (property.type === 'RestElement') bindings(property.argument, facts);
  else {
    const keyed = property as t.ObjectProperty;
    if (keyed.computed) expressionFacts(keyed.key, facts);
    bindings(keyed.value, facts);
  }
  return facts;
}

/** The names a pattern binds; its defaults and computed keys as expressions. */
function bindings(node: t.Node, facts: PropertyFacts): void {
  switch (node.type) {
    case 'Identifier':
      facts.bound.add(node.name);
      return;
    case 'AssignmentPattern':
      bindings(node.left, facts);
      expressionFacts(node.right, facts);
      return;
    case 'ObjectPattern':
      for (const property of node.properties) {
        const inner = propertyFacts(property);
        inner.bound.forEach((name) => facts.bound.add(name));
        inner.reads.forEach((name) => facts.reads.add(name));
        facts.effects ||= inner.effects;
      }
      return;
    case 'ArrayPattern':
      for (const element of node.elements) if (element) bindings(element, facts);
      return;
    case 'RestElement':
      bindings(node.argument, facts);
      return;
    default:
      expressionFacts(node, facts);
  }
}

const EFFECTS = new Set([
  'CallExpression',
  'OptionalCallExpression',
  'NewExpression',
  'AssignmentExpression',
  'UpdateExpression',
  'AwaitExpression',
  'YieldExpression',
  'TaggedTemplateExpression',
  'ImportExpression',
]);

/** The names an expression reads and whether it does anything (more names than it reads is safe). */
function expressionFacts(node: t.Node, facts: PropertyFacts): void {
  if (EFFECTS.has(node.type) || (node.type === 'UnaryExpression' && node.operator === 'delete')) facts.effects = true;
  if (node.type === 'Identifier') {
    facts.reads.add(node.name);
    return;
  }
  if ((node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && !node.computed) {
    expressionFacts(node.object, facts);
    return;
  }
  if (
    (node.type === 'ObjectProperty' || (node.type as string) === 'Property') &&
    !(node as t.ObjectProperty).computed
  ) {
    expressionFacts((node as t.ObjectProperty).value, facts);
    return;
  }
  forEachChild(node, (child) => expressionFacts(child, facts));
}
