const express = require("express");
const app = express();
const handlers = { csv: require("./export/csv"), pdf: require("./export/pdf") };

app.get("/export", (req, res) => {
  // ruleid: js-require-taint
  const exporter = require("./export/" + req.query.format);
  exporter(res);
});

app.get("/export2", (req, res) => {
  // ok: js-require-taint
  const exporter = handlers[req.query.format];
  if (!exporter) return res.sendStatus(400);
  // ok: js-require-taint
  const fallback = require("./export/csv");
  return (exporter || fallback)(res);
});

app.post("/plugin", async (req, res) => {
  // ruleid: js-require-taint
  const plugin = await import(req.body.plugin);
  res.json(plugin.describe());
});
