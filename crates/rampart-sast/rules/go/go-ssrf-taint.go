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

func status(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{}
	id := r.URL.Query().Get("id")
	// ok: go-ssrf-taint
	resp, _ := client.Get("https://api.example.com/items/" + id)
	// ok: go-ssrf-taint
	resp2, _ := http.Get(fmt.Sprintf("https://api.example.com/items/%s", id))
	// ruleid: go-ssrf-taint
	resp3, _ := client.Get(fmt.Sprintf("https://%s/items", id))
	fmt.Println(resp, resp2, resp3)
}
