const express = require("express");
const app = express();
app.post("/login", async (req, res) => {
  // ruleid: js-nosqli-taint
  const u1 = await User.findOne({ user: req.body.user, pass: req.body.pass });
  // ok: js-nosqli-taint
  const u2 = await User.findOne({ user: String(req.body.user), pass: String(req.body.pass) });
  // ok: js-nosqli-taint
  const admins = await User.find({ role: "admin" });
  res.json(u1);
});
