import Taro from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { arrayBufferToBase64 } from 'record-compat-runtime'

export default function QrCode({ ticket }: { ticket: string }) {
  const [src, setSrc] = useState('')
  useEffect(() => {
    Taro.request({ url: `/api/qrcode?ticket=${ticket}`, responseType: 'arraybuffer' }).then((res) => {
      setSrc(`data:image/png;base64,${arrayBufferToBase64(res.data as ArrayBuffer)}`)
    })
  }, [ticket])
  return (
    <View className='qrcode'>
      <Image src={src} />
    </View>
  )
}
