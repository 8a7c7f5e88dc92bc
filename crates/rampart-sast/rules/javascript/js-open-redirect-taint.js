const express = require("express");
const app = express();
const ALLOWED = ["/home", "/account"];

app.get("/login", (req, res) => {
  // ruleid: js-open-redirect-taint
  res.redirect(req.query.next);
});

app.get("/out", (req, res) => {
  const target = req.query.to;
  if (ALLOWED.includes(target)) {
    // ok: js-open-redirect-taint
    return res.redirect(target);
  }
  // ok: js-open-redirect-taint
  res.redirect("/home");
  // ok: js-open-redirect-taint
  res.redirect("/search?q=" + encodeURIComponent(req.query.q));
});

function goNext() {
  const next = new URLSearchParams(location.search).get("next");
  // ruleid: js-open-redirect-taint
  window.location.href = next;
}

app.get("/bounce", (req, res) => {
  const next = req.query.next;
  // ruleid: js-open-redirect-taint
  res.redirect(next + "?from=bounce");
  // ruleid: js-open-redirect-taint
  res.redirect(`${req.query.host}/welcome`);
  // ruleid: js-open-redirect-taint
  res.redirect("https://" + req.query.host + "/welcome");
  // ok: js-open-redirect-taint
  res.redirect("https://example.com/welcome?name=" + req.query.name);
  // ok: js-open-redirect-taint
  res.redirect(`https://example.com/u/${req.query.user}`);
  // ok: js-open-redirect-taint
  res.redirect(config.baseUrl + req.query.path);
});
