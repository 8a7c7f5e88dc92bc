from django.utils.html import format_html


def badge(user):
    # ruleid: python-format-html-preformatted
    return format_html(f"<b>{user.name}</b>")


def link(url, label):
    # ruleid: python-format-html-preformatted
    return format_html('<a href="%s">{}</a>' % url, label)


def badge_safe(user):
    # ok: python-format-html-preformatted
    return format_html("<b>{}</b>", user.name)


def greeting():
    # ok: python-format-html-preformatted
    return format_html("<p>hello " + "{}</p>", "world")
