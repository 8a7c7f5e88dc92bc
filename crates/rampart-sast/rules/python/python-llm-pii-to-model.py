import json, logging, os, sqlite3, subprocess
import anthropic
from openai import OpenAI
from flask import Flask, request
app = Flask(__name__)
claude = anthropic.Anthropic()
oai = OpenAI()
log = logging.getLogger(__name__)

def mask(value):
    return "***" + str(value)[-4:]

def check_application(user):
    # ruleid: python-llm-pii-to-model
    resp = claude.messages.create(model="claude-sonnet-4-5", max_tokens=512, messages=[
        {"role": "user", "content": f"Is this applicant eligible? SSN {user.ssn}, born {user.date_of_birth}"}])
    # ok: python-llm-pii-to-model
    resp2 = claude.messages.create(model="claude-sonnet-4-5", max_tokens=512, messages=[
        {"role": "user", "content": f"Is this applicant eligible? SSN ending {mask(user.ssn)}, income {user.income}"}])
    return resp, resp2

def summarise(record):
    # ruleid: python-llm-pii-to-model
    return oai.chat.completions.create(model="gpt-4o", max_tokens=300, messages=[
        {"role": "user", "content": "Summarise: " + record["diagnosis"]}])
