import flask

app = flask.Flask(__name__)


@app.route("/bid")
def bid():
    # ruleid: python-nan-injection
    amount = float(flask.request.args.get("amount", "0"))
    if amount < minimum_bid():
        return "too low", 400
    return place(amount)


@app.route("/sleep/<seconds>")
def nap(seconds):
    # ruleid: python-nan-injection
    delay = float(seconds)
    return wait(delay)


@app.route("/qty")
def quantity():
    # ok: python-nan-injection
    qty = float(int(flask.request.args["qty"]))
    return str(qty)


@app.route("/checked")
def checked():
    raw = flask.request.form["price"]
    if raw.lower() == "nan":
        flask.abort(400)
    # ok: python-nan-injection
    price = float(raw)
    return str(price)


@app.route("/config")
def config():
    # ok: python-nan-injection
    ratio = float(app.config["RATIO"])
    return str(ratio)
