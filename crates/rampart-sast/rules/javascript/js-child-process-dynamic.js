const cp = require("child_process");

function clone(repoUrl, dir) {
  // ruleid: js-child-process-dynamic
  cp.exec(`git clone ${repoUrl} ${dir}`);
  // ruleid: js-child-process-dynamic
  cp.execSync("rm -rf " + dir);
  // ok: js-child-process-dynamic
  cp.execFile("git", ["clone", repoUrl, dir]);
  // ok: js-child-process-dynamic
  cp.execSync("git --version");
}
