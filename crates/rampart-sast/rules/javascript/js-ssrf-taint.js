const express = require("express");
const app = express();
const axios = require("axios");

function apiUrl(host) {
  return "http://" + host + "/status";
}

app.get("/proxy", async (req, res) => {
  // ruleid: js-ssrf-taint
  const r1 = await axios.get(req.query.url);
  // ruleid: js-ssrf-taint
  const r2 = await fetch(apiUrl(req.query.host));
  // ok: js-ssrf-taint
  const r3 = await axios.get("https://api.example.com/search?q=" + encodeURIComponent(req.query.q));
  // ok: js-ssrf-taint
  const r4 = await fetch("https://api.example.com/status");
  res.json(r1.data);
});
