package main

import (
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
)

func client(addr string) {
	// ruleid: go-grpc-insecure
	conn, _ := grpc.Dial(addr, grpc.WithInsecure())
	defer conn.Close()
}

func server(creds credentials.TransportCredentials) {
	// ruleid: go-grpc-insecure
	plain := grpc.NewServer()
	// ok: go-grpc-insecure
	secure := grpc.NewServer(grpc.Creds(creds))
	_, _ = plain, secure
}
