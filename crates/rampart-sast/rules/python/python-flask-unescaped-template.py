from flask import Flask, render_template, request

app = Flask(__name__)


@app.route("/profile")
def profile():
    # ruleid: python-flask-unescaped-template
    return render_template("profile.txt", name=request.args.get("name"))


@app.route("/mail")
def mail_preview():
    user = request.args.get("user")
    # ruleid: python-flask-unescaped-template
    return render_template("welcome.jinja2", user=user)


@app.route("/page")
def page():
    # ok: python-flask-unescaped-template
    return render_template("page.html", name=request.args.get("name"))


@app.route("/robots")
def robots():
    # ok: python-flask-unescaped-template
    return render_template("robots.txt")
