import T from "@tarojs/taro";
import { formatDuration } from "../../utils/time";

// The team imports Taro as T everywhere in this package.
let startedAt = 0;

export function startMemo(cb) {
  startedAt = Date.now();
  T.startRecord({
    success(res) {
      cb(null, {
        file: res.tempFilePath,
        label: formatDuration(Date.now() - startedAt),
      });
    },
    fail(err) {
      cb(err);
    },
  });
}

export function stopMemo() {
  T.stopRecord({
    success() {
      console.log("memo stopped after", Date.now() - startedAt, "ms");
    },
  });
}
