from django.http import JsonResponse

def signup(request):
    # ruleid: python-mass-assignment
    user = User.objects.create(**request.POST.dict())
    data = request.POST
    # ok: python-mass-assignment
    user = User.objects.create(username=data["username"], email=data["email"])
    return JsonResponse({"id": user.id})

def update_profile(request, profile):
    for key, value in request.POST.items():
        # ruleid: python-mass-assignment
        setattr(profile, key, value)
    # ok: python-mass-assignment
    setattr(profile, "last_seen", "now")
