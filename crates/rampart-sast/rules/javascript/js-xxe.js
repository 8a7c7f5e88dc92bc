const libxmljs = require("libxmljs");

function parse(xml) {
  // ruleid: js-xxe
  const doc = libxmljs.parseXml(xml, { noent: true });
  // ok: js-xxe
  const safe = libxmljs.parseXml(xml);
  return [doc, safe];
}

function parseWithOptions(xml) {
  const opts = { noblanks: true, noent: true };
  // ruleid: js-xxe
  return libxmljs.parseXml(xml, opts);
}

function parseInSandbox(vm, sandbox) {
  // ruleid: js-xxe
  return vm.runInContext("libxml.parseXml(data, { noent: true })", sandbox);
}

function parseInSandboxOk(vm, sandbox) {
  // ok: js-xxe
  return vm.runInContext("libxml.parseXml(data, { noblanks: true })", sandbox);
}
