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
