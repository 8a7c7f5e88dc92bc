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

const { spawn, spawnSync } = require("child_process");
const shell = require("shelljs");

function runTool(tool, file) {
  // ruleid: js-child-process-dynamic
  spawnSync(tool, ["--check", file]);
  // ok: js-child-process-dynamic
  spawnSync("eslint", ["--format", "json", file]);
  const sh = "bash";
  // ruleid: js-child-process-dynamic
  spawn(sh, ["-c", `eslint ${file}`]);
  // ok: js-child-process-dynamic
  spawn("bash", ["-c", "eslint ."]);
  // ruleid: js-child-process-dynamic
  spawn("eslint", [file], { shell: true });
  // ok: js-child-process-dynamic
  spawn("eslint", [file], { shell: false });
  // ruleid: js-child-process-dynamic
  shell.exec(`eslint ${file}`, { silent: true });
  // ok: js-child-process-dynamic
  shell.exec("eslint .", { silent: true });
}
