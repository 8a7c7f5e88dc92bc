const express = require("express");
const app = express();
const fs = require("fs");
const path = require("path");
const BASE = "/srv/files";

function userFile(name) {
  // The helper is where request data meets the path (it is called with req.query.file).
  // ruleid: js-path-traversal-taint
  return path.join(BASE, name);
}

app.get("/files/:name", (req, res) => {
  // ruleid: js-path-traversal-taint
  fs.readFile("/srv/files/" + req.params.name, (e, d) => res.send(d));
  // ruleid: js-path-traversal-taint
  res.sendFile(userFile(req.query.file));
  // ok: js-path-traversal-taint
  fs.readFile(path.join(BASE, path.basename(req.params.name)), (e, d) => res.send(d));
  // ok: js-path-traversal-taint
  res.sendFile(req.params.name, { root: BASE });
  // ruleid: js-path-traversal-taint
  const target = path.resolve(BASE, req.query.dir);
  // ok: js-path-traversal-taint
  fs.readFile("/etc/app/config.json", (e, d) => res.send(d));
});
