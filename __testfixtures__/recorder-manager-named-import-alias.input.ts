import { getRecorderManager as recorder } from '@tarojs/taro'

export const voiceNote = recorder()
voiceNote.onStop((res) => console.log(res.tempFilePath))
