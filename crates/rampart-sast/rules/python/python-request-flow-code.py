import asyncio


def calculator(request):
    # ruleid: python-request-flow-code
    expression = request.POST.get("expr")
    log(expression)
    return str(eval(expression))


def run_snippet(request):
    # ruleid: python-request-flow-code
    snippet = request.GET["code"]
    exec("def user_fn():\n    return " + snippet)


async def run_later(request):
    # ruleid: python-request-flow-code
    body = request.POST.get("body")
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, exec, body)


def calculator_safe(request):
    # ok: python-request-flow-code
    expression = request.POST.get("expr")
    return str(OPERATIONS[expression](1, 2))


def fixed_code(request):
    # ok: python-request-flow-code
    source = "1 + 1"
    return str(eval(source))
