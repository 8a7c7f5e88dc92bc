function quoteSql(value) {
  // ruleid: js-incomplete-sanitization
  return "'" + value.replace("'", "''") + "'";
}

function escapeAttr(value) {
  // ruleid: js-incomplete-sanitization
  return value.replace("<", "&lt;").replace(/>/g, "&gt;");
}

function quoteSqlOk(value) {
  // ok: js-incomplete-sanitization
  return "'" + value.replace(/'/g, "''") + "'";
}

function trimPrefix(value) {
  // ok: js-incomplete-sanitization
  return value.replace("v", "");
}
