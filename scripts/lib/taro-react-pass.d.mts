/** A vite plugin as far as these builds read it. */
export interface VitePluginLike {
  name?: string;
  /** Method syntax: each plugin types the resolved config its own way. */
  configResolved?(config: object): void;
  transform?: unknown;
}

/**
 * An app's @vitejs/plugin-react as Taro configures it, resolved with `arrange`'s plugins; `pass` is its Babel
 * transform.
 */
export function taroReactBuild(o: {
  /** The app whose node_modules holds @vitejs/plugin-react and the two Babel plugins. */
  modulesFrom: string;
  /** vite's `root`. */
  root: string;
  reactOptions?: Record<string, unknown>;
  arrange?: (react: VitePluginLike[]) => VitePluginLike[];
}): { plugins: VitePluginLike[]; pass: (code: string, id: string) => Promise<{ code: string } | null | undefined> };
