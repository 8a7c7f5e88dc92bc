import json, logging, os, sqlite3, subprocess
import anthropic
from openai import OpenAI
from flask import Flask, request
app = Flask(__name__)
claude = anthropic.Anthropic()
oai = OpenAI()
log = logging.getLogger(__name__)

def suggest_and_run(goal):
    resp = claude.messages.create(model="claude-sonnet-4-5", max_tokens=256,
                                  messages=[{"role": "user", "content": "Shell command for: " + goal}])
    cmd = resp.content[0].text.strip()
    # ruleid: python-llm-output-shell
    subprocess.run(cmd, shell=True)
    # ok: python-llm-output-shell
    subprocess.run(["echo", cmd])
    # ok: python-llm-output-shell
    os.system("uptime")
