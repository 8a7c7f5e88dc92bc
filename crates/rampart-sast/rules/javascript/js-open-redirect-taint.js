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
