import os, stat

def setup(path):
    # ruleid: python-insecure-file-permissions
    os.chmod(path, 0o777)
    # ruleid: python-insecure-file-permissions
    os.makedirs("/var/app/cache", 0o776)
    # ruleid: python-insecure-file-permissions
    os.chmod(path, stat.S_IWOTH)
    # ok: python-insecure-file-permissions
    os.chmod(path, 0o600)
    # ok: python-insecure-file-permissions
    os.makedirs("/var/app/cache", 0o755)


def publish_dir(path):
    # ruleid: python-insecure-file-permissions
    os.chmod(path, 0o100777)
    # ok: python-insecure-file-permissions
    os.chmod(path, 0o100644)
    # ruleid: python-insecure-file-permissions
    os.chmod(path, stat.S_IRWXU | stat.S_IRGRP | stat.S_IWOTH)
    # ok: python-insecure-file-permissions
    os.chmod(path, stat.S_IRWXU | stat.S_IRGRP)
