function setPath(target, path, value) {
  const keys = path.split(".");
  const last = keys.pop();
  let node = target;
  for (const key of keys) {
    // ruleid: js-prototype-pollution-path
    node = node[key] || (node[key] = {});
  }
  node[last] = value;
}

function getPath(target, path) {
  let node = target;
  path.split(".").forEach((part) => {
    // ruleid: js-prototype-pollution-path
    node = node[part];
  });
  return node;
}

function nth(list, n) {
  let cur = list;
  for (let i = 0; i < n; i++) {
    // ok: js-prototype-pollution-path
    cur = cur[i];
  }
  return cur;
}

function setPathSafe(target, path, value) {
  const keys = path.split(".");
  const last = keys.pop();
  let node = target;
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(node, key)) node[key] = {};
    // ok: js-prototype-pollution-path
    node = Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
  }
  node[last] = value;
}
