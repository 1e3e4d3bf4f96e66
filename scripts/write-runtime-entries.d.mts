/** The runtime's table (src/runtime/families.ts), bundled and loaded as it is. */
export function loadFamilies(): Promise<typeof import('../src/runtime/families')>;
/** A family section as Prettier writes it in `file` with the repository's settings. */
export function formatSection(section: string, file: string): Promise<string>;
