from openai import OpenAI
from langchain_openai import ChatOpenAI
client = OpenAI()

def ask(messages):
    # ruleid: python-llm-no-max-tokens
    a = client.chat.completions.create(model="gpt-4o", messages=messages)
    # ok: python-llm-no-max-tokens
    b = client.chat.completions.create(model="gpt-4o", messages=messages, max_completion_tokens=500)
    # ruleid: python-llm-no-max-tokens
    c = client.responses.create(model="gpt-4o", input="hi")
    # ruleid: python-llm-no-max-tokens
    llm = ChatOpenAI(model="gpt-4o")
    # ok: python-llm-no-max-tokens
    llm2 = ChatOpenAI(model="gpt-4o", max_tokens=400)
    return a, b, c, llm, llm2
