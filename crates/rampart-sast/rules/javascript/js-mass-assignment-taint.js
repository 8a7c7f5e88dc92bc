app.post("/users", async (req, res) => {
  // ruleid: js-mass-assignment-taint
  const u = await User.create(req.body);
  // ruleid: js-mass-assignment-taint
  Object.assign(req.user, req.body);
  // ok: js-mass-assignment-taint
  const v = await User.create({ name: req.body.name, email: req.body.email });
  // ok: js-mass-assignment-taint
  const w = await User.create(_.pick(req.body, ["name", "email"]));
  res.json(u);
});
