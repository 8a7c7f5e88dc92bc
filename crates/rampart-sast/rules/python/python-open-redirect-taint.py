import os, sqlite3, subprocess
from flask import Flask, request, redirect, make_response, render_template_string
from fastapi import FastAPI
app = Flask(__name__)
api = FastAPI()
from flask import url_for
from django.shortcuts import redirect as dj_redirect
from django.utils.http import url_has_allowed_host_and_scheme

@app.route("/login")
def login():
    nxt = request.args.get("next", "/")
    # ruleid: python-open-redirect-taint
    return redirect(nxt)

@app.route("/logout")
def logout():
    # ok: python-open-redirect-taint
    return redirect(url_for("index"))

@app.route("/go")
def go():
    # ok: python-open-redirect-taint
    return redirect("/home")

def django_login(request):
    nxt = request.GET.get("next", "/")
    if url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        # ok: python-open-redirect-taint
        return dj_redirect(nxt)
    # ruleid: python-open-redirect-taint
    return dj_redirect(request.POST["back"])
