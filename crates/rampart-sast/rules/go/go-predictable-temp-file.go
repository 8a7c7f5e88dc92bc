package main

import "os"

func export(data []byte) {
	// ruleid: go-predictable-temp-file
	os.WriteFile("/tmp/export.csv", data, 0644)
	f, _ := os.CreateTemp("", "export-*.csv")
	// ok: go-predictable-temp-file
	os.WriteFile(f.Name(), data, 0600)
	// ok: go-predictable-temp-file
	os.WriteFile("/srv/app/export.csv", data, 0600)
}
