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
