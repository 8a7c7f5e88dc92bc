package main

import (
	"fmt"
	"math/rand"
)

func issue() (string, int) {
	// ruleid: go-insecure-random
	resetToken := fmt.Sprintf("%d", rand.Int63())
	// ok: go-insecure-random
	jitter := rand.Intn(100)
	return resetToken, jitter
}
