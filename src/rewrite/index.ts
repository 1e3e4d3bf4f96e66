/**
 * The engine's full entry: the light entry (no parser: the API table, file kinds, the
 * pre-filter, the options table, the routing decision) and the rewrite itself. Loading it
 * loads the parsers: the doors that see many files import ./light and call loadEngine()
 * only once a file passes the text pre-filter.
 */
export * from './light';
export * from './engine';
