package main

import (
	"database/sql"
	"os"

	"github.com/golang-jwt/jwt/v5"
)

// ruleid: go-hardcoded-credential
var jwtKey = []byte("my-secret-signing-key")

// ok: go-hardcoded-credential
var apiKey = os.Getenv("API_KEY")

func sign(t *jwt.Token) (string, error) {
	// ruleid: go-hardcoded-credential
	return t.SignedString([]byte("another-secret"))
}

func open() (*sql.DB, error) {
	// ruleid: go-hardcoded-credential
	return sql.Open("postgres", "postgres://app:Sup3rS3cret@db:5432/app")
}
