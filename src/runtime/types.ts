/*
 * The types every entry exports (`export type * from './types'`), listed once: the options and
 * results of each legacy API, and the background-audio manager's shape. Types only: no entry
 * ships any code for them.
 */
export type { DeniedPrompt, RecordCompatOptions } from '../shared/recording-options';
export type {
  RecordCallbacks,
  RecordFailResult,
  RecordReturn,
  StartRecordOption,
  StartRecordSuccessResult,
  StopRecordOption,
  StopRecordSuccessResult,
} from './record';
export type {
  PauseVoiceOption,
  PauseVoiceSuccessResult,
  PlayVoiceOption,
  PlayVoiceSuccessResult,
  StopVoiceOption,
  StopVoiceSuccessResult,
  VoiceCallbacks,
  VoiceFailResult,
} from './voice';
export type {
  BackgroundAudioCallbacks,
  BackgroundAudioFailResult,
  BackgroundAudioManager,
  BackgroundAudioOption,
  BackgroundAudioPlayerState,
  GetBackgroundAudioPlayerStateOption,
  PlayBackgroundAudioOption,
  SeekBackgroundAudioOption,
} from './background-audio';
export type { AudioElementAttributes, LegacyAudioContext } from './audio-context';
export type {
  AppAuthorizeSetting,
  AppBaseInfo,
  Authorization,
  DeviceInfo,
  GetSystemInfoOption,
  GetSystemInfoSuccessResult,
  SafeArea,
  SystemInfo,
  SystemSetting,
  WindowInfo,
} from './system-info';
export type { LegacyCanvasContext, LegacyCanvasGradient, LegacyTextMetrics } from './canvas-context';
export type {
  CanvasCallbacks,
  CanvasGetImageDataOption,
  CanvasPutImageDataOption,
  CanvasToTempFilePathOption,
} from './canvas';
export type { Base64Source } from './base64';
