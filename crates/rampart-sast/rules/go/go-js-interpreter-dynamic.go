package main

import (
	"net/http"

	"github.com/robertkrimen/otto"
)

func calc(w http.ResponseWriter, r *http.Request) {
	vm := otto.New()
	script := r.FormValue("expr")
	// ruleid: go-js-interpreter-dynamic
	vm.Run(script)
	// ok: go-js-interpreter-dynamic
	vm.Run("var total = 1 + 2;")
	vm.Set("input", script)
}
