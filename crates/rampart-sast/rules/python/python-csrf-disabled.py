from django.views.decorators.csrf import csrf_exempt, csrf_protect

# ruleid: python-csrf-disabled
@csrf_exempt
def transfer(request):
    return do_transfer(request.POST)

# ok: python-csrf-disabled
@csrf_protect
def transfer_safe(request):
    return do_transfer(request.POST)
