"use strict";
const { playVoice, pauseVoice } = require("record-compat-runtime");
// utils/memo-player.js, as tsc compiles `import Taro from '@tarojs/taro'` with esModuleInterop.
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.playMemo = playMemo;
exports.pauseMemo = pauseMemo;
const taro_1 = __importDefault(require("@tarojs/taro"));
function playMemo(filePath) {
    return playVoice({ filePath, duration: 60 });
}
function pauseMemo() {
    pauseVoice();
}
