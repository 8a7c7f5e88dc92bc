const express = require("express");
const escapeHtml = require("escape-html");
const app = express();

app.get("/hello", (req, res) => {
  // ruleid: js-xss-html-string-taint
  const page = "<p>Hello, " + req.query.name + "</p>";
  res.type("html").end(page);
});

app.get("/card", (req, res) => {
  // ruleid: js-xss-html-string-taint
  mailer.send({ html: `<div class="card">${req.body.note}</div>` });
  // ok: js-xss-html-string-taint
  mailer.send({ html: `<div class="card">${escapeHtml(req.body.note)}</div>` });
  // ok: js-xss-html-string-taint
  mailer.send({ text: "Note: " + req.body.note });
  res.sendStatus(204);
});

exports.handler = async (event) => {
  // ruleid: js-xss-html-string-taint
  const body = `<h2>Order ${event.queryStringParameters.id}</h2>`;
  return { statusCode: 200, headers: { "Content-Type": "text/html" }, body };
};
