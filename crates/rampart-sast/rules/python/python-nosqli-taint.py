import os, sqlite3, subprocess
from flask import Flask, request, redirect, make_response, render_template_string
from fastapi import FastAPI
app = Flask(__name__)
api = FastAPI()
from pymongo import MongoClient
db = MongoClient().app

@app.route("/login", methods=["POST"])
def login():
    body = request.get_json()
    # ruleid: python-nosqli-taint
    user = db.users.find_one({"user": body["user"], "password": body["password"]})
    # ok: python-nosqli-taint
    user = db.users.find_one({"user": str(body["user"]), "password": str(body["password"])})
    # ruleid: python-nosqli-taint
    db.users.find({"$where": "this.name == '" + request.args["n"] + "'"})
    # ok: python-nosqli-taint
    db.users.find({"active": True})
    return "ok"
