import os, sqlite3, subprocess
from flask import Flask, request, redirect, make_response, render_template_string
from fastapi import FastAPI
app = Flask(__name__)
api = FastAPI()

def build_query(name):
    return "SELECT * FROM users WHERE name = '" + name + "'"

def current_user_name():
    return request.args.get("user")

@app.route("/users")
def users():
    db = sqlite3.connect("app.db")
    cur = db.cursor()
    name = request.args.get("name")
    # ruleid: python-sqli-taint
    cur.execute("SELECT * FROM users WHERE name = '%s'" % name)
    query = f"SELECT * FROM users WHERE email = '{request.form['email']}'"
    # ruleid: python-sqli-taint
    cur.execute(query)
    # ruleid: python-sqli-taint
    cur.execute(build_query(request.args["name"]))
    # todoruleid: python-sqli-taint
    cur.execute("SELECT * FROM users WHERE name = '" + current_user_name() + "'")
    # ok: python-sqli-taint
    cur.execute("SELECT * FROM users WHERE name = ?", (name,))
    # ok: python-sqli-taint
    cur.execute("SELECT * FROM users WHERE id = %d" % int(request.args["id"]))
    # ok: python-sqli-taint
    cur.execute("SELECT * FROM users WHERE id = " + str(42))
    return "ok"

@api.get("/items/{item}")
async def items(item: str, db=None):
    # ruleid: python-sqli-taint
    db.execute(sqlalchemy.text(f"SELECT * FROM items WHERE name = '{item}'"))
    # ok: python-sqli-taint
    db.execute(sqlalchemy.text("SELECT * FROM items WHERE name = :n"), {"n": item})

def django_view(request):
    order = request.GET.get("order", "id")
    # ruleid: python-sqli-taint
    rows = User.objects.raw("SELECT * FROM auth_user ORDER BY %s" % order)
    # ok: python-sqli-taint
    rows = User.objects.raw("SELECT * FROM auth_user WHERE id = %s", [order])
    return rows
