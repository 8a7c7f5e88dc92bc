const vm = require("vm");
const { VM, NodeVM, VMScript } = require("vm2");
const Sandbox = require("sandbox");

function priceFormula(expr, ctx) {
  // ruleid: js-vm-dynamic-code
  return vm.runInNewContext("price * " + expr, ctx);
}

function fixedFormula(ctx) {
  // ok: js-vm-dynamic-code
  return vm.runInNewContext("price * 1.2", ctx);
}

function plugin(source) {
  const script = `module.exports = ${source}`;
  // ruleid: js-vm-dynamic-code
  return new vm.Script(script);
}

function runRule(rule, facts) {
  const box = new NodeVM({ sandbox: { facts } });
  // ruleid: js-vm-dynamic-code
  return box.run(`return (${rule})(facts)`);
}

function runFixed(facts) {
  const box = new NodeVM({ sandbox: { facts } });
  const body = "return facts.length";
  // ok: js-vm-dynamic-code
  return box.run(body);
}

function compiled(expr) {
  // ruleid: js-vm-dynamic-code
  const s = new VMScript("result = " + expr);
  return new VM().run(s);
}

function legacy(snippet, done) {
  const s = new Sandbox();
  // ruleid: js-vm-dynamic-code
  s.run(snippet, done);
  // ok: js-vm-dynamic-code
  s.run("1 + 1", done);
}
