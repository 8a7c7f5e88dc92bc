app.get("/login", (req, res) => {
  // ruleid: js-insecure-cookie
  res.cookie("session", req.sessionID);
  // ruleid: js-insecure-cookie
  res.cookie("remember", "1", { secure: true });
  // ok: js-insecure-cookie
  res.cookie("session", req.sessionID, { secure: true, httpOnly: true, sameSite: "lax" });
  res.end();
});

// ruleid: js-insecure-cookie
app.use(session({ secret: process.env.S, cookie: { secure: false } }));
