Component({ properties: { name: String }, lifetimes: { attached() { this.setData({ hello: 'Hi ' + this.data.name }) } } })
