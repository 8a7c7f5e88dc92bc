package main

import (
	"context"
	"os/exec"

	"github.com/openai/openai-go"
)

func run(ctx context.Context, client openai.Client, goal string) {
	resp, _ := client.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{
		Model:               openai.ChatModelGPT4o,
		MaxCompletionTokens: openai.Int(200),
		Messages:            []openai.ChatCompletionMessageParamUnion{openai.UserMessage("Command for: " + goal)},
	})
	cmd := resp.Choices[0].Message.Content
	// ruleid: go-llm-output-command
	exec.Command("sh", "-c", cmd).Run()
	// ok: go-llm-output-command
	exec.Command("uptime").Run()
}
