/**
 * "Plain jscodeshift" for bench:codemod (row 3): the naive rewrite of the ast-grep rule
 * (`wx.startRecord` / `Taro.stopRecord` … → the bare name; no scope analysis, no import),
 * written as a jscodeshift transform is usually written: parse every file with recast,
 * find, replace, print. Not part of the package.
 */
module.exports = function naiveRecordTransform(file, api) {
  const j = api.jscodeshift;
  const root = j(file.source);
  let changed = false;
  root
    .find(j.MemberExpression, { computed: false, object: { type: 'Identifier' }, property: { type: 'Identifier' } })
    .filter(
      (path) => /^(wx|Taro)$/.test(path.node.object.name) && /^(startRecord|stopRecord)$/.test(path.node.property.name),
    )
    .forEach((path) => {
      j(path).replaceWith(j.identifier(path.node.property.name));
      changed = true;
    });
  return changed ? root.toSource() : undefined;
};
