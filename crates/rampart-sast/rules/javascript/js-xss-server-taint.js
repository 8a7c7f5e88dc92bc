const express = require("express");
const app = express();
const escapeHtml = require("escape-html");

function page(name) {
  return "<h1>Hello " + name + "</h1>";
}

app.get("/hello", (req, res) => {
  // ruleid: js-xss-server-taint
  res.send("<p>Hello " + req.query.name + "</p>");
});

app.get("/hello2", (req, res) => {
  // ruleid: js-xss-server-taint
  res.write(page(req.params.name));
  // ok: js-xss-server-taint
  res.send("<p>Hello " + escapeHtml(req.query.name) + "</p>");
  // ok: js-xss-server-taint
  res.json({ name: req.query.name });
  // ok: js-xss-server-taint
  res.send("<p>Hello world</p>");
});
