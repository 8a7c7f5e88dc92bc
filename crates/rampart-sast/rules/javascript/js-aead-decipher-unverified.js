const crypto = require("crypto");

function openToken(box, key) {
  // ruleid: js-aead-decipher-unverified
  const d = crypto.createDecipheriv("aes-256-gcm", key, box.iv, { authTagLength: 16 });
  d.setAuthTag(box.tag);
  return d.update(box.data).toString("utf8");
}

function openTokenOk(box, key) {
  // ok: js-aead-decipher-unverified
  const d = crypto.createDecipheriv("aes-256-gcm", key, box.iv, { authTagLength: 16 });
  d.setAuthTag(box.tag);
  return Buffer.concat([d.update(box.data), d.final()]).toString("utf8");
}

const ALGORITHM = "aes-128-gcm";

function openShortTag(box, key) {
  // ruleid: js-aead-decipher-unverified
  const d = crypto.createDecipheriv(ALGORITHM, key, box.iv);
  d.setAuthTag(box.tag);
  return d.update(box.data, undefined, "utf8") + d.final("utf8");
}

function openCbc(box, key) {
  // ok: js-aead-decipher-unverified
  const d = crypto.createDecipheriv("aes-256-cbc", key, box.iv);
  return d.update(box.data, undefined, "utf8");
}
