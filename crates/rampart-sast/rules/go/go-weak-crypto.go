package main

import (
	"crypto/des"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
)

func digest(data []byte, key []byte) {
	// ruleid: go-weak-crypto
	a := md5.Sum(data)
	// ruleid: go-weak-crypto
	h := sha1.New()
	// ruleid: go-weak-crypto
	c, _ := des.NewCipher(key)
	// ok: go-weak-crypto
	b := sha256.Sum256(data)
	_, _, _, _ = a, h, c, b
}
