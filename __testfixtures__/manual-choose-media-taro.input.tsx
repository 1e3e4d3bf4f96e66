import Taro from '@tarojs/taro'
import { Button } from '@tarojs/components'

export function AvatarPicker({ onPick }: { onPick: (path: string) => void }) {
  const pick = async () => {
    const { tempFilePaths } = await Taro.chooseImage({ count: 1, sourceType: ['album', 'camera'] })
    onPick(tempFilePaths[0])
  }
  return <Button onClick={pick}>Choose</Button>
}
