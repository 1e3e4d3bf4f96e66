/**
 * The matcher's steps for what is migrated without a runtime function of its own name, or goes
 * with another call: a member renamed in place (`onBLEConnectionStateChanged`), the old lifecycles
 * of `Component({ … })` moved under `lifetimes` (component-lifetimes.ts), and the calls of methods
 * on an object another API made (object-members.ts): migrated with that call where it is
 * rewritten, for a person with it where it is not.
 */
import type * as t from '@babel/types';
import {
  handReasonOf,
  isChosenFamily,
  legacyApiRow,
  OWNER_CREATORS,
  renamedTo,
  reviewReason,
  type LegacyApiName,
  type MigratedInPlaceApi,
} from '../rules/legacy-apis';
import { isCallee, staticPropertyName } from './api-object';
import { planLifetimes } from './component-lifetimes';
import type { LegacyBinding } from './match-types';
import { byPosition, liveReferences } from './match-sites';
import { ReviewingMatcher } from './match-review';
import { ownedUses } from './object-members';
import { accessPath } from './holders';
import type { Place } from './scope';

/** The steps of renames, moves and objects' methods, on the state of the earlier steps. */
export class ObjectMatcher extends ReviewingMatcher {
  /** A use of a family the options did not choose: counted as left as chosen, never changed. */
  private leftAsChosenHere(node: t.Node, api: LegacyApiName): void {
    (this.report.leftAsChosen ??= []).push({ ...this.positionOf(node), api });
  }

  /** Step 4d: each member of the platform object with a current name is renamed where it is written. */
  settleRenames(): void {
    for (const site of this.members) {
      const to = renamedTo(site.api);
      if (!to) continue;
      const member = site.place.node as t.MemberExpression;
      this.edits.renames.push({ property: member.property, to });
      this.report.rewritten.push({
        ...this.positionOf(member),
        api: site.api as MigratedInPlaceApi,
        via: site.via,
        form: isCallee(site.place) ? 'call' : 'reference',
        becomes: to,
      });
    }
  }

  /** Step 4e: the old lifecycles of each `Component({ … })` (or `Behavior`) move under `lifetimes`, or stay with a reason. */
  settleLifetimes(families: readonly string[] | undefined): void {
    const plan = planLifetimes(this.scopes.places);
    if (plan.sites.length === 0) return;
    if (!isChosenFamily(plan.sites[0]!.api, families)) {
      for (const site of plan.sites) this.leftAsChosenHere(site.node, site.api);
      return;
    }
    for (const site of plan.sites) {
      if (site.reason) this.reportManual(site.node, site.reason, site.api);
      else
        this.report.rewritten.push({
          ...this.positionOf(site.node),
          api: site.api as MigratedInPlaceApi,
          via: site.via,
          form: 'reference',
          becomes: `lifetimes.${site.api.slice('Component.'.length)}`,
        });
    }
    this.edits.lifetimeMoves.push(...plan.moves);
  }

  /**
   * Step 4f: the methods called on what a creator returned (a context of createCanvasContext, of
   * createAudioContext, of createMapContext, a context's gradient): each one migrated with its
   * creator where `held` does not keep that call, else for a person, with the reason.
   */
  settleOwnedMembers(
    bindings: readonly LegacyBinding[],
    held: ReadonlySet<t.Node>,
    families: readonly string[] | undefined,
  ): void {
    const creators = this.creatorCalls(bindings);
    if (creators.length === 0) return;
    for (const use of ownedUses(creators, this.scopes.places, staticPropertyName)) {
      const node = use.place.node;
      if (!isChosenFamily(use.api, families)) {
        this.leftAsChosenHere(node, use.api);
        continue;
      }
      const creator = use.creator.node as t.CallExpression;
      const reference = creator.callee;
      const made = { ...this.positionOf(creator), api: this.creatorApi(use.creator) };
      const own = legacyApiRow(use.api)!.handReason;
      const creatorMigrates =
        legacyApiRow(made.api)?.runtimeExport !== undefined &&
        !held.has(reference) &&
        !this.uncertainCreators.has(reference);
      if (!own && creatorMigrates) {
        (this.report.followsCreator ??= []).push({ ...this.positionOf(node), api: use.api, creator: made });
        continue;
      }
      if (this.writesProperties(use.place, use.api, made.api)) continue;
      const where = `${made.api}(…)`;
      const reason =
        own || handReasonOf(use.api)
          ? `${reviewReason(use.api)} (its object comes from ${where})`
          : `${reviewReason(use.api)}, with ${where}, which is left for a person`;
      // A gradient of such a context waits with it (its addColorStop follows the createLinearGradient here).
      const awaits = this.awaitingTemplate.has(reference);
      if (awaits) this.awaitingTemplate.add(node);
      this.reportManual(node, reason, use.api, awaits);
    }
    this.report.manual.sort(byPosition);
    this.report.followsCreator?.sort(byPosition);
  }

  /**
   * A setter of a context that stays legacy, with an exact property (Decision C5): its call, made
   * for its own sake (a statement), becomes the property writes, one per argument, on the same
   * context. Returns whether it does.
   */
  private writesProperties(member: Place, api: LegacyApiName, via: string): boolean {
    const properties = legacyApiRow(api)!.writes;
    const call = member.parent;
    const node = member.node as t.MemberExpression;
    if (!properties || member.key !== 'callee' || call?.type !== 'CallExpression') return false;
    if (node.type !== 'MemberExpression' || node.computed || member.up?.parent?.type !== 'ExpressionStatement')
      return false;
    // A sequence (`(a, b)`) would lose its parentheses in front of `=`.
    if (
      call.arguments.length !== properties.length ||
      call.arguments.some((a) => a.type === 'SpreadElement' || a.type === 'SequenceExpression')
    )
      return false;
    // Written once per property: only a context kept under a name or a path (`ctx`, `this.ctx`) is read again.
    if (properties.length > 1 && accessPath(node.object, staticPropertyName) === undefined) return false;
    this.edits.propertyWrites.push({ statement: member.up!.parent as t.ExpressionStatement, call, properties });
    this.report.rewritten.push({
      ...this.positionOf(node),
      api: api as MigratedInPlaceApi,
      via,
      form: 'call',
      becomes: properties.join(', '),
    });
    return true;
  }

  /** The API a creator call calls: the member's name, or the API a binding holds. */
  private creatorApi(call: Place): string {
    const callee = (call.node as t.CallExpression).callee;
    const name =
      callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression'
        ? staticPropertyName(callee)
        : undefined;
    return name ?? this.bindingApis.get(callee) ?? '';
  }

  /** The calls of a binding's API, by callee, as their bindings name it (`const { createCanvasContext } = Taro`). */
  private readonly bindingApis = new Map<t.Node, string>();

  /**
   * The calls that make an owner's object: the members and bindings of the table's creators
   * (createCanvasContext, createAudioContext) and of the platform's current ones (createMapContext).
   */
  private creatorCalls(bindings: readonly LegacyBinding[]): { call: Place; api: string }[] {
    const calls: { call: Place; api: string }[] = [];
    for (const site of [...this.members, ...this.platformCreators])
      if (OWNER_CREATORS.has(site.api) && isCallee(site.place)) calls.push({ call: site.place.up!, api: site.api });
    for (const binding of bindings) {
      if (!OWNER_CREATORS.has(binding.api)) continue;
      for (const ref of liveReferences(binding))
        if (!ref.inType && isCallee(ref.place)) {
          this.bindingApis.set(ref.place.node, binding.api);
          calls.push({ call: ref.place.up!, api: binding.api });
        }
    }
    return calls;
  }
}
