import ssl
from OpenSSL import SSL

def contexts():
    # ruleid: python-weak-tls-version
    a = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
    # ruleid: python-weak-tls-version
    b = SSL.Context(SSL.SSLv3_METHOD)
    c = ssl.create_default_context()
    # ruleid: python-weak-tls-version
    c.minimum_version = ssl.TLSVersion.TLSv1
    # ok: python-weak-tls-version
    d = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    # ok: python-weak-tls-version
    c.minimum_version = ssl.TLSVersion.TLSv1_2
    return a, b, c, d
