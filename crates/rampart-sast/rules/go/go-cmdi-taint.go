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

func shellLine(host string) string {
	return "ping -c 1 " + host
}

func ping(w http.ResponseWriter, r *http.Request) {
	host := r.FormValue("host")
	// ruleid: go-cmdi-taint
	exec.Command("sh", "-c", "ping -c 1 "+host).Run()
	// ruleid: go-cmdi-taint
	exec.Command("bash", "-c", shellLine(r.URL.Query().Get("h"))).Run()
	// ok: go-cmdi-taint
	exec.Command("ping", "-c", "1", "example.com").Run()
	// ok: go-cmdi-taint
	exec.Command("uptime").Run()
}
