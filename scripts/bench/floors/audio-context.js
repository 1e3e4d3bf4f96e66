/*
 * The createAudioContext floor: the legacy createAudioContext as a WeChat-only build would keep it, cut by hand from
 * src/runtime/audio-context.ts and docs/contract.md, Decisions A1–A7, on `wx` and WeChat's getCurrentPages. Measured
 * by bench:size as the family is (what an app that imports createAudioContext keeps).
 *
 * Kept, as the runtime keeps it on WeChat: one player per id and owner (the component given, else the page the context
 * was made on, told apart by Taro's `$taroPath`, else getPageId(); before any page, the page on top at each call),
 * made at the first play, and a context whose page left doing nothing (A1); the element's `src` and `loop` until
 * setSrc, which destroys the player; play() resuming a paused player or starting a new one, nothing without a source;
 * seek() before a player setting where play() starts, anything but a number ≥ 0 ignored (A2); a player that ends (not
 * looping) or fails destroyed (A3); the page stack read at every call and every onTimeUpdate, the players of pages gone
 * destroyed (A4); a platform throw in a method dropped (A5); the context returned at once (A6); the element named by
 * the migration's object, or the older third argument (A7).
 *
 * Left out, as a WeChat-only build drops it: the platform lookup (Taro's default export and Taro.getCurrentPages; the
 * native entry's wx/tt); a player taken by another instance's `src` (Douyin's one Android player); the guard against
 * rejected Promises (a stub's context, React Native's and H5's play()); the catch around getCurrentPages, which WeChat
 * always has. The players' fields end with an underscore, shortened as the runtime's build shortens the runtime's.
 */
const pageKey = (p) => p && (p.$taroPath || (p.getPageId ? p.getPageId() : p));

// Every player made: { owner_, page_, id_, src_, loop_, startTime_, context_ }.
let players = [];

function free(pl) {
  if (pl.context_) pl.context_.destroy();
  pl.context_ = undefined;
}

// Destroys the players of pages that left the stack; returns the stack's keys, the top first.
function sweep() {
  const keys = getCurrentPages().map(pageKey).reverse();
  players = players.filter((pl) => !pl.page_ || keys.indexOf(pl.page_) >= 0 || free(pl));
  return keys;
}

export function createAudioContext(named, component, element = named) {
  let made = sweep()[0];
  const own = pageKey(component);
  const id = element.id || named;

  // A method: `action` on the player this context drives now; nothing when its page has gone.
  const method = (action) => (arg) => {
    const keys = sweep();
    if (keys.indexOf(own) >= 0) made = own;
    const page = made || keys[0];
    if (page && keys.indexOf(page) < 0) return;
    const owner = component || page;
    let pl = players.find((q) => q.owner_ === owner && q.id_ === id);
    if (!pl) players.push((pl = { owner_: owner, id_: id, src_: element.src, loop_: element.loop, startTime_: 0 }));
    pl.page_ = page;
    try {
      action(pl, arg);
    } catch (e) {
      // WeChat's AudioContext reports nothing either.
    }
  };

  return {
    setSrc: method((pl, src) => {
      free(pl);
      pl.src_ = src;
      pl.startTime_ = 0;
    }),
    play: method((pl) => {
      if (!pl.context_ && pl.src_) {
        const c = wx.createInnerAudioContext();
        const done = () => pl.context_ === c && free(pl);
        c.onEnded(() => pl.loop_ || done());
        c.onError(done);
        c.onTimeUpdate(sweep);
        c.loop = !!pl.loop_;
        c.startTime = pl.startTime_;
        pl.startTime_ = 0;
        c.src = pl.src_;
        pl.context_ = c;
      }
      if (pl.context_) pl.context_.play();
    }),
    pause: method((pl) => pl.context_ && pl.context_.pause()),
    seek: method((pl, position) => {
      if (position >= 0)
        pl.context_ ? pl.context_.seek((pl.context_.startTime = position)) : (pl.startTime_ = position);
    }),
  };
}
