/// <reference types="@tarojs/taro" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

// The WeChat global, as legacy pages call it directly.
declare const wx: any
