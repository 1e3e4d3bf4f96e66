import { Button } from '@tarojs/components'
import { getAppBaseInfo, getSystemInfoWrapped } from 'record-compat-runtime'

export default function Debug() {
  return (
    <Button onClick={() => getSystemInfoWrapped().then((res) => console.log(res.platform))}>
      {getAppBaseInfo().language}
    </Button>
  )
}
