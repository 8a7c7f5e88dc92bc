const crypto = require("crypto");

function store(user, password) {
  // ruleid: js-weak-password-hash
  user.hash = crypto.createHash("sha256").update(password).digest("hex");
  // ok: js-weak-password-hash
  user.etag = crypto.createHash("sha256").update(user.name).digest("hex");
}
