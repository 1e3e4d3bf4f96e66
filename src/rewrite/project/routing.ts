/**
 * The one project-level decision of the rewrite: route the app's own `getRecorderManager()`
 * (option `routeRecorderManager`) and `getBackgroundAudioManager()` (option
 * `routeBackgroundAudioManager`) through the runtime only when the project still has a legacy
 * call of their family: a record call (docs/contract.md, Decision R12), a background-audio
 * call (Decision B4). Then the runtime owns the platform manager's listeners and shares them
 * between the app and the legacy calls; a project without one gets nothing from us, not even
 * its own manager code rewritten. Likewise the calls that read a canvas by its id
 * (`canvasToTempFilePath`, …; option `routeCanvasPixels`), only where the door moves a canvas to
 * Canvas 2D (Decision C4): the codemod with the templates it writes, the build a `<Canvas>` in the
 * component's own JSX. The platform's own find nothing on a moved canvas, and the runtime's hand any
 * other id to the platform.
 *
 * A project is a routing scope (TaroProjectLookup.routingScopeOf): a native mini-program, else
 * a Taro project, else, for the codemod, every other file of its run together. The CLI asks
 * ScopedRouting over its run's files before it rewrites any file, one decision per scope; the
 * build plugin asks treeRouting over its one project's source, with the templates it writes; the
 * ESLint rule asks per kind over the linted file's scope.
 *
 * A file counts when the rewrite would rewrite a call of the kind in it (file/has-legacy-call.ts), not
 * when its text merely names `startRecord`; the text test comes first, so the engine loads
 * only for the few files that name an API of the kind.
 */
import { loadEngine } from '../lazy';
import { OptionsError } from '../rules/options-schema';
import {
  legacyApiRow,
  ROUTED_APP_APIS,
  runtimeExportsOfKind,
  type LegacyApiKind,
  type RouteOption,
} from '../rules/legacy-apis';
import { mightContainLegacyCallOfKind, mightReachIndirectly } from '../rules/prefilter';
import type { TemplateWrites } from '../rules/types';
import { readSideText } from '../tree/side-file';
import { walk } from '../tree/walk';
import type { WalkOptions } from '../tree/walk-result';

export interface SourceText {
  file: string;
  text: string;
  /** The text passed classifyFile already (the codemod's candidates): its nesting is not estimated again. */
  depthChecked?: boolean;
}

/**
 * Does one of these files hold a legacy call of this kind that the rewrite takes? A record
 * call routes the app's own `getRecorderManager()` (Decision R12), a background-audio call its
 * own `getBackgroundAudioManager()` (Decision B4).
 */
export function hasLegacyCallOfKindIn(sources: Iterable<SourceText>, kind: LegacyApiKind): boolean {
  for (const source of sources) {
    if (callOfKindIn(source, kind, true) !== null) return true;
  }
  return false;
}

/** What a project decides for every routed app API of the table: its option, on or off. */
export type RoutingDecision = { [K in RouteOption]: boolean };

/**
 * For each option on, the first file met whose call turned it on, and whether that call is
 * already migrated (it imports the runtime) or still legacy: a build says which file routes
 * the app's own manager, as that file may be code the bundle never holds.
 */
export type RoutingCauses = { [K in RouteOption]?: { file: string; migrated: boolean } };

/** A project's routing as a build reports it: the decision, and the file behind each option on. */
export interface ProjectRouting {
  decision: RoutingDecision;
  causes: RoutingCauses;
}

/** A route option, the kind of legacy call that turns it on, and the app APIs it routes. */
interface Route {
  option: RouteOption;
  kind: LegacyApiKind;
  apis: string[];
}

/** Each route option of the table, once: the three calls that read a canvas by its id share one. */
const ROUTES: readonly Route[] = (() => {
  const byOption = new Map<RouteOption, Route>();
  for (const api of ROUTED_APP_APIS) {
    const row = legacyApiRow(api)!;
    const route = byOption.get(row.routeOption!);
    if (route) route.apis.push(api);
    else byOption.set(row.routeOption!, { option: row.routeOption!, kind: row.routedWith!, apis: [api] });
  }
  return [...byOption.values()];
})();

/**
 * The decision taken file by file, as the files come: each file is asked only about the
 * options still off (an option once on stays on). While an option is off, a file that may
 * reach its app API (by name, or by an escaped or computed member) could still be rewritten
 * differently: `undecidedFor` says so, and such a file's plan waits for the last file.
 */
export class RoutingSoFar {
  /** An option is on exactly when a file has turned it on: the decision is read from here. */
  readonly causes: RoutingCauses = {};
  private pending: readonly Route[] = ROUTES;

  /** `writesTemplates`: the templates this door writes, with which it moves a canvas (the codemod every one). */
  constructor(private readonly writesTemplates: TemplateWrites = true) {}

  get decision(): RoutingDecision {
    return decisionOf(this.causes);
  }

  /** Every option is on: no later file can change the decision. */
  get settled(): boolean {
    return this.pending.length === 0;
  }

  add(source: SourceText): void {
    for (const { option, kind } of this.pending) {
      const call = callOfKindIn(source, kind, this.writesTemplates);
      if (call !== null) this.causes[option] = { file: source.file, migrated: call === 'migrated' };
    }
    this.pending = this.pending.filter(({ option }) => this.causes[option] === undefined);
  }

  /** Could an option still off, turned on by a later file, change this text's rewrite? */
  undecidedFor(text: string): boolean {
    if (this.pending.length === 0) return false;
    return this.pending.some(({ apis }) => apis.some((api) => text.includes(api))) || mightReachIndirectly(text);
  }
}

/** Each option on exactly when it has a cause. */
function decisionOf(causes: RoutingCauses): RoutingDecision {
  return Object.fromEntries(ROUTES.map(({ option }) => [option, causes[option] !== undefined])) as RoutingDecision;
}

/** The decision before any file: nothing routed. */
function nothingRouted(): RoutingDecision {
  return decisionOf({});
}

/**
 * The decision taken per scope (one RoutingSoFar each), as the files come: a file is asked only
 * about its own scope's options still off, and waits (`undecidedFor`) only on those. `scopeOf`
 * names a file's scope (TaroProjectLookup.routingScopeOf; undefined: the run's one scope for
 * every file in no mini-program or Taro project).
 */
export class ScopedRouting {
  private readonly scopes = new Map<string, RoutingSoFar>();

  constructor(private readonly scopeOf: (file: string) => string | undefined) {}

  private routingOf(file: string): RoutingSoFar {
    const scope = this.scopeOf(file) ?? '';
    let routing = this.scopes.get(scope);
    if (!routing) this.scopes.set(scope, (routing = new RoutingSoFar()));
    return routing;
  }

  add(source: SourceText): void {
    const routing = this.routingOf(source.file);
    if (!routing.settled) routing.add(source);
  }

  /** The decision so far for the file's scope. */
  decisionFor(file: string): RoutingDecision {
    return this.scopes.get(this.scopeOf(file) ?? '')?.decision ?? nothingRouted();
  }

  /** Could an option of the file's scope still off, turned on by a later file, change this text's rewrite? */
  undecidedFor(file: string, text: string): boolean {
    return this.routingOf(file).undecidedFor(text);
  }

  /** For the run as a whole: an option is on when it is on in at least one scope. */
  get any(): RoutingDecision {
    const any = nothingRouted();
    for (const routing of this.scopes.values()) {
      const decision = routing.decision;
      for (const option of Object.keys(any) as RouteOption[]) any[option] ||= decision[option];
    }
    return any;
  }
}

/** The whole decision over these files, scope by scope (the CLI over its run). */
export function scopedRoutingIn(
  sources: Iterable<SourceText>,
  scopeOf: (file: string) => string | undefined,
): ScopedRouting {
  const routing = new ScopedRouting(scopeOf);
  for (const source of sources) routing.add(source);
  return routing;
}

/**
 * The whole decision over these files as one scope, for every routed app API at once, a canvas
 * moved as the codemod moves it: each file is asked only about the kinds not yet found, and the
 * files stop being read once every option is on.
 */
export function routingDecisionIn(sources: Iterable<SourceText>): RoutingDecision {
  return routingIn(sources).decision;
}

function routingIn(sources: Iterable<SourceText>, writesTemplates?: TemplateWrites): RoutingSoFar {
  const routing = new RoutingSoFar(writesTemplates);
  for (const source of sources) {
    routing.add(source);
    if (routing.settled) break;
  }
  return routing;
}

/**
 * Does the file hold a call of this kind: a legacy one the rewrite takes, or one already
 * migrated (it imports the runtime's function)? A project migrated a file at a time (an
 * editor's quick fix, lint-staged), or one the app's new code joins later, still has the
 * runtime driving the manager: the app's own uses go through it too. Null for neither. `writesTemplates`: the asking
 * door's (TemplateWrites), as a canvas moves only with its template.
 */
function callOfKindIn(
  source: SourceText,
  kind: LegacyApiKind,
  writesTemplates: TemplateWrites,
): 'migrated' | 'legacy' | null {
  if (!mightContainLegacyCallOfKind(source.text, kind)) return null;
  if (importsRuntimeOfKind(source.text, kind)) return 'migrated';
  return legacyCallOfKindIn(source, kind, writesTemplates) ? 'legacy' : null;
}

/**
 * The runtime as rewritten code imports it: the runtime package's entries (this package's former ones too), or a local
 * copy (`./utils/record-compat`).
 */
const RUNTIME_MODULE = String.raw`(?<quote>['"])(?:record-compat-runtime(?:/[\w./-]*)?|taro-plugin-record-compat(?:/[\w./-]*)?|\.{1,2}/[^'"\n]*record-compat(?:\.[cm]?[jt]s)?)\k<quote>`;
/** `import { a, b as c } from '…'`, `var a = require('…').a`, `const { a, b: c } = require('…')`. */
const RUNTIME_IMPORTS = [
  new RegExp(String.raw`\bimport\s*\{(?<names>[^}]*)\}\s*from\s*${RUNTIME_MODULE}`, 'g'),
  new RegExp(String.raw`\brequire\(\s*${RUNTIME_MODULE}\s*\)\s*\.\s*(?<names>[\w$]+)`, 'g'),
  new RegExp(String.raw`\{(?<names>[^}]*)\}\s*=\s*require\(\s*${RUNTIME_MODULE}\s*\)`, 'g'),
];

/**
 * Does the text import one of the runtime's functions for this kind of legacy call (its own, or the Taro-wrapped one)?
 */
function importsRuntimeOfKind(text: string, kind: LegacyApiKind): boolean {
  if (!text.includes('record-compat')) return false;
  const names = new Set<string>(runtimeExportsOfKind(kind));
  for (const pattern of RUNTIME_IMPORTS) {
    for (const match of text.matchAll(pattern)) {
      if (match.groups!.names.split(',').some((item) => names.has(item.trim().split(/[\s:]/)[0]))) return true;
    }
  }
  return false;
}

/** A file the engine cannot read says no here: it fails on its own when it is rewritten. */
function legacyCallOfKindIn(
  { file, text, depthChecked }: SourceText,
  kind: LegacyApiKind,
  writesTemplates: TemplateWrites,
): boolean {
  try {
    return loadEngine().hasLegacyCallOfKind(text, file, kind, depthChecked, writesTemplates);
  } catch (error) {
    if (error instanceof OptionsError) throw error;
    return false;
  }
}

/**
 * The same decision over a folder: does a file under `roots` (walked as `walk` does, with
 * these options) hold a legacy call of this kind? The build plugin asks it of the source root
 * before the first file is compiled; the ESLint rule of the project a linted file belongs
 * to. Files are read one at a time as the decision asks for them.
 */
export function treeHasLegacyCallOfKind(roots: string[], kind: LegacyApiKind, options: WalkOptions = {}): TreeAnswer {
  const walked = walk(roots, new Set(), options);
  const unread = [...walked.problems];
  if (hasLegacyCallOfKindIn(readable(walked.files, unread), kind)) return { found: true, unread: [] };
  return { found: false, unread };
}

/**
 * A folder's answer: `found`, or not, and then what could not be read (a folder, its
 * .gitignore, a file): with anything there, "not found" is not known to be true.
 */
export interface TreeAnswer {
  found: boolean;
  unread: { path: string; reason: string }[];
}

/**
 * The whole decision (routingDecisionIn) over a folder, walked as `walk` does with these options, with its causes, for a
 * door that writes these templates (the build: Taro's JSX only, so a canvas in a `.wxml` or a `.vue` template moves
 * none there).
 */
export function treeRouting(
  roots: string[],
  options: WalkOptions = {},
  writesTemplates: TemplateWrites = true,
): ProjectRouting {
  const { decision, causes } = routingIn(readable(walk(roots, new Set(), options).files), writesTemplates);
  return { decision, causes };
}

/**
 * The files' texts, read as they are asked for. An unreadable file is passed over (the build
 * cannot compile it either), and named in `unread` where the caller asks.
 */
function* readable(files: readonly string[], unread?: TreeAnswer['unread']): Generator<SourceText> {
  for (const file of files) {
    let text: string;
    try {
      text = readSideText(file);
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      unread?.push({ path: file, reason: `could not read the file: ${code ?? message}` });
      continue;
    }
    yield { file, text };
  }
}
