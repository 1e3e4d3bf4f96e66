import { getRecorderManager } from 'record-compat-runtime'

export const voiceNote = getRecorderManager()
voiceNote.onStop((res) => console.log(res.tempFilePath))
