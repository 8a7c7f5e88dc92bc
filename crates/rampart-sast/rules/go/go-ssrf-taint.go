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

func proxy(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("url")
	// ruleid: go-ssrf-taint
	resp, _ := http.Get(target)
	// ruleid: go-ssrf-taint
	req, _ := http.NewRequest("GET", "http://"+r.FormValue("host")+"/status", nil)
	// ok: go-ssrf-taint
	ok, _ := http.Get("https://api.example.com/status")
	fmt.Println(resp, req, ok)
}
