const jwt = require("jsonwebtoken");
const jwtSimple = require("jwt-simple");

function auth(token, key) {
  // ruleid: js-jwt-verify-disabled
  const a = jwt.verify(token, key, { algorithms: ["HS256", "none"] });
  // ruleid: js-jwt-verify-disabled
  const b = jwtSimple.decode(token, key, true);
  // ok: js-jwt-verify-disabled
  const c = jwt.verify(token, key, { algorithms: ["RS256"] });
  return [a, b, c];
}
