"use strict";
// A CommonJS module hands on the interop helper's wrapper of Taro's module, not Taro itself:
// the recorder it makes reads `.default` and calls startRecord and stopRecord through it.
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.recorder = void 0;
const taro_1 = __importDefault(require("@tarojs/taro"));
const makeRecorder = require("./make-recorder");
exports.recorder = makeRecorder(taro_1);
