from django.views.decorators.csrf import csrf_exempt, csrf_protect

# ruleid: python-csrf-disabled
@csrf_exempt
def transfer(request):
    return do_transfer(request.POST)

# ok: python-csrf-disabled
@csrf_protect
def transfer_safe(request):
    return do_transfer(request.POST)


def configure(app):
    # ruleid: python-csrf-disabled
    app.config.update(SECRET_KEY=load_key(), WTF_CSRF_ENABLED=False)
    # ok: python-csrf-disabled
    app.config.update(SECRET_KEY=load_key(), WTF_CSRF_TIME_LIMIT=600)
    # ok: python-csrf-disabled
    app.config.update(TESTING=True, WTF_CSRF_ENABLED=False)
