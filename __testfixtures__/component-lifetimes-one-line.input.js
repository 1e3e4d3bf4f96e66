Component({ properties: { name: String }, attached() { this.setData({ hello: 'Hi ' + this.data.name }) } })
