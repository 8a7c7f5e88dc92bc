import html

from django.shortcuts import render


def profile_link(request):
    name = request.GET["name"]
    context = {}
    # ruleid: python-html-string-taint
    context["link"] = '<a href="/users/%s">profile</a>' % name
    # ruleid: python-html-string-taint
    context["title"] = f"<h1>{name}</h1>"
    # ok: python-html-string-taint
    context["safe"] = '<a href="/users/%s">profile</a>' % html.escape(name)
    # ok: python-html-string-taint
    context["plain"] = "Hello, {}".format(name)
    return render(request, "profile.html", context)


def lambda_handler(event, context):
    # ruleid: python-html-string-taint
    body = "<div>" + event["queryStringParameters"]["q"] + "</div>"
    return {"statusCode": 200, "body": body}
