const express = require("express");
const app = express();
const { exec, execFile } = require("child_process");
const child_process = require("child_process");

function pingCmd(host) {
  return "ping -c 1 " + host;
}

app.get("/ping", (req, res) => {
  const host = req.query.host;
  // ruleid: js-cmdi-taint
  exec("ping -c 1 " + host, (err, out) => res.send(out));
  // ruleid: js-cmdi-taint
  child_process.execSync(pingCmd(req.query.h));
  // ok: js-cmdi-taint
  execFile("ping", ["-c", "1", host], (err, out) => res.send(out));
  // ok: js-cmdi-taint
  exec("uptime", (err, out) => res.send(out));
});
