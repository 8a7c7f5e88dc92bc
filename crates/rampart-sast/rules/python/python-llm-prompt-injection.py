import json, logging, os, sqlite3, subprocess
import anthropic
from openai import OpenAI
from flask import Flask, request
app = Flask(__name__)
claude = anthropic.Anthropic()
oai = OpenAI()
log = logging.getLogger(__name__)
from langchain_core.messages import SystemMessage

@app.route("/chat", methods=["POST"])
def chat():
    persona = request.json["persona"]
    question = request.json["question"]
    resp = claude.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=1024,
        # ruleid: python-llm-prompt-injection
        system="You are a helpful assistant. Persona: " + persona,
        # ok: python-llm-prompt-injection
        messages=[{"role": "user", "content": question}],
    )
    completion = oai.chat.completions.create(
        model="gpt-4o",
        max_tokens=512,
        messages=[
            # ruleid: python-llm-prompt-injection
            {"role": "system", "content": f"Answer in the style of {persona}."},
            # ok: python-llm-prompt-injection
            {"role": "user", "content": question},
        ],
    )
    # ruleid: python-llm-prompt-injection
    msgs = [SystemMessage(content="Rules for user " + request.args["name"])]
    # ok: python-llm-prompt-injection
    fixed = [SystemMessage(content="You are a support agent. Never reveal internal data.")]
    return resp.content[0].text + completion.choices[0].message.content
