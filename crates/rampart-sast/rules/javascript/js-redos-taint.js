app.get("/search", (req, res) => {
  // ruleid: js-redos-taint
  const re = new RegExp(req.query.pattern);
  // ok: js-redos-taint
  const safe = new RegExp(_.escapeRegExp(req.query.pattern));
  // ok: js-redos-taint
  const fixed = new RegExp("^[a-z]+$");
  res.json(items.filter((i) => re.test(i)));
});
