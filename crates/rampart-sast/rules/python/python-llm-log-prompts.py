import json, logging, os, sqlite3, subprocess
import anthropic
from openai import OpenAI
from flask import Flask, request
app = Flask(__name__)
claude = anthropic.Anthropic()
oai = OpenAI()
log = logging.getLogger(__name__)

def ask(question):
    resp = claude.messages.create(model="claude-sonnet-4-5", max_tokens=512,
                                  messages=[{"role": "user", "content": question}])
    text = resp.content[0].text
    # ruleid: python-llm-log-prompts
    log.info("model answer: %s", text)
    # ok: python-llm-log-prompts
    log.info("model call ok: %d output tokens", resp.usage.output_tokens)
    return text
