const jwt = require("jsonwebtoken");
const session = require("express-session");

function login(user) {
  // ruleid: js-hardcoded-credential
  return jwt.sign({ sub: user.id }, "my-super-secret-key");
}

const signingKey = "hard-coded-signing-key";

function login2(user) {
  // ruleid: js-hardcoded-credential
  return jwt.sign({ sub: user.id }, signingKey);
}

function loginOk(user) {
  // ok: js-hardcoded-credential
  return jwt.sign({ sub: user.id }, process.env.JWT_SECRET);
}

// ruleid: js-hardcoded-credential
app.use(session({ secret: "keyboard cat", resave: false }));
// ruleid: js-hardcoded-credential
const API_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
// ok: js-hardcoded-credential
const DB_PASSWORD = process.env.DB_PASSWORD;

const { JWK, JWT } = require("jose");
const crypto = require("crypto");

function issue(claims) {
  // ruleid: js-hardcoded-credential
  return JWT.sign(claims, JWK.asKey("jose-inline-secret"));
}

function check(token) {
  const key = JWK.asKey("another-inline-secret");
  // ruleid: js-hardcoded-credential
  return JWT.verify(token, key);
}

function checkOk(token) {
  const key = JWK.asKey(process.env.JWT_KEY);
  // ok: js-hardcoded-credential
  return JWT.verify(token, key);
}

function sign(body) {
  // ruleid: js-hardcoded-credential
  return crypto.createHmac("sha256", "webhook-signing-secret").update(body).digest("hex");
}

function signOk(body) {
  // ok: js-hardcoded-credential
  return crypto.createHmac("sha256", process.env.WEBHOOK_SECRET).update(body).digest("hex");
}
