/** Whether `text` (a module's source) asks whether it is in a Taro build for WeChat. */
export function readsTaroEnv(text: string): boolean;
/**
 * `text` as the build writes it for the native and H5 entries and the local copies: each test of a Taro build for
 * WeChat folded as false; `problems` names a test the fold cannot take, with its file and line.
 */
export function foldWeChatBuild(text: string, fileName?: string): { text: string; problems: string[] };
