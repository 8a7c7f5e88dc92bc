import { execSync } from "child_process";
import fs from "fs";
const ALLOWED = ["status", "log"];

function dispatch(completion) {
  for (const tc of completion.choices[0].message.tool_calls) {
    const args = JSON.parse(tc.function.arguments);
    // ruleid: js-llm-tool-exec
    execSync(args.command);
    // ruleid: js-llm-tool-exec
    fs.writeFileSync(args.path, args.content);
    if (ALLOWED.includes(args.action)) {
      // ok: js-llm-tool-exec
      execSync("git " + args.action);
    }
  }
}
