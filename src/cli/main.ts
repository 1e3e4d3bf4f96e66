/**
 * The codemod command: runs the migration (run.ts) while the renderer (render.ts)
 * prints as it goes and at the end. Returns the exit code.
 */
import { Renderer, type Io } from './render';
import { runMigration } from './run';

export type { Io } from './render';

export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }): Promise<number> {
  const renderer = new Renderer(io);
  try {
    return renderer.finish(await runMigration(argv, io.cwd, renderer));
  } catch (err) {
    renderer.stopProgress();
    throw err;
  }
}
