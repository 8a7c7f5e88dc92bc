package main

import (
	"embed"
	"log"
	"net/http"
)

//go:embed public
var public embed.FS

func serveAssets() {
	// ruleid: go-fs-directory-listing
	http.Handle("/assets/", http.StripPrefix("/assets/", http.FileServer(http.Dir("./assets"))))
}

func serveUploads() {
	// ruleid: go-fs-directory-listing
	files := http.FileServer(http.Dir("/var/uploads"))
	log.Fatal(http.ListenAndServe(":8080", files))
}

func serveIndex() {
	// ok: go-fs-directory-listing
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		http.ServeFile(w, r, "./public/index.html")
	})
}
