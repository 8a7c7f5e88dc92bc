import requests, ssl, httpx

def fetch(url):
    # ruleid: python-tls-verify-disabled
    r = requests.get(url, verify=False)
    s = requests.Session()
    # ruleid: python-tls-verify-disabled
    s.verify = False
    # ruleid: python-tls-verify-disabled
    ctx = ssl._create_unverified_context()
    ctx2 = ssl.create_default_context()
    # ruleid: python-tls-verify-disabled
    ctx2.check_hostname = False
    # ruleid: python-tls-verify-disabled
    ctx2.verify_mode = ssl.CERT_NONE
    # ruleid: python-tls-verify-disabled
    c = httpx.Client(verify=False)
    # ok: python-tls-verify-disabled
    r = requests.get(url, verify="/etc/ssl/internal-ca.pem")
    # ok: python-tls-verify-disabled
    r = requests.get(url, timeout=10)
    return r


def legacy_pool(hostname):
    import urllib3
    # ruleid: python-tls-verify-disabled
    pool = urllib3.connection_from_url("https://" + hostname, cert_reqs="CERT_NONE")
    # ok: python-tls-verify-disabled
    strict = urllib3.connection_from_url("https://" + hostname, cert_reqs="CERT_REQUIRED")
    return pool, strict
