package main

import (
	"compress/gzip"
	"io"
	"os"
)

func unpack(in io.Reader, out *os.File) {
	zr, err := gzip.NewReader(in)
	if err != nil {
		return
	}
	// ruleid: go-decompression-bomb
	io.Copy(out, zr)
	// ok: go-decompression-bomb
	io.Copy(out, io.LimitReader(zr, 10<<20))
}
