import pickle, marshal, jsonpickle

def load_cached(redis, key):
    # ruleid: python-pickle-untrusted
    return pickle.loads(redis.get(key))

def load_file(path):
    with open(path, "rb") as f:
        # ruleid: python-pickle-untrusted
        return pickle.load(f)

def restore(blob):
    # ruleid: python-pickle-untrusted
    return jsonpickle.decode(blob)

def safe():
    import json
    # ok: python-pickle-untrusted
    return json.loads(open("x.json").read())

def constant():
    # ok: python-pickle-untrusted
    return pickle.loads(b"\x80\x04K\x01.")
