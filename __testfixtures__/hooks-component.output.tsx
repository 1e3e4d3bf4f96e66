import { useCallback, useState } from "react";
import { useUnload } from "@tarojs/taro";
import { View, Button } from "@tarojs/components";
import { startRecord, stopRecord } from "record-compat-runtime";

interface Props {
  maxClips?: number;
}

export default function ClipRecorder({ maxClips = 3 }: Props) {
  const [clips, setClips] = useState<string[]>([]);
  const [active, setActive] = useState(false);

  const start = useCallback(() => {
    if (clips.length >= maxClips) return;
    setActive(true);
    startRecord({
      success: (res) => {
        setClips((prev) => [...prev, res.tempFilePath]);
        setActive(false);
      },
      fail: () => setActive(false),
    });
  }, [clips.length, maxClips]);

  const stop = useCallback(() => {
    stopRecord();
  }, []);

  useUnload(() => {
    stopRecord();
  });

  return (
    <View>
      <Button disabled={clips.length >= maxClips} onClick={active ? stop : start}>
        {active ? "Stop" : `Record (${clips.length}/${maxClips})`}
      </Button>
    </View>
  );
}
