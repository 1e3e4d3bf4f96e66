/*
 * The legacy createAudioContext(id, component?) on createInnerAudioContext(): one player per id
 * and owner (the component, else the page), made at the first play and destroyed when its page
 * leaves the page stack. Contract: docs/contract.md (createAudioContext, Decisions A1–A7).
 * A module of its own: an app that never calls createAudioContext ships none of it.
 * Written against an injected platform API object, like the record core; ES2015, small.
 *
 * The element: the migration names it and what it read of it in one object (Decision A7), which
 * is then the element's attributes too; a legacy id is a string, whose src, loop and id all read
 * undefined: no attributes, and the id is the string.
 *
 * The page a context belongs to: the component's own (its getPageId()) once the stack has it (a
 * component may attach before its page is on the stack); else the page on top when it was made;
 * none (a module-level context made at launch): the page on top at each call.
 *
 * A Taro build for WeChat (`process.env.TARO_ENV == 'weapp'`, which Taro defines in every module it bundles) leaves out
 * what only other platforms need: the catch around the page stack, Douyin's taken player, the guard against rejected
 * Promises. The package's other entries and the local copies hold this module without those tests
 * (scripts/lib/wechat-build.mjs).
 */

import { ifRejected } from './caller';

// The platform's name: Taro's builds define it, and only the Taro entry's form reads it (scripts/lib/wechat-build.mjs).
declare const process: { env: { TARO_ENV?: string } };

/** What the migration read from the `<audio>` element the id points to (its static attributes). */
export interface AudioElementAttributes {
  src?: string;
  loop?: boolean;
}

/** WeChat's AudioContext: four methods, no events, no properties. */
export interface LegacyAudioContext {
  setSrc(src: string): void;
  play(): void;
  pause(): void;
  /** Seconds. */
  seek(position: number): void;
}

/** The slice of wx / tt / Taro this module uses. */
export interface AudioContextApi {
  createInnerAudioContext?: () => unknown;
}

/** The `<audio>` a migrated call names: its id, with the static attributes the migration read from it (Decision A7). */
export interface AudioElement extends AudioElementAttributes {
  id: string;
}

/**
 * The legacy `createAudioContext(id, component?)`, and the migration's form of it: the element's
 * id with its attributes in one object, `createAudioContext({ id: 'a', src: '/a.mp3' }, component?)`
 * (the third argument, `element`, is the older form of the same).
 */
export type CreateAudioContext = (
  id: string | AudioElement,
  component?: object,
  element?: AudioElementAttributes,
) => LegacyAudioContext;

/* eslint-disable @typescript-eslint/no-explicit-any */
const pageKey = (p: any): unknown => p && (p.$taroPath || (p.getPageId ? p.getPageId() : p));

/** One emulated `<audio>`: an id on an owner, its source, and the platform player once it played. */
interface AcPlayer {
  /** The owner: the component given, else the page, else none (no page stack: one for the app). */
  owner_: unknown;
  /** The page it lives on (undefined: none known, never swept). */
  page_?: unknown;
  id_: string;
  /** src, loop, the position a seek asked for before there was a player (seconds). */
  src_: string | undefined;
  loop_: boolean | undefined;
  startTime_: number;
  /** The InnerAudioContext, once it played, and its src as the platform reported it when set. */
  context_?: any;
  reportedSrc_?: unknown;
}

// Frees the player's platform player: the next play() makes a new one.
function free(pl: AcPlayer) {
  if (pl.context_) pl.context_.destroy();
  pl.context_ = undefined;
}

/**
 * Builds createAudioContext over a platform API looked up when a player is made, and the page
 * stack (`getCurrentPages()`, looked up at each call; anything but an array means none).
 */
export function createAudioContextCompat(
  getApi: () => AudioContextApi | undefined,
  getPages: () => unknown,
): CreateAudioContext {
  let players: AcPlayer[] = [];

  // Destroys the players of pages that left the stack (Decision A4); returns the stack's keys.
  function sweep() {
    let keys: unknown[] = [];
    if (process.env.TARO_ENV == 'weapp')
      // WeChat always has a page stack.
      keys = (getPages() as unknown[]).map(pageKey).reverse();
    else
      try {
        keys = (getPages() as unknown[]).map(pageKey).reverse();
      } catch (e) {
        // No page stack on this platform.
      }
    players = players.filter((pl) => !pl.page_ || keys.indexOf(pl.page_) >= 0 || free(pl));
    return keys;
  }

  return (named, component, element = named as AudioElementAttributes) => {
    let made = sweep()[0];
    const own = pageKey(component);
    const id = (element as Partial<AudioElement>).id || (named as string);

    // A method: `action` on the player this context drives now; nothing when its page has gone (A1).
    const method =
      (action: (pl: AcPlayer, arg?: any) => void) =>
      (arg?: any): void => {
        const keys = sweep();
        if (keys.indexOf(own) >= 0) made = own;
        const page = made || keys[0];
        if (page && keys.indexOf(page) < 0) return;
        const owner = component || page;
        let pl = players.find((q) => q.owner_ === owner && q.id_ === id);
        if (!pl) players.push((pl = { owner_: owner, id_: id, src_: element.src, loop_: element.loop, startTime_: 0 }));
        pl.page_ = page;
        try {
          // Douyin's one Android player, taken by another instance's src (seen only here): a new one at the next play.
          if (process.env.TARO_ENV != 'weapp' && pl.context_ && pl.context_.src !== pl.reportedSrc_) free(pl);
          action(pl, arg);
        } catch (e) {
          // A platform without a usable player (A5): WeChat's AudioContext reports nothing either.
        }
      };

    return {
      // A new source stops the old one; the next play() starts it from the beginning (A2).
      setSrc: method((pl, src) => {
        free(pl);
        pl.src_ = src;
        pl.startTime_ = 0;
      }),
      play: method((pl) => {
        if (!pl.context_ && pl.src_) {
          // Made at the first play. Without a usable player (A5) this throws, in the method's try, before it is kept.
          const c = (getApi() as any).createInnerAudioContext();
          // A stub may hand back a Promise that rejects: never unhandled. WeChat's calls return none.
          if (process.env.TARO_ENV != 'weapp') ifRejected(c);
          // Ended (not looping) or failed: the next play() starts on a new player (A3). The app never sees this one.
          const done = () => pl.context_ === c && free(pl);
          c.onEnded(() => pl.loop_ || done());
          c.onError(done);
          c.onTimeUpdate(sweep); // while it plays, it checks that its page is still there (A4)
          c.loop = !!pl.loop_;
          c.startTime = pl.startTime_;
          pl.startTime_ = 0;
          c.src = pl.src_;
          // As the platform reports it (H5's <audio> makes it absolute), for the Douyin check above.
          if (process.env.TARO_ENV != 'weapp') pl.reportedSrc_ = c.src;
          pl.context_ = c;
        }
        // React Native and H5 return a Promise (the browser may refuse to autoplay).
        if (pl.context_) process.env.TARO_ENV == 'weapp' ? pl.context_.play() : ifRejected(pl.context_.play());
      }),
      pause: method((pl) => pl.context_ && pl.context_.pause()),
      seek: method((pl, position) => {
        // A player the browser refused to start (H5) seeks to its startTime when it first plays.
        if (position >= 0)
          pl.context_ ? pl.context_.seek((pl.context_.startTime = position)) : (pl.startTime_ = position);
      }),
    };
  };
}
