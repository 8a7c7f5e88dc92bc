import os, sqlite3, subprocess
from flask import Flask, request, redirect, make_response, render_template_string
from fastapi import FastAPI
app = Flask(__name__)
api = FastAPI()
from werkzeug.utils import secure_filename
from flask import send_file, send_from_directory
BASE = "/srv/files"

def user_path(name):
    return os.path.join(BASE, name)

@app.route("/download")
def download():
    name = request.args.get("name")
    # ruleid: python-path-traversal-taint
    data = open("/srv/files/" + name).read()
    # ruleid: python-path-traversal-taint
    return send_file(user_path(request.args["file"]))

@app.route("/download2")
def download2():
    name = request.args.get("name")
    # ok: python-path-traversal-taint
    data = open(os.path.join(BASE, secure_filename(name))).read()
    # ok: python-path-traversal-taint
    data = open(os.path.join(BASE, os.path.basename(name))).read()
    # ok: python-path-traversal-taint
    config = open("/etc/app/config.ini").read()
    # ok: python-path-traversal-taint
    return send_from_directory(BASE, name)

@api.delete("/files/{name}")
def remove(name: str):
    # ruleid: python-path-traversal-taint
    os.remove(f"/srv/uploads/{name}")
