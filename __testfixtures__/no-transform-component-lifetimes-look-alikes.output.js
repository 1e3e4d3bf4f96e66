// React's Component and an app's own registrar: not WeChat's
import { Component } from 'react'

export class Clock extends Component {
  componentDidMount() {
    this.attached = true
  }
}

function register(options) {
  return options
}
const Component2 = register({ attached() {}, ready() {} })

export function make(Component) {
  return Component({ attached() {} })
}
