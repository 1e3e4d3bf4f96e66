import Taro from '@tarojs/taro'
import { Button } from '@tarojs/components'

export default function Debug() {
  return (
    <Button onClick={() => Taro.getSystemInfo().then((res) => console.log(res.platform))}>
      {Taro.getSystemInfoSync().language}
    </Button>
  )
}
