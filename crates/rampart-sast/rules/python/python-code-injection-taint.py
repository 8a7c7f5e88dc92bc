import os, sqlite3, subprocess
from flask import Flask, request, redirect, make_response, render_template_string
from fastapi import FastAPI
app = Flask(__name__)
api = FastAPI()
import ast

def wrap(expr):
    return "(" + expr + ")"

@app.route("/calc")
def calc():
    expr = request.args.get("expr")
    # ruleid: python-code-injection-taint
    result = eval(expr)
    # ruleid: python-code-injection-taint
    exec("value = " + wrap(request.form["code"]))
    # ok: python-code-injection-taint
    value = ast.literal_eval(expr)
    # ok: python-code-injection-taint
    total = eval("1 + 2")
    # ok: python-code-injection-taint
    n = eval(str(int(expr)))
    return str(result)
