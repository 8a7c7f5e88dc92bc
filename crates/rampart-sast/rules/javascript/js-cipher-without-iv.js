const crypto = require("crypto");

function seal(text, password) {
  // ruleid: js-cipher-without-iv
  const c = crypto.createCipher("aes-256-cbc", password);
  return c.update(text, "utf8", "hex") + c.final("hex");
}

function unseal(hex, password) {
  // ruleid: js-cipher-without-iv
  const d = crypto.createDecipher("aes-256-cbc", password);
  return d.update(hex, "hex", "utf8") + d.final("utf8");
}

function sealOk(text, key) {
  const iv = crypto.randomBytes(16);
  // ok: js-cipher-without-iv
  const c = crypto.createCipheriv("aes-256-cbc", key, iv);
  return [iv, c.update(text, "utf8", "hex") + c.final("hex")];
}
