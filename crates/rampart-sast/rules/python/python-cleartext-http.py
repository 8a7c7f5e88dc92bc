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
