const express = require("express");
const app = express();
const ejs = require("ejs");

app.post("/preview", (req, res) => {
  // ruleid: js-ssti-taint
  const html = ejs.render(req.body.template, { user: req.user });
  // ok: js-ssti-taint
  const safe = ejs.render("<p><%= name %></p>", { name: req.body.name });
  // ruleid: js-ssti-taint
  res.render(req.query.page);
  // ok: js-ssti-taint
  res.render("index", { q: req.query.q });
});
