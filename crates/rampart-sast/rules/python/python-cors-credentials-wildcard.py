from flask import Flask
from flask_cors import CORS
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = Flask(__name__)
# ruleid: python-cors-credentials-wildcard
CORS(app, supports_credentials=True)
# ok: python-cors-credentials-wildcard
CORS(app, origins=["https://app.example.com"], supports_credentials=True)

api = FastAPI()
# ruleid: python-cors-credentials-wildcard
api.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)
# ok: python-cors-credentials-wildcard
api.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)
