import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
const anthropic = new Anthropic();
const openai = new OpenAI();

async function showAnswer(el, question) {
  const msg = await anthropic.messages.create({
    model: "claude-sonnet-4-5",
    max_tokens: 512,
    messages: [{ role: "user", content: question }],
  });
  // ruleid: js-llm-output-html
  el.innerHTML = msg.content[0].text;
  // ok: js-llm-output-html
  el.innerHTML = DOMPurify.sanitize(msg.content[0].text);
  // ok: js-llm-output-html
  el.textContent = msg.content[0].text;
}
