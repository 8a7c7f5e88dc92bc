import os
import anthropic
client = anthropic.Anthropic()

def billing_agent(question):
    return client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=512,
        # ruleid: python-llm-secret-in-prompt
        system=f"You can call the billing API with key {os.environ['STRIPE_API_KEY']}.",
        messages=[{"role": "user", "content": question}],
    )

API_TOKEN = os.environ["API_TOKEN"]

def ops_agent(question):
    # ruleid: python-llm-secret-in-prompt
    system_prompt = "You administer the cluster. The admin password is: Hunter2-Prod-77"
    return client.messages.create(model="claude-sonnet-4-5", max_tokens=512, system=system_prompt,
                                  messages=[{"role": "user", "content": question}])

def support_agent(question):
    return client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=512,
        # ok: python-llm-secret-in-prompt
        system=f"You are the support agent for {os.environ['COMPANY_NAME']}.",
        messages=[{"role": "user", "content": question}],
    )
