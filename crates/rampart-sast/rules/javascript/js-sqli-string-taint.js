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

const util = require("util");

app.get("/orders", (req, res) => {
  // ruleid: js-sqli-string-taint
  const sql = util.format("SELECT * FROM orders WHERE customer = '%s'", req.query.customer);
  // ruleid: js-sqli-string-taint
  const sql2 = "SELECT id, total FROM orders" + " WHERE status = '" + req.query.status + "'";
  // ok: js-sqli-string-taint
  console.log(`SELECT * FROM orders WHERE customer = ${req.query.customer}`);
  res.json({ sql, sql2 });
});

exports.handler = async (event) => {
  // ruleid: js-sqli-string-taint
  const stmt = `DELETE FROM sessions WHERE user = '${event.pathParameters.user}'`;
  return { stmt };
};
