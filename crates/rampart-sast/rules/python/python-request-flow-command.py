import os
import subprocess

from django.http import HttpResponse


def ping(request):
    # ruleid: python-request-flow-command
    host = request.GET.get("host")
    os.system("ping -c 1 " + host)
    return HttpResponse("sent")


def archive(request):
    # ruleid: python-request-flow-command
    folder = request.POST["folder"]
    out = subprocess.check_output("tar czf /tmp/a.tgz %s" % folder, shell=True)
    return HttpResponse(out)


def ping_safe(request):
    # ok: python-request-flow-command
    host = request.GET.get("host")
    subprocess.run(["ping", "-c", "1", host], check=True)
    return HttpResponse("sent")
