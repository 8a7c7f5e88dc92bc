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
