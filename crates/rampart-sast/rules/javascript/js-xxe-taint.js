const express = require("express");
const expat = require("node-expat");
const xml2json = require("xml2json");
const app = express();

app.post("/import", (req, res) => {
  const parser = new expat.Parser("UTF-8");
  parser.on("startElement", (name) => res.write(name));
  // ruleid: js-xxe-taint
  parser.write(req.body);
  res.end();
});

app.post("/convert", (req, res) => {
  const xml = req.body.document;
  // ruleid: js-xxe-taint
  res.json(xml2json.toJson(xml, { object: true }));
});

app.get("/sample", (req, res) => {
  const parser = new expat.Parser("UTF-8");
  // ok: js-xxe-taint
  parser.write("<catalog><item/></catalog>");
  // ok: js-xxe-taint
  res.json(xml2json.toJson(loadBundledCatalog(), { object: true }));
});
