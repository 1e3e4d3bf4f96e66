/** A value as one JSON line's text, its Buffers tagged. */
export function encode(value: unknown): string;
/** The value encode() wrote, its Buffers restored. */
export function decode(text: string): any;
/** Reads `fd` (blocking) a line at a time; undefined once the other end has closed. */
export function lineReader(fd: number): () => string | undefined;
