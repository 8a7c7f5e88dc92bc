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

func page(name string) string {
	return "<h1>Hello " + name + "</h1>"
}

func hello(w http.ResponseWriter, r *http.Request) {
	name := r.FormValue("name")
	// ruleid: go-xss-taint
	fmt.Fprintf(w, "<h1>Hello %s</h1>", name)
	// ruleid: go-xss-taint
	w.Write([]byte(page(r.URL.Query().Get("n"))))
	// ok: go-xss-taint
	fmt.Fprintf(w, "<h1>Hello %s</h1>", html.EscapeString(name))
	// ok: go-xss-taint
	fmt.Fprintf(w, "<h1>Hello world</h1>")
}
