package main

import (
	"database/sql"
	"fmt"
)

func find(db *sql.DB, id string, table string) {
	// ruleid: go-sqli-string-format
	db.Query(fmt.Sprintf("SELECT * FROM items WHERE id = '%s'", id))
	// ruleid: go-sqli-string-format
	q := "DELETE FROM " + table
	db.Exec(q)
	// ruleid: go-sqli-string-format
	q2 := fmt.Sprintf("SELECT * FROM %s", table)
	rows, err := db.Query(q2)
	_, _ = rows, err
	// ok: go-sqli-string-format
	db.Query("SELECT * FROM items WHERE id = $1", id)
	// ok: go-sqli-string-format
	db.Query("SELECT 1")
}

func constantOnly(db *sql.DB) {
	query := fmt.Sprintf("SELECT * FROM users WHERE active = true;")
	// ok: go-sqli-string-format
	db.Exec(query)
	q2 := "SELECT name FROM users WHERE age=" + "3"
	// ok: go-sqli-string-format
	db.Query(q2)
}

func insert(db *sql.DB, username string, password string) {
	// ruleid: go-sqli-string-format
	db.Query("INSERT into users (username, password) VALUES(" + username + ", " + password + ")")
}

func audit(db *sql.DB, conn *pgx.Conn, user string, idText string) {
	// ruleid: go-sqli-string-format
	q := user + " AND DELETE FROM sessions"
	db.Exec(q)
	// ruleid: go-sqli-string-format
	stmt := "UPDATE users SET name = '" + user + "' WHERE id = " + idText
	db.Exec(stmt)
	// ruleid: go-sqli-string-format
	conn.ExecEx(fmt.Sprintf("DELETE FROM users WHERE name = '%s'", user))
	id, _ := strconv.Atoi(idText)
	// ok: go-sqli-string-format
	db.Exec("DELETE FROM users WHERE id = " + id)
	// ok: go-sqli-string-format
	db.Query("SELECT id, name " +
		"FROM users " +
		"WHERE active")
}
