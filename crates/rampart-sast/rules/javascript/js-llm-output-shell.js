import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
const anthropic = new Anthropic();
const openai = new OpenAI();
import { execSync, execFileSync } from "child_process";

async function suggest(goal) {
  const completion = await openai.chat.completions.create({
    model: "gpt-4o",
    max_tokens: 200,
    messages: [{ role: "user", content: "Shell command for: " + goal }],
  });
  const cmd = completion.choices[0].message.content;
  // ruleid: js-llm-output-shell
  execSync(cmd);
  // ok: js-llm-output-shell
  execFileSync("echo", [cmd]);
}
