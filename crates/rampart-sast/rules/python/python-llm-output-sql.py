import json, logging, os, sqlite3, subprocess
import anthropic
from openai import OpenAI
from flask import Flask, request
app = Flask(__name__)
claude = anthropic.Anthropic()
oai = OpenAI()
log = logging.getLogger(__name__)

def answer(question):
    completion = oai.chat.completions.create(model="gpt-4o", max_tokens=300,
        messages=[{"role": "system", "content": "Write one SQLite query."},
                  {"role": "user", "content": question}])
    sql = completion.choices[0].message.content
    cur = sqlite3.connect("shop.db").cursor()
    # ruleid: python-llm-output-sql
    cur.execute(sql)
    # ok: python-llm-output-sql
    cur.execute("SELECT name FROM products WHERE name = ?", (sql,))
    return cur.fetchall()
