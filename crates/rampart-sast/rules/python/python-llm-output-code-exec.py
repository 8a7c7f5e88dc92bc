import json, logging, os, sqlite3, subprocess
import anthropic
from openai import OpenAI
from flask import Flask, request
app = Flask(__name__)
claude = anthropic.Anthropic()
oai = OpenAI()
log = logging.getLogger(__name__)

def run_generated(task):
    resp = claude.messages.create(model="claude-sonnet-4-5", max_tokens=1024,
                                  messages=[{"role": "user", "content": task}])
    code = resp.content[0].text
    # ruleid: python-llm-output-code-exec
    exec(code)
    # ok: python-llm-output-code-exec
    exec("print('done')")

def compute(question):
    completion = oai.chat.completions.create(model="gpt-4o", max_tokens=200,
                                             messages=[{"role": "user", "content": question}])
    expr = completion.choices[0].message.content
    # ruleid: python-llm-output-code-exec
    return eval(expr)

def compute_safe(question):
    completion = oai.chat.completions.create(model="gpt-4o", max_tokens=200,
                                             messages=[{"role": "user", "content": question}])
    # ok: python-llm-output-code-exec
    return json.loads(completion.choices[0].message.content)
