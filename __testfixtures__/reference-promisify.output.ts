import { startRecord } from 'record-compat-runtime';
// A home-grown promisify over callback APIs.
type CbApi<R> = (opts: { success?: (r: R) => void; fail?: (e: unknown) => void }) => void;

function promisify<R>(api: CbApi<R>) {
  return (): Promise<R> =>
    new Promise((resolve, reject) => {
      api({ success: resolve, fail: reject });
    });
}

declare const wx: any;

// wx.startRecord is handed over as a value
export const startRecordAsync = promisify<{ tempFilePath: string }>(startRecord);

export async function recordForUpload(): Promise<string> {
  const { tempFilePath } = await startRecordAsync();
  return tempFilePath;
}
