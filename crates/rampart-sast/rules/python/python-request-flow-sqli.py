from django.db import connection
from django.db.models.expressions import RawSQL
from django.http import JsonResponse

from shop.models import Order


def orders_by_status(request):
    # ruleid: python-request-flow-sqli
    status = request.GET.get("status", "open")
    with connection.cursor() as cur:
        cur.execute("SELECT id, total FROM orders WHERE status = '%s'" % status)
        rows = cur.fetchall()
    return JsonResponse({"rows": rows})


def orders_sorted(request):
    # ruleid: python-request-flow-sqli
    column = request.POST["sort"]
    qs = Order.objects.raw(f"SELECT * FROM shop_order ORDER BY {column}")
    return JsonResponse({"n": len(list(qs))})


def orders_with_flag(request):
    # ruleid: python-request-flow-sqli
    flag = request.headers.get("X-Flag")
    qs = Order.objects.annotate(flagged=RawSQL("SELECT '{}'".format(flag), ()))
    return JsonResponse({"n": qs.count()})


def orders_safe(request):
    # ok: python-request-flow-sqli
    status = request.GET.get("status", "open")
    with connection.cursor() as cur:
        cur.execute("SELECT id, total FROM orders WHERE status = %s", [status])
        rows = cur.fetchall()
    return JsonResponse({"rows": rows})


def orders_fixed(request):
    # ok: python-request-flow-sqli
    limit = 10
    with connection.cursor() as cur:
        cur.execute("SELECT id FROM orders LIMIT %d" % limit)
        return JsonResponse({"rows": cur.fetchall()})
