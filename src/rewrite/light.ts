/**
 * The engine's light entry: what can be decided about a file or an option without a
 * parser. The legacy-API table, which files are ours, the text pre-filter, the one options
 * table, the report's types, the per-file options of a project's files (project-options.ts),
 * and loadEngine() for the full entry (./index), loaded on first use. The doors that see many files and rewrite few (the CLI, the build hooks, the audit's
 * walk) import this; test/architecture.test.ts checks it pulls in no parser.
 */
export {
  LEGACY_API_NAMES,
  LEGACY_APIS,
  ROUTED_APP_APIS,
  PLATFORM_GLOBALS,
  TARO_MODULE,
  PACKAGE_NAME,
  RUNTIME_PACKAGE,
  DEFAULT_IMPORT_SOURCE,
  NATIVE_IMPORT_SOURCE,
  H5_IMPORT_SOURCE,
  FORMER_RUNTIME_ENTRIES,
  isRuntimeEntry,
  sameRuntimeEntry,
  NAMESPACE_WORD_PATTERN,
  countByKind,
  describeCountsByKind,
  kindOf,
  KIND_LABELS,
  KINDS_IN_TABLE_ORDER,
  LEGACY_API_KINDS,
  LEGACY_API_TABLE,
  isRoutedAppApi,
  legacyApiRow,
  legacyApiTableMarkdown,
  routingWords,
  routedOnlyPreamble,
  RUNTIME_FAMILIES,
  runtimeFamiliesOf,
  type LegacyApi,
  type LegacyApiKind,
  type LegacyApiKindRow,
  type LegacyApiName,
  type LegacyApiRow,
  type RoutedAppApi,
  type RuntimeFamily,
} from './legacy-apis';
export { BUILT_PACKAGES_FOLDER, blockExtension, isAuditedFile, isDeclarationFile, isRewritableFile, kindRefusal, isScriptFile, isSkippedFolder, isUnfinishedWrite, isVueFile, parserForFile, SCRIPT_EXTENSIONS, SKIPPED_FOLDERS, WRITE_TEMP_SUFFIX, type ParserName } from './file-kinds';
export { mightContainLegacyCall, mightContainLegacyCallBytes, mightContainLegacyCallOfKind, mightContainLegacyRecordCall } from './prefilter';
export { counted, exact, findUp, firstTen, folderHolding, holdsUndecodableName, isAtOrUnder, jsonText, keepUndecodable, printable, printableWhereSeparatorIs, reportJson, toPosixPath, undecodablePathBytes, type Wording } from './paths';
export { copiedWayOut, copySource, picomatch, type CopySource } from './copy-patterns';
export { fileKindWords, handedTextRefusalOf, readOpenFile, readSideText } from './side-file';
export { ignoredWords, NOT_UTF8_NAME, undecodableNamesAt, walk, type WalkOptions, type WalkResult } from './walk';
export { keepOneNamePerFile, secondNamesWarning, type SecondName } from './same-file';
export { findGitRoot, gitDirOf, gitProcessOptions, gitTimeoutMs, gitTimeoutWords, saysNotARepository, trustTheRepository } from './git-root';
export { INDEX_LISTING_ARGS, indexListingOf, mayHaveFilesOffDisk, notCheckedOut, notCheckedOutWarnings, parseIndexListing, type HiddenFile, type IndexListing, type NotCheckedOut } from './git-index';
export { MiniProgramRoots, PLUGIN_JSON } from './mini-program-root';
export { unlistedRuntimeFor, unlistedRuntimeWords, type UnlistedRuntime } from './runtime-dependency';
export {
  isMinifiedName,
  MAX_NESTING,
  MAX_SOURCE_BYTES,
  minifiedNameRefusal,
  nestsDeeperThan,
  refusalByByteOrderMark,
  refusalOf,
  tooLargeRefusal,
  type Refusal,
  type RefusalReason,
} from './refusal';
export {
  checkOptions,
  checkParserChoice,
  joiSchemaOf,
  jsonSchemaOf,
  MESSAGE_PREFIX,
  OPTIONS,
  optionNamesOf,
  optionsFromStrings,
  OptionsError,
  importSourceOf,
  isModuleSpecifier,
  PARSER_CHOICES,
  PARSER_ENV,
  DEFAULT_RUNTIME,
  RUNTIME_CHOICES,
  type RuntimeChoice,
  recordingPart,
  RECORDING_OPTION_NAMES,
  type OptionDoor,
  type OptionName,
  type OptionsOf,
  type ParserChoice,
} from './options-schema';
export { loadEngine } from './lazy';
export { offsetsOf, positionsOf } from './text-positions';
export type { ScriptComment } from './comments';
export { codeOfString } from './literals';
export { builtPackageCalls, legacyCallsIn, otherComponentCalls, refusedFileCalls, tooLargeFileCalls, unreadBuiltPackage, unreadComponent } from './package-calls';
export { hasLegacyCallOfKindIn, routingDecisionIn, RoutingSoFar, ScopedRouting, scopedRoutingIn, treeHasLegacyCallOfKind, treeRouting, type ProjectRouting, type RoutingCauses, type RoutingDecision, type SourceText, type TreeAnswer } from './routing';
export { fieldsOf, PackageJsonReader, type PackageJson, type PackageJsonAt } from './package-json';
export { TaroVersionReader, taroWraps, taroWrapsVerdict, type TaroVersion, type TaroWrapsVerdict } from './taro-version';
export { packageImportRefusal, runtimeRouteOf, fileCopiesWarning, unknownCopiesWarning, mentionsTaro, packageRuntimeEntry, givenOptionsFor, rewriteOptionsFor, taroVersionWarnings, TaroProjectLookup, type AskedRun, type CopiedFile, type EvaluatedCopies, type ProjectDecisions, type RuntimeRoute } from './project-options';
export { emptyReport, type ManualReviewSite, type RewriteOptions, type RewriteReport, type RewrittenSite } from './types';
