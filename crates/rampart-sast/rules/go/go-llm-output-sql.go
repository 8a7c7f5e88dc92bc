package main

import (
	"context"
	"database/sql"

	"github.com/openai/openai-go"
)

func answer(ctx context.Context, client openai.Client, db *sql.DB, q string) {
	resp, _ := client.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{
		Model:               openai.ChatModelGPT4o,
		MaxCompletionTokens: openai.Int(300),
		Messages:            []openai.ChatCompletionMessageParamUnion{openai.UserMessage(q)},
	})
	query := resp.Choices[0].Message.Content
	// ruleid: go-llm-output-sql
	db.QueryContext(ctx, query)
	// ok: go-llm-output-sql
	db.QueryContext(ctx, "SELECT answer FROM faq WHERE topic = $1", query)
}
