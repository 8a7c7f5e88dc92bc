import os, sqlite3, subprocess
from flask import Flask, request, redirect, make_response, render_template_string
from fastapi import FastAPI
app = Flask(__name__)
api = FastAPI()
import jinja2

@app.route("/greet")
def greet():
    name = request.args.get("name", "")
    # ruleid: python-ssti-taint
    return render_template_string("<h1>Hello " + name + "</h1>")

@app.route("/greet2")
def greet2():
    name = request.args.get("name", "")
    # ok: python-ssti-taint
    return render_template_string("<h1>Hello {{ name }}</h1>", name=name)

@app.route("/greet3")
def greet3():
    # ruleid: python-ssti-taint
    tpl = jinja2.Template(request.form["template"])
    return tpl.render()
