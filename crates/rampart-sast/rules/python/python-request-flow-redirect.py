from urllib.parse import urlparse

from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def login_done(request):
    # ruleid: python-request-flow-redirect
    target = request.GET.get("next", "/")
    audit("login", request.user)
    return redirect(target)


def login_done_checked(request):
    # ok: python-request-flow-redirect
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)


def login_done_relative(request):
    # ok: python-request-flow-redirect
    target = request.POST["next"]
    if urlparse(target).netloc:
        target = "/"
    return redirect(target)
