import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
const anthropic = new Anthropic();
const openai = new OpenAI();

async function ask(q) {
  const completion = await openai.chat.completions.create({ model: "gpt-4o", max_tokens: 300, messages: [{ role: "user", content: q }] });
  // ruleid: js-llm-log-prompts
  console.log("answer:", completion.choices[0].message.content);
  // ok: js-llm-log-prompts
  console.log("tokens:", completion.usage.total_tokens);
  return completion;
}
