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

const Hogan = require("hogan.js");

app.post("/card", (req, res) => {
  // ruleid: js-ssti-taint
  const card = Hogan.compile(req.body.layout);
  // ok: js-ssti-taint
  const fixed = Hogan.compile("<h1>{{title}}</h1>");
  res.send(card.render({}) + fixed.render({ title: req.body.title }));
});
