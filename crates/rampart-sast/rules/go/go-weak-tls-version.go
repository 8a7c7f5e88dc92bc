package main

import "crypto/tls"

func cfg() (*tls.Config, *tls.Config) {
	// ruleid: go-weak-tls-version
	a := &tls.Config{MinVersion: tls.VersionTLS10}
	// ok: go-weak-tls-version
	b := &tls.Config{MinVersion: tls.VersionTLS12}
	return a, b
}
