import requests, ftplib, telnetlib, urllib.request

def send(creds):
    # ruleid: python-cleartext-http
    requests.post("http://api.example.com/login", data=creds)
    # ruleid: python-cleartext-http
    ftp = ftplib.FTP("ftp.example.com")
    # ruleid: python-cleartext-http
    tn = telnetlib.Telnet("router.local")
    # ok: python-cleartext-http
    requests.post("https://api.example.com/login", data=creds)
    # ok: python-cleartext-http
    requests.get("http://localhost:8080/health")
    # ok: python-cleartext-http
    ftps = ftplib.FTP_TLS("ftp.example.com")
    # ruleid: python-cleartext-http
    urllib.request.urlretrieve("ftp://files.example.com/report.csv", "report.csv")


def fetch_report(opener):
    # ruleid: python-cleartext-http
    url = "http://reports.example.com/daily.csv"
    # ruleid: python-cleartext-http
    data = opener.open(url).read()
    return data


# ruleid: python-cleartext-http
def mirror(path, source="ftp://mirror.example.org/pub/"):
    return urllib.request.urlretrieve(source + path)


def fetch_secure(opener):
    # ok: python-cleartext-http
    url = "https://reports.example.com/daily.csv"
    return opener.open(url).read()
