from Crypto.Cipher import DES, AES, ARC4
from Cryptodome.Cipher import XOR as xor_cipher
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

def encrypt(key, data, iv):
    # ruleid: python-weak-cipher
    c1 = DES.new(key, DES.MODE_CBC, iv)
    # ruleid: python-weak-cipher
    c2 = AES.new(key, AES.MODE_ECB)
    # ruleid: python-weak-cipher
    c3 = ARC4.new(key)
    # ruleid: python-weak-cipher
    c4 = Cipher(algorithms.TripleDES(key), modes.CBC(iv))
    # ruleid: python-weak-cipher
    c5 = Cipher(algorithms.AES(key), modes.ECB())
    # ruleid: python-weak-cipher
    c7 = xor_cipher.new(key)
    # ok: python-weak-cipher
    c6 = AES.new(key, AES.MODE_GCM)
    # ok: python-weak-cipher
    return AESGCM(key).encrypt(iv, data, None)
