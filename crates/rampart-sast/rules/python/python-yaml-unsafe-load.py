import yaml

def read_config(path):
    with open(path) as f:
        # ruleid: python-yaml-unsafe-load
        return yaml.load(f)

def read_full(text):
    # ruleid: python-yaml-unsafe-load
    return yaml.load(text, Loader=yaml.FullLoader)

def read_unsafe(text):
    # ruleid: python-yaml-unsafe-load
    return yaml.unsafe_load(text)

def read_safe(text):
    # ok: python-yaml-unsafe-load
    a = yaml.load(text, Loader=yaml.SafeLoader)
    # ok: python-yaml-unsafe-load
    return yaml.safe_load(text)


def load_plugin_config(text):
    # ruleid: python-yaml-unsafe-load
    cfg = yaml.load(text, Loader=yaml.UnsafeLoader)
    # ok: python-yaml-unsafe-load
    defaults = yaml.load("retries: 3")
    return cfg, defaults
