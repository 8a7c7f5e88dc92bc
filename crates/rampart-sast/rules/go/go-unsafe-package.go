package main

import (
	"encoding/binary"
	"unsafe"
)

func peek(buf []byte, off uintptr) byte {
	// ruleid: go-unsafe-package
	return *(*byte)(unsafe.Add(unsafe.Pointer(&buf[0]), off))
}

func peekSafe(buf []byte, off int) uint32 {
	// ok: go-unsafe-package
	return binary.LittleEndian.Uint32(buf[off:])
}
