"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.begin = begin;
// The app's own recorder module: its default export is not Taro, whatever its methods are named.
const recorder_1 = __importDefault(require("./recorder"));
const camera_1 = require("./camera");
function begin() {
    recorder_1.default.startRecord({ format: 'mp3' });
    camera_1.default.stopRecord();
}
