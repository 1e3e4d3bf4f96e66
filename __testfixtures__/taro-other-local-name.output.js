import T from "@tarojs/taro";
import { formatDuration } from "../../utils/time";
import { startRecord, stopRecord } from "record-compat-runtime";

// The team imports Taro as T everywhere in this package.
let startedAt = 0;

export function startMemo(cb) {
  startedAt = Date.now();
  startRecord({
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
  stopRecord({
    success() {
      console.log("memo stopped after", Date.now() - startedAt, "ms");
    },
  });
}
