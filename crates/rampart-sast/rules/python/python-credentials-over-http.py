import requests
from requests.auth import HTTPDigestAuth


def profile(user, password):
    # ruleid: python-credentials-over-http
    return requests.get("http://api.example.com/me", auth=(user, password), timeout=5)


def upload(user, password, data):
    # ruleid: python-credentials-over-http
    endpoint = "http://files.example.com/upload"
    # ruleid: python-credentials-over-http
    return requests.post(endpoint, data=data, auth=HTTPDigestAuth(user, password))


def profile_tls(user, password):
    # ok: python-credentials-over-http
    return requests.get("https://api.example.com/me", auth=(user, password), timeout=5)


def public_feed():
    # ok: python-credentials-over-http
    return requests.get("http://feeds.example.com/news.xml", timeout=5)
