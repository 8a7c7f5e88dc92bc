from django.conf import settings
from flask import current_app
from hashids import Hashids


def invoice_codec():
    # ruleid: python-hashids-secret-salt
    return Hashids(salt=current_app.config["SECRET_KEY"], min_length=10)


def order_codec():
    # ruleid: python-hashids-secret-salt
    return Hashids(settings.SECRET_KEY, min_length=6)


def share_codec():
    # ok: python-hashids-secret-salt
    return Hashids(salt=settings.HASHIDS_SALT, min_length=6)


def plain_codec():
    # ok: python-hashids-secret-salt
    return Hashids(min_length=6)
