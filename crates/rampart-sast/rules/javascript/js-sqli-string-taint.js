const express = require("express");
const app = express();

app.get("/user", (req, res) => {
  // ruleid: js-sqli-string-taint
  const query = "SELECT * FROM users WHERE id = '" + req.query.id + "'";
  res.json({ query });
});

app.get("/search", (req, res) => {
  // ruleid: js-sqli-string-taint
  const sql = `SELECT * FROM items WHERE name LIKE '%${req.query.q}%'`;
  res.json({ sql });
});

app.get("/safe", (req, res) => {
  const id = parseInt(req.query.id, 10);
  // ok: js-sqli-string-taint
  const sql = "SELECT * FROM items WHERE id = " + id;
  // ok: js-sqli-string-taint
  const note = "Selected " + req.query.q + " from the list";
  res.json({ sql, note });
});
