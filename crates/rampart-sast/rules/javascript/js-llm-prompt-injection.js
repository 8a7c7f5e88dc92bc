import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
const anthropic = new Anthropic();
const openai = new OpenAI();
import express from "express";
const app = express();

app.post("/chat", async (req, res) => {
  const msg = await anthropic.messages.create({
    model: "claude-sonnet-4-5",
    max_tokens: 1024,
    // ruleid: js-llm-prompt-injection
    system: "You are a helpful assistant. Persona: " + req.body.persona,
    // ok: js-llm-prompt-injection
    messages: [{ role: "user", content: req.body.question }],
  });
  const completion = await openai.chat.completions.create({
    model: "gpt-4o",
    max_tokens: 512,
    messages: [
      // ruleid: js-llm-prompt-injection
      { role: "system", content: `Answer as ${req.query.style}` },
      // ok: js-llm-prompt-injection
      { role: "system", content: "You are a support agent." },
    ],
  });
  res.json({ a: msg.content[0].text, b: completion.choices[0].message.content });
});
