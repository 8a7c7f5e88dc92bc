import os, sqlite3, subprocess
from flask import Flask, request, redirect, make_response, render_template_string
from fastapi import FastAPI
app = Flask(__name__)
api = FastAPI()
import shlex

def ping_command(host):
    return "ping -c 1 " + host

@app.route("/ping")
def ping():
    host = request.args.get("host")
    # ruleid: python-cmdi-taint
    os.system("ping -c 1 " + host)
    # ruleid: python-cmdi-taint
    out = subprocess.check_output(f"nslookup {host}", shell=True)
    # ruleid: python-cmdi-taint
    subprocess.run(ping_command(request.form["h"]), shell=True)
    # ruleid: python-cmdi-taint
    subprocess.call(["bash", "-c", "dig " + host])
    # ok: python-cmdi-taint
    subprocess.run(["ping", "-c", "1", "--", host])
    # ok: python-cmdi-taint
    os.system("ping -c 1 " + shlex.quote(host))
    # ok: python-cmdi-taint
    os.system("uptime")
    return out

@api.post("/convert/{name}")
def convert(name: str):
    # ruleid: python-cmdi-taint
    os.popen("convert /data/%s.png out.jpg" % name)
