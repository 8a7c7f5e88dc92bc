import sqlite3

def delete_record(conn, record_id):
    cur = conn.cursor()
    # ruleid: python-sqli-string-format
    cur.execute("DELETE FROM records WHERE id = %s" % record_id)

def find(conn, name, table):
    # ruleid: python-sqli-string-format
    conn.execute(f"SELECT * FROM {table} WHERE name = '{name}'")
    sql = "SELECT * FROM users WHERE name = '" + name + "'"
    # ruleid: python-sqli-string-format
    conn.execute(sql)
    # ok: python-sqli-string-format
    conn.execute("SELECT * FROM users WHERE name = ?", (name,))
    # ok: python-sqli-string-format
    conn.execute("SELECT * FROM users WHERE kind = '%s'" % "admin")
    # ok: python-sqli-string-format
    conn.execute("SELECT 1")


def constant_parts(cur):
    query = "SELECT name FROM users WHERE age=" + "3"
    # ok: python-sqli-string-format
    cur.execute(query)
    # ok: python-sqli-string-format
    cur.execute("SELECT * FROM users".format())


async def latest(conn, cur, table):
    # ruleid: python-sqli-string-format
    rows = await conn.fetch(f"SELECT * FROM {table} ORDER BY id DESC LIMIT 10")
    query = "SELECT count(*) FROM audit".format()
    # ok: python-sqli-string-format
    cur.execute(query)
    # ok: python-sqli-string-format
    cur.execute(f"SELECT 1")
    return rows
