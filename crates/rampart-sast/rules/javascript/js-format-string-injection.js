const util = require("util");

function audit(user, ip) {
  // ruleid: js-format-string-injection
  console.warn("login failed for " + user, ip);
  const line = `password reset by ${user}`;
  // ruleid: js-format-string-injection
  return util.format(line, ip);
}

function auditOk(user, ip) {
  // ok: js-format-string-injection
  console.warn("login failed for %s from %s", user, ip);
  // ok: js-format-string-injection
  console.warn("login failed for " + user);
}
