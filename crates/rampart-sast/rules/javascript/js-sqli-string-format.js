async function remove(connection, id, table) {
  // ruleid: js-sqli-string-format
  await connection.query("DELETE FROM items WHERE id = " + id);
  const sql = `SELECT * FROM ${table} WHERE id = ${id}`;
  // ruleid: js-sqli-string-format
  await connection.query(sql);
  // ok: js-sqli-string-format
  await connection.query("DELETE FROM items WHERE id = ?", [id]);
  // ok: js-sqli-string-format
  await connection.query("SELECT 1");
  // ok: js-sqli-string-format
  await client.exec("echo " + id);
}
