import Taro from '@tarojs/taro';
import { Button, View } from '@tarojs/components';

export function PlayerControls({ file }: { file: string }) {
  return (
    <View className="controls">
      <Button onClick={() => Taro.playVoice({ filePath: file })}>Play</Button>
      <Button onClick={Taro.pauseVoice}>Pause</Button>
      <Button onClick={Taro.stopVoice}>Stop</Button>
    </View>
  );
}
