import hashlib
from cryptography.hazmat.primitives import hashes
from Crypto.Hash import MD5
from Cryptodome.Hash import MD4 as legacy_md4

def fingerprint(data):
    # ruleid: python-weak-hash
    return hashlib.md5(data).hexdigest()

def sign(data):
    # ruleid: python-weak-hash
    h = hashlib.sha1(data)
    # ruleid: python-weak-hash
    h2 = hashlib.new("md5", data)
    # ruleid: python-weak-hash
    d = hashes.Hash(hashes.SHA1())
    # ruleid: python-weak-hash
    m = MD5.new(data)
    # ruleid: python-weak-hash
    h3 = hashlib.new(name="sha1", data=data)
    # ruleid: python-weak-hash
    h4 = legacy_md4.new(data)
    # ok: python-weak-hash
    h5 = hashlib.new(name="sha512", data=data)
    # ok: python-weak-hash
    etag = hashlib.md5(data, usedforsecurity=False).hexdigest()
    # ok: python-weak-hash
    return hashlib.sha256(data).hexdigest()
