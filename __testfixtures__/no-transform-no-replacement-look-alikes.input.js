// an Electron-like window and a chat bar of the app's own
export function layout(win, bar) {
  win.setWindowSize(800, 600)
  bar.setTopBarText('Inbox')
}
