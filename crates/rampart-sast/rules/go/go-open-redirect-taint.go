package main

import "net/http"

func login(w http.ResponseWriter, r *http.Request) {
	// ruleid: go-open-redirect-taint
	http.Redirect(w, r, r.URL.Query().Get("next"), http.StatusFound)
	// ok: go-open-redirect-taint
	http.Redirect(w, r, "/home", http.StatusFound)
}
