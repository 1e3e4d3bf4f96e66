// Taro 2 loads a plugin from the package's root index.js; everything else uses "main" / "exports".
module.exports = require('./dist/src/taro-plugin/index.js');
