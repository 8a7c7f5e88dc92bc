def run(expr, code):
    # ruleid: python-eval-dynamic
    v = eval(expr)
    # ruleid: python-eval-dynamic
    exec(code, {})
    # ok: python-eval-dynamic
    w = eval("2 * 21")
    # ok: python-eval-dynamic
    exec("import os")
    return v
