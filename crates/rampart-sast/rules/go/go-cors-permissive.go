package main

import (
	"net/http"

	"github.com/rs/cors"
)

func withCors(w http.ResponseWriter, r *http.Request) {
	// ruleid: go-cors-permissive
	w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
	// ok: go-cors-permissive
	w.Header().Set("Access-Control-Allow-Origin", "https://app.example.com")
}

// ruleid: go-cors-permissive
var c = cors.New(cors.Options{AllowedOrigins: []string{"*"}, AllowCredentials: true})
