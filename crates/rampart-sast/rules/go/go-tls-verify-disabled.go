package main

import (
	"crypto/tls"
	"net/http"
)

func client() *http.Client {
	// ruleid: go-tls-verify-disabled
	cfg := &tls.Config{InsecureSkipVerify: true}
	// ok: go-tls-verify-disabled
	good := &tls.Config{MinVersion: tls.VersionTLS12}
	_ = good
	return &http.Client{Transport: &http.Transport{TLSClientConfig: cfg}}
}
