import os, psycopg2

# ruleid: python-hardcoded-credential
DB_PASSWORD = "s3cr3t-Pa55w0rd"
# ruleid: python-hardcoded-credential
SECRET_KEY = "django-insecure-9x!k2m$v@p4q#r7t"
# ok: python-hardcoded-credential
API_KEY = os.environ["API_KEY"]
# ok: python-hardcoded-credential
PASSWORD_PLACEHOLDER = "changeme"
# ok: python-hardcoded-credential
password = ""

def connect():
    # ruleid: python-hardcoded-credential
    return psycopg2.connect(host="db", user="app", password="hunter2-prod-2024")

def connect_ok():
    # ok: python-hardcoded-credential
    return psycopg2.connect(host="db", user="app", password=os.environ["DB_PASSWORD"])
