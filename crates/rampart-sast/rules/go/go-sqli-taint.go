package main

import (
	"database/sql"
	"fmt"
	"html"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
)

var db *sql.DB

func byName(name string) string {
	return "SELECT * FROM users WHERE name = '" + name + "'"
}

func users(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ruleid: go-sqli-taint
	db.Query("SELECT * FROM users WHERE name = '" + name + "'")
	// ruleid: go-sqli-taint
	db.Query(fmt.Sprintf("SELECT * FROM users WHERE email = '%s'", r.FormValue("email")))
	// ruleid: go-sqli-taint
	db.Exec(byName(r.FormValue("n")))
	// ok: go-sqli-taint
	db.Query("SELECT * FROM users WHERE name = $1", name)
	id, _ := strconv.Atoi(r.FormValue("id"))
	// ok: go-sqli-taint
	db.Query(fmt.Sprintf("SELECT * FROM users WHERE id = %d", id))
	// ok: go-sqli-taint
	db.Query("SELECT * FROM users")
}
