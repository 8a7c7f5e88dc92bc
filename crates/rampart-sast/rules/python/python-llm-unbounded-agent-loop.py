import anthropic
from langchain.agents import AgentExecutor
client = anthropic.Anthropic()

def agent(messages, tools):
    # ruleid: python-llm-unbounded-agent-loop
    while True:
        resp = client.messages.create(model="claude-sonnet-4-5", max_tokens=1024, tools=tools, messages=messages)
        if resp.stop_reason != "tool_use":
            return resp
        messages.append({"role": "assistant", "content": resp.content})

def bounded_agent(messages, tools):
    steps = 0
    # ok: python-llm-unbounded-agent-loop
    while True:
        steps += 1
        if steps >= 10:
            raise RuntimeError("too many steps")
        resp = client.messages.create(model="claude-sonnet-4-5", max_tokens=1024, tools=tools, messages=messages)
        if resp.stop_reason != "tool_use":
            return resp

def executor(agent, tools):
    # ruleid: python-llm-unbounded-agent-loop
    return AgentExecutor(agent=agent, tools=tools, max_iterations=None)
