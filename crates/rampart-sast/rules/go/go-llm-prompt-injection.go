package main

import (
	"net/http"

	"github.com/openai/openai-go"
)

func chat(w http.ResponseWriter, r *http.Request) {
	persona := r.FormValue("persona")
	msgs := []openai.ChatCompletionMessageParamUnion{
		// ruleid: go-llm-prompt-injection
		openai.SystemMessage("You are a helpful assistant. Persona: " + persona),
		// ok: go-llm-prompt-injection
		openai.SystemMessage("You are a helpful assistant."),
		openai.UserMessage(r.FormValue("q")),
	}
	_ = msgs
}
