package main

import (
	"context"

	"github.com/openai/openai-go"
)

func ask(ctx context.Context, client openai.Client, msgs []openai.ChatCompletionMessageParamUnion) {
	// ruleid: go-llm-no-max-tokens
	client.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{Model: openai.ChatModelGPT4o, Messages: msgs})
	// ok: go-llm-no-max-tokens
	client.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{Model: openai.ChatModelGPT4o, Messages: msgs, MaxCompletionTokens: openai.Int(300)})
}
