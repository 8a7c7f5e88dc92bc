from flask import Flask, make_response
app = Flask(__name__)

@app.route("/login")
def login():
    resp = make_response("ok")
    # ruleid: python-insecure-cookie
    resp.set_cookie("session", "abc")
    # ruleid: python-insecure-cookie
    resp.set_cookie("remember", "1", secure=True)
    # ok: python-insecure-cookie
    resp.set_cookie("session", "abc", secure=True, httponly=True, samesite="Lax")
    return resp

# ruleid: python-insecure-cookie
SESSION_COOKIE_SECURE = False
# ok: python-insecure-cookie
CSRF_COOKIE_SECURE = True
