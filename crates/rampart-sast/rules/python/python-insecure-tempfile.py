import tempfile

def scratch():
    # ruleid: python-insecure-tempfile
    path = tempfile.mktemp(suffix=".txt")
    # ok: python-insecure-tempfile
    fd, path2 = tempfile.mkstemp(suffix=".txt")
    return path
