import { useState } from 'react'
import { View, Button } from '@tarojs/components'
import { startRecord, stopRecord } from 'taro-plugin-record-compat/runtime'

// Migrated last sprint; running the tool again must change nothing.
export default function MemoButton() {
  const [file, setFile] = useState('')

  return (
    <View>
      <Button
        onTouchStart={() =>
          startRecord({ success: (res) => setFile(res.tempFilePath) })
        }
        onTouchEnd={() => stopRecord()}
      >
        {file ? 'Re-record' : 'Hold to record'}
      </Button>
    </View>
  )
}
