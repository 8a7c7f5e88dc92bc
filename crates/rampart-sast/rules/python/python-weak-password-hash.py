import hashlib

def store(user, password):
    # ruleid: python-weak-password-hash
    user.pw_hash = hashlib.sha256(password.encode()).hexdigest()

def store2(user, new_password):
    h = hashlib.md5()
    # ruleid: python-weak-password-hash
    h.update(new_password.encode())

def good(user, password, salt):
    # ok: python-weak-password-hash
    user.pw_hash = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600000)
    # ok: python-weak-password-hash
    user.etag = hashlib.sha256(user.name.encode()).hexdigest()
