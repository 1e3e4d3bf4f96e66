import * as path from 'path';

/** The repository root (this package's folder). */
export const ROOT = path.resolve(__dirname, '..', '..');
