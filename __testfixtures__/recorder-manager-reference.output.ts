import { getRecorderManager } from 'record-compat-runtime'

// Not called here: handed to a factory that calls it later.
const managerFactory = getRecorderManager

export const services = {
  recorder: getRecorderManager,
  make: () => managerFactory(),
}
