package main

import "net/http"

func login(w http.ResponseWriter, r *http.Request) {
	// ruleid: go-insecure-cookie
	http.SetCookie(w, &http.Cookie{Name: "session", Value: "abc"})
	// ok: go-insecure-cookie
	http.SetCookie(w, &http.Cookie{Name: "session", Value: "abc", Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}
