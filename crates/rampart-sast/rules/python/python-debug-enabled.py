from flask import Flask
from fastapi import FastAPI
app = Flask(__name__)

# ruleid: python-debug-enabled
DEBUG = True

# ruleid: python-debug-enabled
api = FastAPI(debug=True)

# ok: python-debug-enabled
DEBUG_TOOLBAR = True

if __name__ == "__main__":
    # ruleid: python-debug-enabled
    app.run(host="0.0.0.0", debug=True)
    # ok: python-debug-enabled
    app.run(host="127.0.0.1")
