const crypto = require("crypto");

// ruleid: js-weak-key-size
const weak = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 });
// ok: js-weak-key-size
const strong = crypto.generateKeyPairSync("rsa", { modulusLength: 3072 });
