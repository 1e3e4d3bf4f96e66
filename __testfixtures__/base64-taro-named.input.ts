import { base64ToArrayBuffer, getFileSystemManager, env } from '@tarojs/taro'

/** Saves a base64 PDF the server sent, and returns its path. */
export function savePdf(name: string, content: string): string {
  const filePath = `${env.USER_DATA_PATH}/${name}.pdf`
  getFileSystemManager().writeFileSync(filePath, base64ToArrayBuffer(content), 'binary')
  return filePath
}
