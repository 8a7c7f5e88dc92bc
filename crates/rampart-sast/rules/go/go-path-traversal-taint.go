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

func userPath(name string) string {
	return filepath.Join("/srv/files", name)
}

func download(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ruleid: go-path-traversal-taint
	data, _ := os.ReadFile(filepath.Join("/srv/files", name))
	// ruleid: go-path-traversal-taint
	http.ServeFile(w, r, userPath(r.FormValue("f")))
	// ok: go-path-traversal-taint
	safe, _ := os.ReadFile(filepath.Join("/srv/files", filepath.Base(name)))
	// ok: go-path-traversal-taint
	conf, _ := os.ReadFile("/etc/app/config.yaml")
	w.Write(append(append(data, safe...), conf...))
}
