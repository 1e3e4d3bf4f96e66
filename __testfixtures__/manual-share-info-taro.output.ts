import Taro from '@tarojs/taro'

export async function groupOf(shareTicket: string): Promise<string> {
  const { encryptedData, iv } = await Taro.getShareInfo({ shareTicket })
  const res = await Taro.request({ url: '/api/decrypt', method: 'POST', data: { encryptedData, iv } })
  return (res.data as { openGId: string }).openGId
}
