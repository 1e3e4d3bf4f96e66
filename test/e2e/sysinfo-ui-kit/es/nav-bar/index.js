import { getSystemInfoSync } from '../common/utils';

// The height of a custom navigation bar: the status bar, then the title bar of the platform.
export function navBarHeight() {
  const { statusBarHeight, platform } = getSystemInfoSync();
  return statusBarHeight + (platform === 'android' ? 48 : 44);
}
