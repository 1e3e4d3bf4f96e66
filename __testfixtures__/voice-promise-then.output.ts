import { playVoice } from 'record-compat-runtime';

// Promise form (base library 2.10.2+): no callbacks, so playVoice returns a Promise.
export function play(filePath: string): Promise<string> {
  return playVoice({ filePath }).then((res) => res.errMsg);
}
