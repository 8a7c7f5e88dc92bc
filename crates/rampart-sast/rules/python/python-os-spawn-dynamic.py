import os
import sys


def run_tool(cmd, script):
    # ruleid: python-os-spawn-dynamic
    os.spawnlp(os.P_WAIT, cmd)
    # ruleid: python-os-spawn-dynamic
    os.spawnve(os.P_WAIT, "/bin/bash", ["bash", "-c", script], os.environ)
    # ruleid: python-os-spawn-dynamic
    os.execvp(sys.argv[1], sys.argv[1:])
    # ruleid: python-os-spawn-dynamic
    pid = os.posix_spawn(cmd, [cmd], os.environ)


def fixed():
    # ok: python-os-spawn-dynamic
    os.spawnlp(os.P_WAIT, "ls", "ls", "-l")
    # ok: python-os-spawn-dynamic
    os.spawnv(os.P_WAIT, "/usr/bin/uptime", ["uptime"])
    # ok: python-os-spawn-dynamic
    os.execv("/usr/bin/git", ["git", "status"])
