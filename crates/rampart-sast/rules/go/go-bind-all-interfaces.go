package main

import "net"

func serve() {
	// ruleid: go-bind-all-interfaces
	ln, _ := net.Listen("tcp", "0.0.0.0:7000")
	// ruleid: go-bind-all-interfaces
	admin, _ := net.Listen("tcp", ":7001")
	// ok: go-bind-all-interfaces
	local, _ := net.Listen("tcp", "127.0.0.1:7002")
	_, _, _ = ln, admin, local
}
