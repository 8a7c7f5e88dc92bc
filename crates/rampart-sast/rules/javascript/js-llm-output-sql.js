import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
const anthropic = new Anthropic();
const openai = new OpenAI();

async function ask(db, question) {
  const completion = await openai.chat.completions.create({
    model: "gpt-4o",
    max_tokens: 300,
    messages: [{ role: "user", content: question }],
  });
  const sql = completion.choices[0].message.content;
  // ruleid: js-llm-output-sql
  const rows = await db.query(sql);
  // ok: js-llm-output-sql
  const safe = await db.query("SELECT * FROM faq WHERE topic = $1", [sql]);
  return [rows, safe];
}
