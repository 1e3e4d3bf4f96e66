"use strict";
const { startRecord, stopRecord } = require("record-compat-runtime");
// services/voice-memo.js, as tsc compiles `import Taro from '@tarojs/taro'` to CommonJS:
// every use of the default import reads `.default` off the required module.
Object.defineProperty(exports, "__esModule", { value: true });
exports.startVoiceMemo = startVoiceMemo;
exports.stopVoiceMemo = stopVoiceMemo;
const taro_1 = require("@tarojs/taro");
function startVoiceMemo(onDone) {
    taro_1.default.showToast({ title: 'Recording', icon: 'none' });
    startRecord({
        success: (res) => onDone(res.tempFilePath),
        fail: () => taro_1.default.showToast({ title: 'Could not record', icon: 'none' }),
    });
}
function stopVoiceMemo() {
    stopRecord();
}
