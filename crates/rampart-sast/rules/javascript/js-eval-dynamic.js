function run(expr) {
  // ruleid: js-eval-dynamic
  const v = eval(expr);
  // ok: js-eval-dynamic
  const w = eval("2 * 21");
  return v + w;
}
