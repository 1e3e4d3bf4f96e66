import { startRecord, stopRecord } from 'record-compat-runtime'

// Taro's typings say startRecord returns a Promise, so people awaited it.
export async function recordAnswer(questionId: string): Promise<{ id: string; file: string }> {
  try {
    const res = await startRecord({})
    return { id: questionId, file: res.tempFilePath }
  } catch (err) {
    console.error('recordAnswer failed', err)
    throw err
  }
}

export async function finish(): Promise<void> {
  await stopRecord()
}
