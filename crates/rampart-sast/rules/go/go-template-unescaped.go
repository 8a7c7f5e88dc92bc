package main

import (
	"fmt"
	"html/template"
	"log"
	"os"
)

func render(body string) template.HTML {
	// ruleid: go-template-unescaped
	return template.HTML(body)
}

func renderOk() template.HTML {
	// ok: go-template-unescaped
	return template.HTML("<b>static</b>")
}

func banner(name string) template.HTML {
	// ruleid: go-template-unescaped
	markup := "<h1>Welcome " + name + "</h1>"
	log.Println("rendering banner")
	// ruleid: go-template-unescaped
	return template.HTML(markup)
}

func bannerOk() template.HTML {
	// ok: go-template-unescaped
	markup := "<h1>Welcome</h1>"
	return template.HTML(markup)
}

// ruleid: go-template-unescaped
var footer template.HTML = template.HTML(fmt.Sprintf("<p>%s</p>", os.Getenv("FOOTER")))

// ok: go-template-unescaped
const header template.HTML = "<header>static</header>"
