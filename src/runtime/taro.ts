/*
 * Entry for Taro projects: `taro-plugin-record-compat/runtime`.
 * Drives the shared core with @tarojs/taro's default export.
 */
import Taro from '@tarojs/taro';
import { createRecordCompat } from './core';
import type { PlatformApi } from './core';

export type {
  DeniedPrompt,
  RecordCallbacks,
  RecordCompatOptions,
  RecordFailResult,
  StartRecordOption,
  StartRecordSuccessResult,
  StopRecordOption,
  StopRecordSuccessResult,
} from './core';

const api = () => Taro as unknown as PlatformApi & { getEnv?: () => string };

const rc = createRecordCompat(api, () => {
  const t = api();
  return typeof t.getEnv == 'function' && t.getEnv() === 'ALIPAY';
});

export const startRecord = rc.startRecord;
export const stopRecord = rc.stopRecord;
export const configureRecordCompat = rc.configureRecordCompat;
