const puppeteer = require("puppeteer");
const { chromium } = require("playwright");

async function start(port) {
  // ruleid: js-browser-remote-debugging
  const a = await puppeteer.launch({ headless: true, args: ["--no-sandbox", `--remote-debugging-port=${port}`] });
  // ruleid: js-browser-remote-debugging
  const b = await chromium.launch({ args: ["--remote-debugging-address=0.0.0.0"] });
  // ok: js-browser-remote-debugging
  const c = await puppeteer.launch({ headless: true, args: ["--no-sandbox"] });
  return [a, b, c];
}
