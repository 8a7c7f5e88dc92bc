const libxmljs = require("libxmljs");

function parse(xml) {
  // ruleid: js-xxe
  const doc = libxmljs.parseXml(xml, { noent: true });
  // ok: js-xxe
  const safe = libxmljs.parseXml(xml);
  return [doc, safe];
}
