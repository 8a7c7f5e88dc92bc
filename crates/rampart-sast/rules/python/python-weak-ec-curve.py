from cryptography.hazmat.primitives.asymmetric import ec


def device_key():
    # ruleid: python-weak-ec-curve
    legacy = ec.generate_private_key(ec.SECP192R1())
    # ruleid: python-weak-ec-curve
    tiny = ec.generate_private_key(curve=ec.SECT163K1, backend=None)
    # ok: python-weak-ec-curve
    modern = ec.generate_private_key(ec.SECP256R1())
    # ok: python-weak-ec-curve
    strong = ec.generate_private_key(curve=ec.SECP384R1)
    return legacy, tiny, modern, strong
