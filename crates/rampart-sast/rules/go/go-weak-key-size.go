package main

import (
	"crypto/rand"
	"crypto/rsa"
)

func keys() {
	// ruleid: go-weak-key-size
	k1, _ := rsa.GenerateKey(rand.Reader, 1024)
	// ok: go-weak-key-size
	k2, _ := rsa.GenerateKey(rand.Reader, 3072)
	_, _ = k1, k2
}
