import jinja2
from jinja2 import Environment, FileSystemLoader, select_autoescape

loader = FileSystemLoader("templates")

# ruleid: python-jinja2-autoescape-off
pages = Environment(loader=loader, autoescape=False)
# ruleid: python-jinja2-autoescape-off
mails = jinja2.Environment(loader=loader, autoescape=settings_flag())
# ok: python-jinja2-autoescape-off
site = Environment(loader=loader, autoescape=select_autoescape(["html", "xml"]))
# ok: python-jinja2-autoescape-off
admin = jinja2.Environment(loader=loader, autoescape=True)
