import { Button, View } from '@tarojs/components';
import { playVoice, pauseVoice, stopVoice } from 'record-compat-runtime';

export function PlayerControls({ file }: { file: string }) {
  return (
    <View className="controls">
      <Button onClick={() => playVoice({ filePath: file })}>Play</Button>
      <Button onClick={pauseVoice}>Pause</Button>
      <Button onClick={stopVoice}>Stop</Button>
    </View>
  );
}
