import os, sqlite3, subprocess
from flask import Flask, request, redirect, make_response, render_template_string
from fastapi import FastAPI
app = Flask(__name__)
api = FastAPI()
import requests, urllib.request
from urllib.parse import quote

def api_url(path):
    return "http://" + path

@app.route("/fetch")
def fetch():
    url = request.args.get("url")
    # ruleid: python-ssrf-taint
    r = requests.get(url, timeout=5)
    # ruleid: python-ssrf-taint
    urllib.request.urlopen(api_url(request.args["host"]))
    # ok: python-ssrf-taint
    r = requests.get("https://api.example.com/search?q=" + quote(url), timeout=5)
    # ok: python-ssrf-taint
    r = requests.get("https://api.example.com/status", timeout=5)
    return r.text
