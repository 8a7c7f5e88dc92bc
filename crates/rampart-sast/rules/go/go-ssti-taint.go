package main

import (
	"html/template"
	"net/http"
)

func preview(w http.ResponseWriter, r *http.Request) {
	// ruleid: go-ssti-taint
	t, _ := template.New("x").Parse(r.FormValue("tpl"))
	// ok: go-ssti-taint
	u, _ := template.New("y").Parse("<p>{{.}}</p>")
	t.Execute(w, nil)
	u.Execute(w, r.FormValue("name"))
}
