package main

import "github.com/golang-jwt/jwt/v5"

func issue(claims jwt.MapClaims, key []byte) (string, string) {
	// ruleid: go-jwt-none-alg
	unsigned := jwt.NewWithClaims(jwt.SigningMethodNone, claims)
	// ruleid: go-jwt-none-alg
	a, _ := unsigned.SignedString(jwt.UnsafeAllowNoneSignatureType)
	// ok: go-jwt-none-alg
	signed := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	b, _ := signed.SignedString(key)
	return a, b
}
