import os, subprocess, shlex

def backup(name, path):
    # ruleid: python-subprocess-shell-injection
    os.system("tar czf /backup/%s.tgz %s" % (name, path))
    cmd = "rsync -a " + path + " /backup"
    # ruleid: python-subprocess-shell-injection
    subprocess.run(cmd, shell=True)
    # ok: python-subprocess-shell-injection
    subprocess.run(["tar", "czf", "/backup/" + name + ".tgz", path])
    # ok: python-subprocess-shell-injection
    os.system("sync")
    # ok: python-subprocess-shell-injection
    os.system("tar czf backup.tgz " + shlex.quote(path))
    # ok: python-subprocess-shell-injection
    subprocess.run("ls -la", shell=True)


def report(day, host, loop, client, factory):
    # ruleid: python-subprocess-shell-injection
    out = subprocess.check_output(["/bin/sh", "-c", "grep " + day + " /var/log/syslog"])
    # ruleid: python-subprocess-shell-injection
    pipe = os.popen3("ping -c 1 " + host)
    # ruleid: python-subprocess-shell-injection
    loop.subprocess_shell(factory, "du -sh %s" % day)
    # ruleid: python-subprocess-shell-injection
    client.exec_command("cat /srv/reports/" + day)
    # ruleid: python-subprocess-shell-injection
    getattr(os, "system")("rm -rf /tmp/" + day)
    # ok: python-subprocess-shell-injection
    subprocess.check_output(["/bin/sh", "-c", "uptime"])
    # ok: python-subprocess-shell-injection
    client.exec_command("uptime")
    # ok: python-subprocess-shell-injection
    loop.subprocess_shell(factory, "df -h")
    return out, pipe
