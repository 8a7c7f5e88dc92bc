import json, logging, os, sqlite3, subprocess
import anthropic
from openai import OpenAI
from flask import Flask, request
app = Flask(__name__)
claude = anthropic.Anthropic()
oai = OpenAI()
log = logging.getLogger(__name__)
from markupsafe import Markup, escape

@app.route("/summary")
def summary():
    resp = claude.messages.create(model="claude-sonnet-4-5", max_tokens=512,
                                  messages=[{"role": "user", "content": "Summarise the page"}])
    # ruleid: python-llm-output-html
    return Markup("<div>" + resp.content[0].text + "</div>")

@app.route("/summary2")
def summary2():
    resp = claude.messages.create(model="claude-sonnet-4-5", max_tokens=512,
                                  messages=[{"role": "user", "content": "Summarise the page"}])
    # ok: python-llm-output-html
    return Markup("<div>") + escape(resp.content[0].text) + Markup("</div>")
