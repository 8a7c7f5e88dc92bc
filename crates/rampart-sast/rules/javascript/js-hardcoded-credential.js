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
