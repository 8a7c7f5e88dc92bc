const { spawn, execFile } = require("child_process");

function mirror(repoUrl, branch, dir) {
  // ruleid: js-git-argument-injection
  spawn("git", ["clone", "--depth", "1", "--branch", branch, repoUrl, dir]);
  // ok: js-git-argument-injection
  spawn("git", ["clone", "--depth", "1", "--", repoUrl, dir]);
  // ok: js-git-argument-injection
  spawn("git", ["clone", "https://github.com/example/tools.git", "tools"]);
}

function refs(remote, cb) {
  // ruleid: js-git-argument-injection
  execFile("git", ["ls-remote", remote], cb);
}
