import OpenAI from "openai";
const openai = new OpenAI();

async function ask(messages) {
  // ruleid: js-llm-no-max-tokens
  const a = await openai.chat.completions.create({ model: "gpt-4o", messages });
  // ok: js-llm-no-max-tokens
  const b = await openai.chat.completions.create({ model: "gpt-4o", messages, max_completion_tokens: 400 });
  return [a, b];
}
