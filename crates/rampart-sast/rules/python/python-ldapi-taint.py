import os, sqlite3, subprocess
from flask import Flask, request, redirect, make_response, render_template_string
from fastapi import FastAPI
app = Flask(__name__)
api = FastAPI()
import ldap
from ldap.filter import escape_filter_chars

@app.route("/lookup")
def lookup():
    conn = ldap.initialize("ldap://ldap.example.com")
    user = request.args.get("user")
    # ruleid: python-ldapi-taint
    conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=" + user + ")")
    # ok: python-ldapi-taint
    conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=" + escape_filter_chars(user) + ")")
    # ok: python-ldapi-taint
    conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, "(objectClass=person)")
    return "ok"
