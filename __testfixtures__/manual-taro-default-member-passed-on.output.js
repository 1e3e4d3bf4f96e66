"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.recorder = void 0;
const taro_1 = require("@tarojs/taro");
// Compiled from `makeRecorder(Taro)`: Taro's default export is handed to a helper,
// which calls the deprecated API through its parameter.
function makeRecorder(api) {
    return {
        start: (options) => api.startRecord(options),
        stop: () => api.stopRecord(),
    };
}
exports.recorder = makeRecorder(taro_1.default);
