const serialize = require("node-serialize");
const yaml = require("js-yaml");

function restore(req) {
  // ruleid: js-insecure-deserialization
  const profile = serialize.unserialize(Buffer.from(req.cookies.profile, "base64").toString());
  // ruleid: js-insecure-deserialization
  const cfg = yaml.load(req.body, { schema: yaml.DEFAULT_FULL_SCHEMA });
  // ok: js-insecure-deserialization
  const data = JSON.parse(req.body);
  // ok: js-insecure-deserialization
  const safe = yaml.load(req.body);
  return [profile, cfg, data, safe];
}
