package main

import (
	"net/http"
	"os"
	"path/filepath"
)

func download(w http.ResponseWriter, r *http.Request) {
	// ruleid: go-path-clean-request
	name := filepath.Clean(r.URL.Query().Get("file"))
	data, _ := os.ReadFile(filepath.Join("/srv/files", name))
	// ok: go-path-clean-request
	rooted := filepath.Clean("/" + r.URL.Query().Get("file"))
	w.Write(data)
	_ = rooted
}
