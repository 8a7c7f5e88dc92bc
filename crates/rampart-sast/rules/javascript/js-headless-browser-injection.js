const puppeteer = require("puppeteer");
const CDP = require("chrome-remote-interface");
const wkhtmltopdf = require("wkhtmltopdf");

const HOME = "https://status.internal.example";

async function snapshot(target, script) {
  const browser = await puppeteer.launch();
  const page = await browser.newPage();
  // ok: js-headless-browser-injection
  await page.goto(HOME);
  // ok: js-headless-browser-injection
  await page.goto("https://example.org/report", { waitUntil: "load" });
  // ruleid: js-headless-browser-injection
  await page.goto(target);
  // ruleid: js-headless-browser-injection
  await page.goto(`https://${target}/health`);
  // ruleid: js-headless-browser-injection
  await page.setContent("<main>" + target + "</main>");
  // ok: js-headless-browser-injection
  await page.setContent("<main>static</main>");
  // ruleid: js-headless-browser-injection
  await page.evaluate(script);
  // ok: js-headless-browser-injection
  const title = await page.evaluate(() => document.title);
  // ruleid: js-headless-browser-injection
  await page.evaluate((u) => fetch(u), target);
  // ok: js-headless-browser-injection
  await page.evaluate((n) => window.scrollBy(0, n), 300);
  // ruleid: js-headless-browser-injection
  await page.evaluateOnNewDocument(`window.cfg = ${script}`);
  await browser.close();
  return title;
}

async function devtools(expr, link) {
  const client = await CDP();
  const { Runtime, Page } = client;
  // ok: js-headless-browser-injection
  await Runtime.evaluate({ expression: "document.title" });
  // ruleid: js-headless-browser-injection
  await Runtime.evaluate({ expression: "1 + " + expr });
  // ruleid: js-headless-browser-injection
  await Page.navigate({ url: link });
  // ok: js-headless-browser-injection
  await Page.navigate({ url: "about:blank" });
  // ruleid: js-headless-browser-injection
  await Page.printToPDF({ footerTemplate: expr });
}

function invoice(html) {
  // ruleid: js-headless-browser-injection
  wkhtmltopdf(html, { output: "out.pdf" });
  // ok: js-headless-browser-injection
  wkhtmltopdf("<h1>Invoice</h1>", { output: "out.pdf" });
}
