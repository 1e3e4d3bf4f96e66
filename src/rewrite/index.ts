/** The engine's full entry: the light entry and the rewrite itself, whose loading loads the parsers. */
export * from './light';
export * from './engine';
