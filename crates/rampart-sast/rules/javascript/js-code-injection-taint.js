const express = require("express");
const app = express();
const vm = require("vm");

function wrap(src) {
  return "(function(){ return " + src + "; })()";
}

app.post("/calc", (req, res) => {
  // ruleid: js-code-injection-taint
  const r1 = eval(req.body.expression);
  // ruleid: js-code-injection-taint
  const r2 = vm.runInNewContext(wrap(req.query.code), {});
  // ruleid: js-code-injection-taint
  const f = new Function("x", req.body.fn);
  // ok: js-code-injection-taint
  const r3 = eval("1 + 2");
  // ok: js-code-injection-taint
  setTimeout(() => res.send(String(r1)), 10);
  // ok: js-code-injection-taint
  const r4 = JSON.parse(req.body.data);
});
