const express = require("express");
const app = express();
const ALLOWED = ["https://app.example.com"];

app.use((req, res, next) => {
  // ruleid: js-cors-origin-reflection
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin);
  res.setHeader("Access-Control-Allow-Credentials", "true");
  next();
});

app.get("/data", (req, res) => {
  const origin = req.get("origin");
  // ruleid: js-cors-origin-reflection
  res.writeHead(200, { "access-control-allow-origin": origin });
  res.end("{}");
});

app.get("/checked", (req, res) => {
  const origin = req.headers.origin;
  if (ALLOWED.includes(origin)) {
    // ok: js-cors-origin-reflection
    res.set("Access-Control-Allow-Origin", origin);
  }
  // ok: js-cors-origin-reflection
  res.set("Access-Control-Allow-Origin", "https://app.example.com");
  res.json({});
});
