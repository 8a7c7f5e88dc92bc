import os

from django.http import FileResponse, HttpResponse

REPORTS = "/srv/reports"


def download(request):
    # ruleid: python-request-flow-path
    name = request.GET.get("name")
    return FileResponse(open(os.path.join(REPORTS, name), "rb"))


def upload(request):
    # ruleid: python-request-flow-path
    target = request.POST["target"]
    with open(target, "wb") as fh:
        fh.write(request.body)
    return HttpResponse("ok")


def download_safe(request):
    # ok: python-request-flow-path
    name = request.GET.get("name")
    return FileResponse(open(os.path.join(REPORTS, "daily.csv"), "rb"), filename=name)
