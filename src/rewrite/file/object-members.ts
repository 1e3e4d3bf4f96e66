/**
 * The calls of deprecated methods on an object another API returned: `ctx.setFillStyle(…)` of
 * `const ctx = wx.createCanvasContext('c')`, `this.map.translateMarker(…)` of
 * `this.map = wx.createMapContext('m')`, `grd.addColorStop(…)` of a context's gradient. Such a
 * method has no name of its own to search for (`arc`, `fill`, `play` are everyone's): it counts
 * only on an object the file got from its creator (legacy-api-table.ts, OWNER_CREATORS), kept as
 * the code keeps it (holders.ts).
 */
import type * as t from '@babel/types';
import { OWNER_CREATORS, ownedApisOf, type LegacyApiName } from '../rules/legacy-apis';
import { accessPath, holderOf, unwrapped, type MemberName } from './holders';
import { withoutWrappers, type Place } from './scope';

/** A call of an owned method, by the creator call whose object it is called on. */
export interface OwnedUse {
  /** The member (`ctx.setFillStyle`). */
  place: Place;
  /** The owned row: `CanvasContext.setFillStyle`. */
  api: LegacyApiName;
  /** The call of the platform object's API the object comes from (a gradient's: its context's). */
  creator: Place;
}

/** A call that returns an owner's object: where it is, which API it is, and the first creator it comes from. */
interface Creation {
  call: Place;
  api: string;
  root: Place;
}

const isMember = (node: t.Node): node is t.MemberExpression =>
  node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression';

/** The members read on the object `creation` returns, where it is kept (a local, a path as `this.ctx`, a chain). */
function membersOn(creation: Creation, places: readonly Place[], memberName: MemberName): Place[] {
  const holder = holderOf(creation.call, memberName);
  if (holder === undefined) return [];
  if (holder === '.') return [unwrapped(creation.call).up!];
  const declaration = !holder.includes('.') ? creation.call.scope.lookup(holder) : undefined;
  if (declaration)
    return declaration.references
      .filter(
        (ref) =>
          !ref.write && !ref.inType && ref.place.key === 'object' && ref.place.parent && isMember(ref.place.parent),
      )
      .map((ref) => ref.place.up!);
  return places.filter(
    (place) => isMember(place.node) && accessPath(withoutWrappers(place.node.object), memberName) === holder,
  );
}

/** Every call of a deprecated method on an object of the creator calls, in source order, once each. */
export function ownedUses(
  creators: readonly { call: Place; api: string }[],
  places: readonly Place[],
  memberName: MemberName,
): OwnedUse[] {
  const uses = new Map<t.Node, OwnedUse>();
  const queue: Creation[] = creators.map((c) => ({ ...c, root: c.call }));
  for (let creation = queue.shift(); creation; creation = queue.shift()) {
    const owner = OWNER_CREATORS.get(creation.api);
    if (!owner) continue;
    const owned = new Set<string>(ownedApisOf(owner));
    for (const member of membersOn(creation, places, memberName)) {
      const name = memberName(member.node as t.MemberExpression);
      const api = `${owner}.${name}`;
      if (name === undefined || uses.has(member.node)) continue;
      if (owned.has(api)) uses.set(member.node, { place: member, api: api as LegacyApiName, creator: creation.root });
      // A method whose result is another owner's object (a gradient): followed from its call.
      const call = unwrapped(member).up;
      if (
        OWNER_CREATORS.has(api) &&
        call &&
        (call.node.type === 'CallExpression' || call.node.type === 'OptionalCallExpression') &&
        unwrapped(member).key === 'callee'
      )
        queue.push({ call, api, root: creation.root });
    }
  }
  return [...uses.values()].sort((a, b) => a.place.node.start! - b.place.node.start!);
}
