import urllib.request
from urllib.request import URLopener


def fetch(feed_url):
    # ruleid: python-urllib-dynamic-url
    return urllib.request.urlopen(feed_url, timeout=10).read()


def mirror(src, dst):
    opener = URLopener()
    # ruleid: python-urllib-dynamic-url
    opener.retrieve(src, dst)


def status():
    # ok: python-urllib-dynamic-url
    return urllib.request.urlopen("https://status.example.com/health", timeout=10).read()
