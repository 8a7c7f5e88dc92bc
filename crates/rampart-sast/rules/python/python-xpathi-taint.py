import os, sqlite3, subprocess
from flask import Flask, request, redirect, make_response, render_template_string
from fastapi import FastAPI
app = Flask(__name__)
api = FastAPI()
from lxml import etree
tree = etree.parse("users.xml")

@app.route("/user")
def user():
    name = request.args.get("name")
    # ruleid: python-xpathi-taint
    nodes = tree.xpath("//user[@name='" + name + "']")
    # ok: python-xpathi-taint
    nodes = tree.xpath("//user[@name=$name]", name=name)
    # ok: python-xpathi-taint
    nodes = tree.xpath("//user[@active='true']")
    return str(nodes)
