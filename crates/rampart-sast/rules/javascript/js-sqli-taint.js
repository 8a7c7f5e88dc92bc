const express = require("express");
const app = express();
const { Pool } = require("pg");
const db = new Pool();

function byName(name) {
  return "SELECT * FROM users WHERE name = '" + name + "'";
}

app.get("/users", async (req, res) => {
  const id = req.query.id;
  // ruleid: js-sqli-taint
  const r1 = await db.query("SELECT * FROM users WHERE id = " + id);
  // ruleid: js-sqli-taint
  const r2 = await db.query(`SELECT * FROM users WHERE email = '${req.body.email}'`);
  // ruleid: js-sqli-taint
  const r3 = await db.query(byName(req.params.name));
  // ok: js-sqli-taint
  const r4 = await db.query("SELECT * FROM users WHERE id = $1", [id]);
  // ok: js-sqli-taint
  const r5 = await db.query("SELECT * FROM users WHERE id = " + parseInt(id, 10));
  // ok: js-sqli-taint
  const r6 = await db.query("SELECT * FROM users WHERE active = " + "true");
  res.json(r1.rows);
});
