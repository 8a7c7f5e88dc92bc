import jwt

def user_id(token, key):
    # ruleid: python-jwt-verify-disabled
    claims = jwt.decode(token, options={"verify_signature": False})
    # ruleid: python-jwt-verify-disabled
    old = jwt.decode(token, key, verify=False)
    # ruleid: python-jwt-verify-disabled
    weak = jwt.decode(token, key, algorithms=["none"])
    # ok: python-jwt-verify-disabled
    good = jwt.decode(token, key, algorithms=["RS256"])
    return claims["sub"]
