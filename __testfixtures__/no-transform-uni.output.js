// uni-app project: uni.* is uni-app's API, out of scope for this tool.
export default {
  data() {
    return { voicePath: '' }
  },
  methods: {
    begin() {
      uni.startRecord({
        success: (res) => {
          this.voicePath = res.tempFilePath
        }
      })
    },
    end() {
      uni.stopRecord()
    }
  }
}
