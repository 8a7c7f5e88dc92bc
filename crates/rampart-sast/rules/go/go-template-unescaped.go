package main

import "html/template"

func render(body string) template.HTML {
	// ruleid: go-template-unescaped
	return template.HTML(body)
}

func renderOk() template.HTML {
	// ok: go-template-unescaped
	return template.HTML("<b>static</b>")
}
