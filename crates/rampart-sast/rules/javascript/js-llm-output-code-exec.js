import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
const anthropic = new Anthropic();
const openai = new OpenAI();

async function runGenerated(task) {
  const msg = await anthropic.messages.create({
    model: "claude-sonnet-4-5",
    max_tokens: 1024,
    messages: [{ role: "user", content: task }],
  });
  const code = msg.content[0].text;
  // ruleid: js-llm-output-code-exec
  eval(code);
  // ok: js-llm-output-code-exec
  const plan = JSON.parse(code);
  return plan;
}
