import json, logging, os, sqlite3, subprocess
import anthropic
from openai import OpenAI
from flask import Flask, request
app = Flask(__name__)
claude = anthropic.Anthropic()
oai = OpenAI()
log = logging.getLogger(__name__)

def handle_tool_calls(completion):
    for tc in completion.choices[0].message.tool_calls:
        args = json.loads(tc.function.arguments)
        # ruleid: python-llm-output-path
        with open(args["path"], "w") as f:
            f.write(args["content"])
        # ok: python-llm-output-path
        with open(os.path.join("/srv/sandbox", os.path.basename(args["path"])), "w") as f:
            f.write(args["content"])
        # ok: python-llm-output-path
        with open("/srv/sandbox/log.txt", "a") as f:
            f.write(args["content"])
