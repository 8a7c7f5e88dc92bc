from cryptography.hazmat.primitives.asymmetric import rsa, dsa
from Crypto.PublicKey import RSA
from Cryptodome.PublicKey import DSA as legacy_dsa

def make_keys():
    # ruleid: python-weak-key-size
    k1 = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    # ruleid: python-weak-key-size
    k2 = dsa.generate_private_key(1024)
    # ruleid: python-weak-key-size
    k3 = RSA.generate(1024)
    # ruleid: python-weak-key-size
    k6 = legacy_dsa.generate(bits=1024)
    # ok: python-weak-key-size
    k7 = legacy_dsa.generate(bits=3072)
    # ok: python-weak-key-size
    k4 = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    # ok: python-weak-key-size
    k5 = RSA.generate(4096)
