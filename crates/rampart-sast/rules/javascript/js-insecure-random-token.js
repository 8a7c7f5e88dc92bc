function issue(user) {
  // ruleid: js-insecure-random-token
  const resetToken = Math.random().toString(36).slice(2);
  // ok: js-insecure-random-token
  const sessionToken = require("crypto").randomBytes(32).toString("hex");
  // ok: js-insecure-random-token
  const jitter = Math.random() * 100;
  return [resetToken, sessionToken, jitter];
}
