import subprocess
import sys


def lint(tool, target, plugin_path):
    # ruleid: python-process-dynamic-program
    subprocess.run([tool, "--check", target])
    # ruleid: python-process-dynamic-program
    subprocess.check_call(sys.argv[1:])
    # ruleid: python-process-dynamic-program
    subprocess.Popen(["python3", plugin_path], stdin=subprocess.PIPE)
    # ok: python-process-dynamic-program
    subprocess.run(["ruff", "check", target])
    # ok: python-process-dynamic-program
    subprocess.run(["python3", "-m", "pytest", target])
    # ok: python-process-dynamic-program
    subprocess.run("make lint")
