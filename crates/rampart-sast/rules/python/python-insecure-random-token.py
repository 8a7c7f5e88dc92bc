import random, secrets, string
ALPHABET = string.ascii_letters + string.digits

def make_reset(user):
    # ruleid: python-insecure-random-token
    reset_token = "".join(random.choice(ALPHABET) for _ in range(20))
    # ruleid: python-insecure-random-token
    user.otp = random.randint(100000, 999999)
    # ok: python-insecure-random-token
    user.session_token = secrets.token_urlsafe(32)
    # ok: python-insecure-random-token
    delay = random.uniform(0.1, 0.5)
    return reset_token

# ruleid: python-insecure-random-token
def generate_api_key():
    return "".join(random.choices(ALPHABET, k=40))
