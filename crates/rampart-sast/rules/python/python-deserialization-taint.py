import os, sqlite3, subprocess
from flask import Flask, request, redirect, make_response, render_template_string
from fastapi import FastAPI
app = Flask(__name__)
api = FastAPI()
import base64, json, pickle, yaml

def decode(blob):
    return base64.b64decode(blob)

@app.route("/restore", methods=["POST"])
def restore():
    # ruleid: python-deserialization-taint
    state = pickle.loads(decode(request.cookies["state"]))
    # ruleid: python-deserialization-taint
    cfg = yaml.load(request.data, Loader=yaml.Loader)
    # ok: python-deserialization-taint
    cfg = yaml.safe_load(request.data)
    # ok: python-deserialization-taint
    data = json.loads(request.data)
    # ok: python-deserialization-taint
    defaults = pickle.loads(b"\x80\x04K\x01.")
    return "ok"
