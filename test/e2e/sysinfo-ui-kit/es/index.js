export { addUnit, getSystemInfoSync } from './common/utils';
export { canIUseModel } from './common/version';
export { navBarHeight } from './nav-bar/index';
