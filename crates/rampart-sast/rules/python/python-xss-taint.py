import os, sqlite3, subprocess
from flask import Flask, request, redirect, make_response, render_template_string
from fastapi import FastAPI
app = Flask(__name__)
api = FastAPI()
from markupsafe import Markup, escape
from flask import render_template, jsonify
from django.http import HttpResponse
from django.utils.safestring import mark_safe

def greeting(name):
    return "<h1>Hello " + name + "</h1>"

@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    # ruleid: python-xss-taint
    return make_response("<h1>Hello " + name + "</h1>")

@app.route("/hello2")
def hello2():
    # ruleid: python-xss-taint
    return greeting(request.args["name"])

@app.route("/hello3")
def hello3():
    name = request.args.get("name", "")
    # ok: python-xss-taint
    return "<h1>Hello " + escape(name) + "</h1>"

@app.route("/hello4")
def hello4():
    name = request.args.get("name", "")
    # ok: python-xss-taint
    return render_template("hello.html", name=name)

@app.route("/hello5")
def hello5():
    # ok: python-xss-taint
    return "<h1>Hello world</h1>"

def django_view(request):
    q = request.GET.get("q", "")
    # ruleid: python-xss-taint
    banner = mark_safe("<b>" + q + "</b>")
    # ruleid: python-xss-taint
    return HttpResponse("Results for " + q)

def django_view_ok(request):
    # ok: python-xss-taint
    return HttpResponse("Results")
