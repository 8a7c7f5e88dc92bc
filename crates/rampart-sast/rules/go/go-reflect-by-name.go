package main

import (
	"net/http"
	"reflect"
)

type Service struct{}

func dispatch(w http.ResponseWriter, r *http.Request) {
	svc := reflect.ValueOf(&Service{})
	op := r.FormValue("op")
	// ruleid: go-reflect-by-name
	svc.MethodByName(op).Call(nil)
	// ok: go-reflect-by-name
	svc.MethodByName("Status").Call(nil)
}
