/**
 * The engine's light entry, for the doors that see many files and rewrite few: what can be
 * decided without a parser, and loadEngine() for the rewrite, loaded on first use.
 */
export {
  LEGACY_API_NAMES,
  LEGACY_APIS,
  ROUTED_APP_APIS,
  PLATFORM_GLOBALS,
  isDeprecatedOn,
  TARO_MODULE,
  PACKAGE_NAME,
  RUNTIME_PACKAGE,
  DEFAULT_IMPORT_SOURCE,
  NATIVE_IMPORT_SOURCE,
  H5_IMPORT_SOURCE,
  FORMER_RUNTIME_ENTRIES,
  LOCAL_RUNTIME_COPY_NAME,
  isRuntimeEntry,
  sameRuntimeEntry,
  NAMESPACE_WORD_PATTERN,
  countByFamily,
  isChosenFamily,
  countByKind,
  describeCountsByKind,
  familyOf,
  MIGRATION_FAMILIES,
  kindOf,
  KIND_LABELS,
  KINDS_IN_TABLE_ORDER,
  LEGACY_API_KINDS,
  LEGACY_API_TABLE,
  isRoutedAppApi,
  legacyApiRow,
  migrationOf,
  importsRuntime,
  handReasonOf,
  memberNameOf,
  renamedTo,
  OWNED_API_NAMES,
  ownedApisOf,
  routingWords,
  routedBecause,
  routedOnlyPreamble,
  RUNTIME_FAMILIES,
  runtimeFamiliesOf,
  type LegacyApi,
  type LegacyApiKind,
  type LegacyApiKindRow,
  type LegacyApiName,
  type LegacyApiRow,
  type MigrationFamily,
  type RoutedAppApi,
  type RouteOption,
  type RuntimeFamily,
} from './rules/legacy-apis';
export { legacyApiTableMarkdown } from './rules/legacy-api-docs';
export {
  APP_JSON,
  BUILT_PACKAGES_FOLDER,
  blockExtension,
  isAuditedFile,
  isDeclarationFile,
  isInBuiltPackages,
  isRewritableFile,
  kindRefusal,
  isScriptFile,
  isSkippedFolder,
  isUnfinishedWrite,
  isVueFile,
  parserForFile,
  PLUGIN_JSON,
  SCRIPT_EXTENSIONS,
  SKIPPED_FOLDERS,
  WRITE_TEMP_SUFFIX,
  type ParserName,
} from './rules/file-kinds';
export {
  mightContainLegacyCall,
  mightContainLegacyCallBytes,
  mightContainLegacyCallOfKind,
  mightContainLegacyRecordCall,
} from './rules/prefilter';
export {
  counted,
  exact,
  findUp,
  firstTen,
  folderHolding,
  holdsUndecodableName,
  holdsUnprintable,
  isAtOrUnder,
  jsonText,
  keepUndecodable,
  nameBytes,
  printable,
  printableWhereSeparatorIs,
  reportJson,
  toPosixPath,
  undecodablePathBytes,
  type Wording,
} from './tree/paths';
export { copiedWayOut, copySource, type CopySource } from './project/copy-patterns';
export { globMatcher } from './tree/globs';
export { fileKindWords, handedTextRefusalOf, readOpenFile, readSideText } from './tree/side-file';
export { excludedLines, excludedReport, Exclusions, exclusionProblem, type ExcludedReport } from './tree/exclusions';
export {
  legacyCallsInSkippedFolders,
  skippedFolderLine,
  skippedFolderOf,
  type SkippedFolderCalls,
} from './tree/skipped-folders';
export { walk, walkStoppably } from './tree/walk';
export { WalkRules, type PassedOver } from './tree/passed-over';
export { ignoredWords, type WalkOptions, type WalkResult } from './tree/walk-result';
export { NOT_UTF8_NAME, undecodableNamesAt } from './tree/undecodable-names';
export { keepOneNamePerFile, secondNamesWarning, type SecondName } from './tree/same-file';
export { notStartedCode, notStartedWords } from './tree/programs';
export {
  findGitRoot,
  gitDirOf,
  gitProcessOptions,
  gitTimeoutMs,
  gitTimeoutWords,
  saysNotARepository,
  trustTheRepository,
} from './tree/git-root';
export {
  combineGitStates,
  gitBusyWith,
  GitChecks,
  keepHidden,
  withoutUntrackedOutside,
  type GitState,
} from './tree/git-check';
export {
  INDEX_LISTING_ARGS,
  indexListingOf,
  mayHaveFilesOffDisk,
  notCheckedOut,
  notCheckedOutWarnings,
  parseIndexListing,
  type HiddenFile,
  type IndexListing,
  type NotCheckedOut,
} from './tree/git-index';
export { MiniProgramRoots } from './project/mini-program-root';
export { classifyFile, type FileFacts } from './rules/file-class';
export { unlistedRuntimeFor, unlistedRuntimeWords, type UnlistedRuntime } from './project/runtime-dependency';
export {
  isMinifiedName,
  MAX_NESTING,
  MAX_SOURCE_BYTES,
  minifiedNameRefusal,
  nestsDeeperThan,
  PARSING_THREAD_STACK_MB,
  refusalByByteOrderMark,
  tooLargeRefusal,
  type Refusal,
  type RefusalReason,
} from './rules/refusal';
export {
  checkOptions,
  checkParserChoice,
  joiSchemaOf,
  jsonSchemaOf,
  MESSAGE_PREFIX,
  OPTIONS,
  optionNamesOf,
  allowedWords,
  listFromString,
  optionsFromStrings,
  OptionsError,
  importSourceOf,
  isModuleSpecifier,
  PARSER_CHOICES,
  PARSER_ENV,
  cliFlagOf,
  REPORT_FORMATS,
  type ReportFormat,
  DEFAULT_RUNTIME,
  RUNTIME_CHOICES,
  type RuntimeChoice,
  recordingPart,
  RECORDING_OPTION_NAMES,
  type OptionDoor,
  type OptionName,
  type OptionsOf,
  type ParserChoice,
} from './rules/options-schema';
export { loadEngine } from './lazy';
export { offsetsOf, positionsOf } from './rules/text-positions';
export type { ScriptComment } from './rules/types';
export { codeOfString } from './rules/literals';
export {
  builtPackageCalls,
  legacyCallsIn,
  legacyMemberReadsIn,
  otherComponentCalls,
  refusedFilePlaces,
  unreadBuiltPackage,
  unreadComponent,
} from './project/package-calls';
export {
  hasLegacyCallOfKindIn,
  routingDecisionIn,
  RoutingSoFar,
  ScopedRouting,
  scopedRoutingIn,
  treeHasLegacyCallOfKind,
  treeRouting,
  type ProjectRouting,
  type RoutingCauses,
  type RoutingDecision,
  type SourceText,
  type TreeAnswer,
} from './project/routing';
export { fieldsOf, PackageJsonReader, type PackageJson, type PackageJsonAt } from './project/package-json';
export {
  TaroVersionReader,
  taroWraps,
  taroWrapsVerdict,
  type TaroVersion,
  type TaroWrapsVerdict,
} from './project/taro-version';
export {
  packageImportRefusal,
  runtimeRouteOf,
  folderTakesPackage,
  fileCopiesWarning,
  unknownCopiesWarning,
  mentionsTaro,
  packageRuntimeEntry,
  givenOptionsFor,
  rewriteOptionsFor,
  taroVersionWarnings,
  TaroProjectLookup,
  type AskedRun,
  type CopiedFile,
  type EvaluatedCopies,
  type ProjectDecisions,
  type RuntimeRoute,
} from './project/project-options';
export {
  emptyReport,
  type LeftAsChosenSite,
  type ManualReviewSite,
  type RewriteOptions,
  type RewriteReport,
  type RewrittenSite,
  type TemplateWrites,
} from './rules/types';
