/**
 * The rows of the API table (legacy-apis.ts holds what reads them): every deprecated API this
 * package knows, WeChat's typings' `@deprecated` tags all among them (test/rewrite/deprecated-tags.test.ts),
 * and the kinds they are counted by. Data only, dependency-free.
 */

/** What summaries count by: a family's deprecated APIs, or the app's own manager it routes (LEGACY_API_KINDS). */
export type LegacyApiKind = keyof typeof LEGACY_API_KINDS;

export interface LegacyApiRow {
  /**
   * The member of `wx` / `qq` / `Taro`; for a member of something else, `<owner>.<member>`
   * (`CanvasContext.setFillStyle`, `Component.attached`).
   */
  readonly name: string;
  /**
   * What it is a member of, when not the platform object: a type of the typings that another API
   * returns (`CanvasContext` of `createCanvasContext`, `MapContext` of `createMapContext`), or
   * `Component`, whose options' top-level field it is. Such a row is never searched for by name: its
   * owner's creator is (`createdBy`), or the `Component(` call.
   */
  readonly owner?: LegacyApiOwner;
  /**
   * The platform globals whose call of it is the deprecated one, when not every one of
   * PLATFORM_GLOBALS: elsewhere the same name is that platform's current API, left alone.
   */
  readonly onlyOn?: readonly string[];
  readonly kind: LegacyApiKind;
  /**
   * Base library version it was deprecated in (WeChat); absent for the routed app API, and for a row
   * deprecated only in WeChat's documentation (`deprecatedIn`).
   */
  readonly deprecatedSince?: string;
  /** For a row not among miniprogram-api-typings' `@deprecated` tags: where WeChat says it is deprecated. */
  readonly deprecatedIn?: string;
  /**
   * The platform API that replaces it (what a person migrating by hand should use); several are
   * joined with ` / `. Empty where WeChat names none.
   */
  readonly replacement: string;
  /**
   * The runtime export the rewrite calls instead (same name in both runtime entries).
   * Absent: not rewritten; every use is listed for manual review with `replacement`.
   */
  readonly runtimeExport?: string;
  /**
   * Not a deprecated API: the app's own use of the replacement, rewritten only in a project
   * that has at least one call of the `routedWith` family (its `routeOption`). A project
   * without one gets nothing from us, so its own manager code stays untouched.
   */
  readonly onlyWithLegacyCalls?: true;
  /**
   * For a routed app API: the option that routes it, set by the doors when the project has a legacy call of
   * `routedWith`.
   */
  readonly routeOption?: RouteOption;
  /**
   * For a routed app API: the kind of legacy call that makes a project route it; for `canvas`, a createCanvasContext
   * the door moves to Canvas 2D with its template (a canvas that stays legacy routes nothing).
   */
  readonly routedWith?: LegacyApiKind;
  /**
   * Taro < 3.3.1 wrapped it (docs/contract.md#taro-wrapper): a `Taro.*` call of it, in a project
   * on such a Taro (option `taroWrapper`), becomes the runtime's `<runtimeExport>Wrapped`,
   * which returns what Taro's wrapper did. `'always'`: Taro wrapped it on every version, so a
   * `Taro.*` call of it becomes the wrapped export whatever `taroWrapper` says.
   */
  readonly taroWrapped?: true | 'always';
  /**
   * The call's result is an object whose fields the replacement APIs answer in groups: a call whose
   * fields are read becomes the runtime function of their group (file/system-info-reads.ts decides).
   */
  readonly fieldGroups?: typeof SYSTEM_INFO_FIELD_GROUPS;
  /**
   * The call names an element of the page's template by its id (`createAudioContext('myAudio')` and
   * `<audio id="myAudio">`): it is rewritten call by call, only where that element can do without it
   * (template.ts reads the template, element-calls.ts decides); any other call is left as it is and
   * reported with the element's place and the reason (docs/legacy-apis.md#createaudiocontext).
   */
  readonly drivesElement?: 'audio' | 'canvas';
  /**
   * The runtime's functions of current APIs that move with it: the platform's calls that name the element it drives
   * (`canvasToTempFilePath({ canvasId })` of a canvas moved to Canvas 2D; file/canvas-moves.ts decides), imported after it.
   */
  readonly movesWith?: readonly string[];
  /**
   * For a method of a context that stays legacy (its creator left for a person): the properties the
   * call becomes, written on the same context in the order of its arguments (`setFillStyle(c)` →
   * `fillStyle = c`; docs/contract.md, Decision C5).
   */
  readonly writes?: readonly string[];
  /**
   * The rewrite renames the member on the same object (`wx.onBLEConnectionStateChanged` →
   * `wx.onBLEConnectionStateChange`): the same API under its current name, no runtime.
   */
  readonly renamedTo?: string;
  /**
   * For a field of Component()'s options: the field of the options it moves under
   * (`attached` → `lifetimes.attached`), where that field does not hold it already.
   */
  readonly movedUnder?: 'lifetimes';
  /**
   * For a member of an owner: the row of the API whose result it is a member of
   * (`createCanvasContext` for CanvasContext's methods). Such a member is migrated with its
   * creator, or left for a person with it (migrationOf).
   */
  readonly createdBy?: string;
  /**
   * Why a person migrates it, said at each place with the replacement: a row the rewrite neither
   * replaces, renames nor moves, nor migrates with its creator.
   */
  readonly handReason?: string;
}

/**
 * What a row that is not a member of the platform object is a member of: types of WeChat's typings
 * (and Taro's, which name them alike), and `Component`, for the options of `Component({ … })`.
 */
export type LegacyApiOwner = 'CanvasContext' | 'CanvasGradient' | 'AudioContext' | 'MapContext' | 'Component';

/**
 * What returns an owner's objects: an API of the platform object (a row, or `createMapContext`, not
 * deprecated itself), or a method of another owner (a canvas context's gradients). The matcher
 * follows each such result to the calls of its deprecated methods (object-members.ts).
 */
export const OWNER_CREATORS: ReadonlyMap<string, Exclude<LegacyApiOwner, 'Component'>> = new Map([
  ['createCanvasContext', 'CanvasContext'],
  ['createAudioContext', 'AudioContext'],
  ['createMapContext', 'MapContext'],
  ['CanvasContext.createLinearGradient', 'CanvasGradient'],
  ['CanvasContext.createCircularGradient', 'CanvasGradient'],
] as const);

/** The options that route the app's own use of a replacement (options-schema.ts). */
export type RouteOption = 'routeRecorderManager' | 'routeBackgroundAudioManager' | 'routeCanvasPixels';
export type RouteOptions = { [K in RouteOption]?: boolean | undefined };

const RECORD = { kind: 'record', deprecatedSince: '1.6.0', replacement: 'getRecorderManager' } as const;
const VOICE = { kind: 'voice', deprecatedSince: '1.6.0', replacement: 'createInnerAudioContext' } as const;
const BACKGROUND_AUDIO = {
  kind: 'backgroundAudio',
  deprecatedSince: '1.2.0',
  replacement: 'getBackgroundAudioManager',
} as const;
/** On every platform but WeChat the legacy call is the platform's current API (docs/contract.md, section 12). */
const SYSTEM_INFO = {
  kind: 'systemInfo',
  deprecatedSince: '2.20.1',
  replacement: 'getWindowInfo / getDeviceInfo / getAppBaseInfo / getSystemSetting / getAppAuthorizeSetting',
  onlyOn: ['wx'],
} as const;

/**
 * The calls that read or write a canvas by its canvas id (current APIs, not deprecated): where they name a canvas the
 * rewrite moves to Canvas 2D, they become the runtime's functions of the same names (docs/contract.md, Decision C4).
 */
export const CANVAS_PIXEL_EXPORTS = ['canvasToTempFilePath', 'canvasGetImageData', 'canvasPutImageData'] as const;
export type CanvasPixelExport = (typeof CANVAS_PIXEL_EXPORTS)[number];
/**
 * The runtime's value a moved canvas's `type` is bound to where one template is built for every platform (Taro's JSX, a
 * Vue template): '2d' where the runtime draws on Canvas 2D (WeChat), nothing elsewhere, where the platform's legacy
 * context draws and a 2D canvas would stay blank (docs/contract.md, Decision C1).
 */
export const CANVAS_TYPE_EXPORT = 'canvasType' as const;

/**
 * A call that reads a canvas by its canvas id, in a file that does not move it (a shared helper): routed to the runtime's
 * function of its name in a project where the codemod or the build moves a canvas to Canvas 2D, as the platform's own
 * finds nothing on a moved canvas. The runtime hands an id it did not move to the platform (docs/contract.md, C4).
 */
const canvasPixelRoute = <const M extends CanvasPixelExport>(name: M) =>
  ({
    name,
    kind: 'canvasPixels',
    replacement: name,
    runtimeExport: name,
    onlyWithLegacyCalls: true,
    routeOption: 'routeCanvasPixels',
    routedWith: 'canvas',
    onlyOn: ['wx'],
  }) as const;

/** The legacy canvas (docs/legacy-apis.md#canvas): on Canvas 2D through the runtime, with its template. */
const CANVAS = { kind: 'canvas', deprecatedSince: '2.9.0' } as const;
/** The ten setters deprecated first (base library 1.9.90), each for a property of the context. */
const CANVAS_SETTER = { ...CANVAS, deprecatedSince: '1.9.90' } as const;
/** A method of the legacy context: migrated with createCanvasContext, or left with it. */
function canvasMember<const M extends string>(
  member: M,
  replacement: string,
  base: typeof CANVAS | typeof CANVAS_SETTER = CANVAS,
) {
  return {
    name: `CanvasContext.${member}`,
    owner: 'CanvasContext',
    ...base,
    replacement,
    createdBy: 'createCanvasContext',
  } as const;
}
/** The Canvas 2D context's method of the same name (the legacy one records for draw(); the 2D one draws at once). */
const same = <const M extends string>(member: M) => canvasMember(member, `RenderingContext.${member}`);
/** The old lifecycles at the top level of Component({ … }), each moved under `lifetimes` (base library 2.2.3+). */
const lifetime = <const M extends string>(member: M) =>
  ({
    name: `Component.${member}`,
    owner: 'Component',
    kind: 'lifetimes',
    deprecatedSince: '2.2.3',
    replacement: `lifetimes.${member}`,
    movedUnder: 'lifetimes',
  }) as const;
/** A method of the legacy AudioContext: the runtime's context has it where createAudioContext is rewritten. */
const audioContextMember = <const M extends string>(member: M) =>
  ({
    name: `AudioContext.${member}`,
    owner: 'AudioContext',
    kind: 'audio',
    deprecatedSince: '1.6.0',
    replacement: `InnerAudioContext.${member === 'setSrc' ? 'src' : member}`,
    createdBy: 'createAudioContext',
  }) as const;

const ANALYTICS = {
  kind: 'analytics',
  deprecatedSince: '2.31.1',
  replacement: 'reportEvent',
  handReason:
    "reportEvent keeps only events first configured in We分析 (WeChat's data-analysis console), with their fields: an event not configured there is lost, so configure each before changing the call",
} as const;
const CHOOSE_MEDIA = {
  kind: 'chooseMedia',
  deprecatedSince: '2.21.0',
  replacement: 'chooseMedia',
} as const;

/**
 * Where each field of the legacy system info went: the runtime function that answers it, by the
 * API of WeChat's that replaces it (docs/contract.md, section 12). The `*Authorized` fields
 * (SYSTEM_INFO_AUTHORIZED_FIELDS) go to getAppAuthorizeSetting too, read through `authorized()`.
 */
export const SYSTEM_INFO_FIELD_GROUPS = {
  getWindowInfo: [
    'pixelRatio',
    'screenWidth',
    'screenHeight',
    'windowWidth',
    'windowHeight',
    'statusBarHeight',
    'safeArea',
    'screenTop',
  ],
  getDeviceInfo: ['brand', 'model', 'system', 'platform', 'benchmarkLevel'],
  getAppBaseInfo: ['SDKVersion', 'version', 'language', 'enableDebug', 'host', 'theme', 'fontSizeSetting'],
  getSystemSetting: ['bluetoothEnabled', 'locationEnabled', 'wifiEnabled', 'deviceOrientation'],
  getAppAuthorizeSetting: ['locationReducedAccuracy'],
} as const;
/** A field group's runtime function (getWindowInfo, …). */
export type SystemInfoGroupExport = keyof typeof SYSTEM_INFO_FIELD_GROUPS;
/**
 * The legacy object's `*Authorized` fields: booleans there, `'authorized' | 'denied' | 'not determined'` in
 * getAppAuthorizeSetting. A read of one becomes `authorized(…)` of getAppAuthorizeSetting's (Decision S4).
 */
export const SYSTEM_INFO_AUTHORIZED_FIELDS: readonly string[] = [
  'albumAuthorized',
  'cameraAuthorized',
  'locationAuthorized',
  'microphoneAuthorized',
  'notificationAuthorized',
  'notificationAlertAuthorized',
  'notificationBadgeAuthorized',
  'notificationSoundAuthorized',
  'phoneCalendarAuthorized',
];
/** The runtime function that turns an `*Authorized` string back into the legacy boolean. */
export const SYSTEM_INFO_AUTHORIZED_EXPORT = 'authorized' as const;
/**
 * The legacy fields no replacement answers, nor the runtime's whole object of the sync call, by the API whose result
 * lacks them: a call whose result may have one read is for a person. The callback forms' result has `errMsg`
 * (Decision S3).
 */
export const SYSTEM_INFO_FIELDS_WITHOUT_HOME: ReadonlyMap<string, string> = new Map([
  [
    'environment',
    "environment ('wxwork' in WeCom) has no new home, and the runtime's whole object leaves it out where the new APIs answer",
  ],
  ['errMsg', "errMsg of getSystemInfoSync has no new home, and the runtime's whole object has none"],
]);
/**
 * The field without a new home no form's result has (the callback and Promise forms' has errMsg): where a result goes
 * where the rewrite cannot follow it, a read of a field of this name anywhere in the file or its template may be a read
 * of it (errMsg is read of every API's result: not searched for).
 */
export const SYSTEM_INFO_ENVIRONMENT_FIELD = 'environment';

export const LEGACY_API_TABLE = [
  { name: 'startRecord', ...RECORD, runtimeExport: 'startRecord', taroWrapped: true },
  { name: 'stopRecord', ...RECORD, runtimeExport: 'stopRecord' },
  { name: 'playVoice', ...VOICE, runtimeExport: 'playVoice', taroWrapped: true },
  { name: 'pauseVoice', ...VOICE, runtimeExport: 'pauseVoice' },
  { name: 'stopVoice', ...VOICE, runtimeExport: 'stopVoice' },
  {
    name: 'createAudioContext',
    kind: 'audio',
    deprecatedSince: '1.6.0',
    replacement: 'createInnerAudioContext',
    runtimeExport: 'createAudioContext',
    drivesElement: 'audio',
  },
  { name: 'playBackgroundAudio', ...BACKGROUND_AUDIO, runtimeExport: 'playBackgroundAudio', taroWrapped: true },
  { name: 'pauseBackgroundAudio', ...BACKGROUND_AUDIO, runtimeExport: 'pauseBackgroundAudio' },
  { name: 'seekBackgroundAudio', ...BACKGROUND_AUDIO, runtimeExport: 'seekBackgroundAudio', taroWrapped: true },
  { name: 'stopBackgroundAudio', ...BACKGROUND_AUDIO, runtimeExport: 'stopBackgroundAudio' },
  {
    name: 'getBackgroundAudioPlayerState',
    ...BACKGROUND_AUDIO,
    runtimeExport: 'getBackgroundAudioPlayerState',
    taroWrapped: true,
  },
  { name: 'onBackgroundAudioPlay', ...BACKGROUND_AUDIO, runtimeExport: 'onBackgroundAudioPlay' },
  { name: 'onBackgroundAudioPause', ...BACKGROUND_AUDIO, runtimeExport: 'onBackgroundAudioPause' },
  { name: 'onBackgroundAudioStop', ...BACKGROUND_AUDIO, runtimeExport: 'onBackgroundAudioStop' },
  {
    name: 'getSystemInfoSync',
    ...SYSTEM_INFO,
    runtimeExport: 'getSystemInfoSync',
    fieldGroups: SYSTEM_INFO_FIELD_GROUPS,
  },
  { name: 'getSystemInfo', ...SYSTEM_INFO, runtimeExport: 'getSystemInfo', taroWrapped: 'always' },
  { name: 'getSystemInfoAsync', ...SYSTEM_INFO, runtimeExport: 'getSystemInfoAsync' },
  {
    name: 'arrayBufferToBase64',
    kind: 'base64',
    deprecatedSince: '2.4.0',
    replacement: '',
    runtimeExport: 'arrayBufferToBase64',
    onlyOn: ['wx'],
  },
  {
    name: 'base64ToArrayBuffer',
    kind: 'base64',
    deprecatedSince: '2.4.0',
    replacement: '',
    runtimeExport: 'base64ToArrayBuffer',
    onlyOn: ['wx'],
  },
  {
    name: 'onBLEConnectionStateChanged',
    kind: 'rename',
    deprecatedIn:
      "WeChat's page of onBLEConnectionStateChange, which says the two are the same (not in miniprogram-api-typings)",
    replacement: 'onBLEConnectionStateChange',
    renamedTo: 'onBLEConnectionStateChange',
    onlyOn: ['wx'],
  },
  lifetime('created'),
  lifetime('attached'),
  lifetime('ready'),
  lifetime('moved'),
  lifetime('detached'),
  lifetime('error'),
  audioContextMember('setSrc'),
  audioContextMember('play'),
  audioContextMember('pause'),
  audioContextMember('seek'),
  { name: 'reportAnalytics', ...ANALYTICS },
  { name: 'reportMonitor', ...ANALYTICS },
  {
    name: 'getShareInfo',
    kind: 'shareInfo',
    deprecatedSince: '2.17.3',
    replacement: 'getGroupEnterInfo',
    handReason:
      "the data getGroupEnterInfo hands the server to decrypt names the group opengid, where getShareInfo's named it openGId: the server code that reads it changes with the call",
  },
  {
    name: 'MapContext.translateMarker',
    owner: 'MapContext',
    kind: 'map',
    deprecatedSince: '3.11.2',
    replacement: 'MapContext.moveAlong',
    createdBy: 'createMapContext',
    handReason:
      'moveAlong moves a marker along a path of points for a duration, not to one destination, and has no rotate or autoRotate: the animation is redrawn by hand',
  },
  {
    name: 'setTopBarText',
    kind: 'noReplacement',
    deprecatedSince: '1.9.9',
    replacement: '',
    handReason: 'WeChat names no replacement, and the text shows nowhere any more: remove the call',
  },
  {
    name: 'setWindowSize',
    kind: 'noReplacement',
    deprecatedSince: '2.11.0',
    replacement: '',
    handReason:
      "WeChat names no replacement, and the call already fails with 'deprecated' (WeChat for PC sizes the window itself): remove it",
  },
  {
    name: 'chooseImage',
    ...CHOOSE_MEDIA,
    handReason:
      "chooseMedia({ mediaType: ['image'] }) answers tempFiles[].tempFilePath, not tempFilePaths, and each file's fileType: the code that reads the result changes with the call (not migrated yet)",
  },
  {
    name: 'chooseVideo',
    ...CHOOSE_MEDIA,
    handReason:
      "chooseMedia({ mediaType: ['video'] }) answers tempFiles[0].tempFilePath, duration and size, and thumbTempFilePath per file, not one tempFilePath at the top: the code that reads the result changes with the call (not migrated yet)",
  },
  {
    name: 'createCanvasContext',
    ...CANVAS,
    replacement: 'Canvas.getContext',
    runtimeExport: 'createCanvasContext',
    drivesElement: 'canvas',
    movesWith: CANVAS_PIXEL_EXPORTS,
    onlyOn: ['wx'],
  },
  same('arc'),
  same('arcTo'),
  same('beginPath'),
  same('bezierCurveTo'),
  same('clearRect'),
  same('clip'),
  same('closePath'),
  canvasMember('createPattern', 'RenderingContext.createPattern'),
  canvasMember('draw', 'RenderingContext'),
  canvasMember('drawImage', 'RenderingContext.drawImage'),
  same('fill'),
  same('fillRect'),
  same('fillText'),
  same('lineTo'),
  same('moveTo'),
  same('quadraticCurveTo'),
  same('rect'),
  same('restore'),
  same('rotate'),
  same('save'),
  same('scale'),
  { ...canvasMember('setFillStyle', 'RenderingContext.fillStyle', CANVAS_SETTER), writes: ['fillStyle'] },
  canvasMember('setFontSize', 'RenderingContext.font', CANVAS_SETTER),
  { ...canvasMember('setGlobalAlpha', 'RenderingContext.globalAlpha', CANVAS_SETTER), writes: ['globalAlpha'] },
  { ...canvasMember('setLineCap', 'RenderingContext.lineCap', CANVAS_SETTER), writes: ['lineCap'] },
  canvasMember('setLineDash', 'RenderingContext.setLineDash / RenderingContext.lineDashOffset', CANVAS_SETTER),
  { ...canvasMember('setLineJoin', 'RenderingContext.lineJoin', CANVAS_SETTER), writes: ['lineJoin'] },
  { ...canvasMember('setLineWidth', 'RenderingContext.lineWidth', CANVAS_SETTER), writes: ['lineWidth'] },
  { ...canvasMember('setMiterLimit', 'RenderingContext.miterLimit', CANVAS_SETTER), writes: ['miterLimit'] },
  {
    ...canvasMember(
      'setShadow',
      'RenderingContext.shadowOffsetX / RenderingContext.shadowOffsetY / RenderingContext.shadowBlur / RenderingContext.shadowColor',
      CANVAS_SETTER,
    ),
    writes: ['shadowOffsetX', 'shadowOffsetY', 'shadowBlur', 'shadowColor'],
  },
  { ...canvasMember('setStrokeStyle', 'RenderingContext.strokeStyle', CANVAS_SETTER), writes: ['strokeStyle'] },
  canvasMember('setTextAlign', 'RenderingContext.textAlign'),
  canvasMember('setTextBaseline', 'RenderingContext.textBaseline'),
  same('setTransform'),
  same('stroke'),
  same('strokeRect'),
  same('strokeText'),
  same('transform'),
  same('translate'),
  same('measureText'),
  canvasMember('createCircularGradient', 'RenderingContext.createRadialGradient'),
  same('createLinearGradient'),
  {
    name: 'CanvasGradient.addColorStop',
    owner: 'CanvasGradient',
    ...CANVAS,
    replacement: 'CanvasGradient.addColorStop',
    createdBy: 'CanvasContext.createLinearGradient',
  },
  {
    name: 'getRecorderManager',
    kind: 'recorderManager',
    replacement: 'getRecorderManager',
    runtimeExport: 'getRecorderManager',
    onlyWithLegacyCalls: true,
    routeOption: 'routeRecorderManager',
    routedWith: 'record',
  },
  {
    name: 'getBackgroundAudioManager',
    kind: 'backgroundAudioManager',
    replacement: 'getBackgroundAudioManager',
    runtimeExport: 'getBackgroundAudioManager',
    onlyWithLegacyCalls: true,
    routeOption: 'routeBackgroundAudioManager',
    routedWith: 'backgroundAudio',
  },
  canvasPixelRoute('canvasToTempFilePath'),
  canvasPixelRoute('canvasGetImageData'),
  canvasPixelRoute('canvasPutImageData'),
] as const satisfies readonly LegacyApiRow[];

export interface LegacyApiKindRow {
  /** What one rewritten use is called in summaries and help texts ("3 voice calls", "the voice API"). */
  readonly label: string;
  /** The runtime family whose module holds what its calls become (a local copy holds the families its files import). */
  readonly family: string;
  /**
   * Where docs/ tells the hand migration of a place of this kind, when a section of its own does:
   * the audit's next steps point a person there.
   */
  readonly handMigrationDoc?: { readonly page: string; readonly what: string };
  /** A family the rewrite takes without the runtime (a rename, a move), or leaves to a person: no module of src/runtime. */
  readonly withoutRuntime?: true;
}

/**
 * The kinds of the table's rows, one per family of deprecated APIs and one per app API a family
 * routes, in the order a local copy of the runtime holds their families (RUNTIME_FAMILIES).
 * Summaries report the kinds in the API table's order instead (countByKind).
 */
export const LEGACY_API_KINDS = {
  record: { label: 'legacy record call', family: 'record' },
  recorderManager: { label: "app's own getRecorderManager use", family: 'record' },
  voice: { label: 'voice call', family: 'voice' },
  backgroundAudio: {
    label: 'background-audio call',
    family: 'background-audio',
    handMigrationDoc: { page: 'legacy-apis.md#background-audio', what: 'background audio: what replaces it' },
  },
  backgroundAudioManager: { label: "app's own getBackgroundAudioManager use", family: 'background-audio' },
  audio: {
    label: 'AudioContext use',
    family: 'audio-context',
    handMigrationDoc: {
      page: 'legacy-apis.md#createaudiocontext',
      what: 'a createAudioContext left as it is: why, and its hand migration',
    },
  },
  systemInfo: {
    label: 'system-info call',
    family: 'system-info',
    handMigrationDoc: {
      page: 'legacy-apis.md#system-info',
      what: 'system info: which new API answers each field, and what is left for a person',
    },
  },
  base64: { label: 'base64 call', family: 'base64' },
  rename: { label: 'renamed API call', family: 'renames', withoutRuntime: true },
  lifetimes: {
    label: 'component lifecycle',
    family: 'component-lifetimes',
    withoutRuntime: true,
    handMigrationDoc: {
      page: 'legacy-apis.md#component-lifetimes',
      what: 'component lifecycles: moved under lifetimes, and when one is left for a person',
    },
  },
  analytics: {
    label: 'analytics call',
    family: 'analytics',
    withoutRuntime: true,
    handMigrationDoc: {
      page: 'legacy-apis.md#analytics',
      what: 'reportAnalytics and reportMonitor: reportEvent, by hand',
    },
  },
  shareInfo: {
    label: 'share-info call',
    family: 'share-info',
    withoutRuntime: true,
    handMigrationDoc: { page: 'legacy-apis.md#share-info', what: 'getShareInfo: getGroupEnterInfo, by hand' },
  },
  map: {
    label: 'map-marker call',
    family: 'map',
    withoutRuntime: true,
    handMigrationDoc: { page: 'legacy-apis.md#map', what: 'translateMarker: moveAlong, by hand' },
  },
  noReplacement: {
    label: 'call with no replacement',
    family: 'no-replacement',
    withoutRuntime: true,
    handMigrationDoc: { page: 'legacy-apis.md#no-replacement', what: 'setTopBarText and setWindowSize: remove them' },
  },
  chooseMedia: {
    label: 'media-choice call',
    family: 'choose-media',
    withoutRuntime: true,
    handMigrationDoc: {
      page: 'legacy-apis.md#choose-media',
      what: 'chooseImage and chooseVideo: chooseMedia, by hand',
    },
  },
  canvas: {
    label: 'legacy canvas use',
    family: 'canvas',
    handMigrationDoc: {
      page: 'legacy-apis.md#canvas',
      what: 'a legacy canvas left as it is: why, and its hand migration to Canvas 2D',
    },
  },
  canvasPixels: { label: "app's own canvas pixel call", family: 'canvas' },
} as const satisfies Record<string, LegacyApiKindRow>;
