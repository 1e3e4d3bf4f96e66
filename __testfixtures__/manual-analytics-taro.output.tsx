import Taro from '@tarojs/taro'
import { Button } from '@tarojs/components'

export function ShareButton({ id }: { id: string }) {
  const onTap = () => {
    Taro.reportAnalytics('share_tap', { goods_id: id })
  }
  return <Button onClick={onTap}>Share</Button>
}
