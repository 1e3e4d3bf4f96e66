import { createApp } from 'vue'

import './app.css'

const App = createApp({
  onLaunch() {
    console.log('voice notes (vue) launched')
  },
})

export default App
