import Anthropic from "@anthropic-ai/sdk";
const anthropic = new Anthropic();

async function billing(question) {
  return anthropic.messages.create({
    model: "claude-sonnet-4-5",
    max_tokens: 512,
    // ruleid: js-llm-secret-in-prompt
    system: `You may call the billing API with key ${process.env.STRIPE_API_KEY}.`,
    messages: [{ role: "user", content: question }],
  });
}

async function support(question) {
  return anthropic.messages.create({
    model: "claude-sonnet-4-5",
    max_tokens: 512,
    // ok: js-llm-secret-in-prompt
    system: `You are the support agent for ${process.env.COMPANY_NAME}.`,
    messages: [{ role: "user", content: question }],
  });
}
