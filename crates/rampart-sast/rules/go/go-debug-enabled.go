package main

// ruleid: go-debug-enabled
import _ "net/http/pprof"

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

func main() {
	// ruleid: go-debug-enabled
	gin.SetMode(gin.DebugMode)
	// ok: go-debug-enabled
	gin.SetMode(gin.ReleaseMode)
	http.ListenAndServe(":8080", nil)
}
