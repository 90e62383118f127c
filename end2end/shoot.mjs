// Takes screenshots of pages for a human look: node shoot.mjs <outdir> [mobile]
// Not a test; used while developing and to refresh the README picture.
import { chromium } from "playwright";

const base = process.env.CAKAP_URL ?? "http://127.0.0.1:3000";
const out = process.argv[2] ?? "/tmp/shots";
const mobile = process.argv[3] === "mobile";
const user = process.env.CAKAP_USER ?? "hr.manna";
const pages = (process.env.CAKAP_PAGES ?? "/,/hr,/hr/units,/hr/employees,/profile").split(",");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const ctx = await browser.newContext(
  mobile ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
         : { viewport: { width: 1280, height: 900 } });
const page = await ctx.newPage();
const problems = [];
page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(m.text()); });
page.on("pageerror", (e) => problems.push("pageerror: " + e.message));
await page.goto(base + "/login");
await page.screenshot({ path: `${out}/login${mobile ? "-m" : ""}.png`, fullPage: true });
await page.fill("#account", user);
await page.fill("#password", process.env.CAKAP_PASSWORD ?? "cakap2026");
await page.click("main button[type=submit]");
await page.waitForURL((u) => !u.pathname.startsWith("/login"));
for (const p of pages) {
  await page.goto(base + p);
  await page.waitForSelector("body[data-hydrated=true]", { timeout: 15000 }).catch(() => problems.push("not hydrated: " + p));
  const name = p.replace(/[\/?=&]+/g, "_") || "_";
  await page.screenshot({ path: `${out}/page${name}${mobile ? "-m" : ""}.png`, fullPage: true });
}
console.log(JSON.stringify(problems, null, 1));
await browser.close();
