const crypto = require("crypto");

function enc(key, iv, data) {
  // ruleid: js-weak-cipher
  const c1 = crypto.createCipheriv("des-ede3-cbc", key, iv);
  // ruleid: js-weak-cipher
  const c2 = crypto.createCipheriv("aes-128-ecb", key, null);
  // ruleid: js-weak-cipher
  const c3 = crypto.createCipher("aes-256-cbc", "password");
  // ok: js-weak-cipher
  const c4 = crypto.createCipheriv("aes-256-gcm", key, iv);
  return [c1, c2, c3, c4];
}
