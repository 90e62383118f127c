// The phone benchmark (run by bench/phone.sh against a running server at CAKAP_URL).
// 1. Bytes: every route of every role opened once in a fresh browser (empty cache),
//    summing what crossed the network (compressed) per kind: HTML, JS, WASM, CSS.
// 2. Time: /dashboard (logged in) and a public page, first visit (empty cache) and
//    repeat visit, on a phone-sized screen with Chromium's throttling through CDP:
//    150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, CPU 4x slower. "Shown" is the
//    first contentful paint (the server's page); "works" is when the page has
//    hydrated (the app marks <body data-hydrated>), i.e. its WASM has loaded and run.
import { chromium } from "../end2end/node_modules/playwright-core/index.mjs";

const base = process.env.CAKAP_URL ?? "http://127.0.0.1:3000";
const runsArg = process.argv.indexOf("--runs");
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const PASSWORD = "cakap2026";
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});

async function context(user) {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
  });
  // Records when the app marks the page hydrated, in the page's own clock.
  await ctx.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.body?.dataset.hydrated === "true") {
        window.__hydratedAt = performance.now();
        obs.disconnect();
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-hydrated"] });
  });
  if (user) {
    const r = await ctx.request.post(`${base}/api/login`, {
      form: { account: user, password: PASSWORD, next: "/" },
      headers: { origin: base },
    });
    if (!r.ok()) throw new Error(`login of ${user}: ${r.status()}`);
  }
  return ctx;
}

/** Opens `path` and waits until it works; returns the bytes by kind. */
async function open(page, cdp, path) {
  const kinds = new Map();
  const bytes = { html: 0, js: 0, wasm: 0, css: 0, other: 0 };
  const onResponse = (e) => kinds.set(e.requestId, kind(e.response.url, e.type));
  const onFinished = (e) => { bytes[kinds.get(e.requestId) ?? "other"] += e.encodedDataLength; };
  cdp.on("Network.responseReceived", onResponse);
  cdp.on("Network.loadingFinished", onFinished);
  await page.goto(base + path, { waitUntil: "commit" });
  await page.waitForFunction(() => window.__hydratedAt !== undefined, null, { timeout: 120_000, polling: 100 });
  await page.waitForLoadState("networkidle");
  cdp.off("Network.responseReceived", onResponse);
  cdp.off("Network.loadingFinished", onFinished);
  const t = await page.evaluate(() => ({
    shown: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
    works: window.__hydratedAt,
  }));
  return { bytes, ...t };
}

function kind(url, type) {
  if (type === "Document") return "html";
  if (url.endsWith(".wasm")) return "wasm";
  if (url.endsWith(".js")) return "js";
  if (url.endsWith(".css")) return "css";
  return "other";
}

async function withPage(user, f) {
  const ctx = await context(user);
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send("Network.enable");
  try {
    return await f(page, cdp);
  } finally {
    await ctx.close();
  }
}

const kb = (n) => (n / 1024).toFixed(1);

// 1. Bytes per route (no throttling: bytes do not depend on it).
const routes = [
  [null, ["/", "/login", "/public/standards", "/dashboard"]],
  ["pegawai.manna", ["/", "/dashboard", "/assess", "/profile", "/standards", "/competencies"]],
  ["kadinkes.manna", ["/dashboard", "/profile"]],
  ["hr.manna", ["/hr", "/hr/units", "/hr/employees", "/hr/employees/import", "/hr/positions", "/hr/campaigns", "/hr/standards", "/hr/jobs"]],
];
console.log("\n| route | as | HTML KB | JS KB | WASM KB | CSS KB | JS + WASM KB |");
console.log("|---|---|---:|---:|---:|---:|---:|");
for (const [user, paths] of routes) {
  for (const path of paths) {
    const r = await withPage(user, (page, cdp) => open(page, cdp, path));
    const b = r.bytes;
    console.log(`| ${path} | ${user ?? "visitor"} | ${kb(b.html)} | ${kb(b.js)} | ${kb(b.wasm)} | ${kb(b.css)} | ${kb(b.js + b.wasm)} |`);
  }
}

// 2. Time on the slow phone, first and repeat visit, median of `runs`.
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`\nSlow 4G (150 ms, 1.6 Mbit/s down, 750 kbit/s up), CPU 4x slower; median of ${runs} runs`);
console.log("| page | visit | shown (s) | works (s) | goal |");
console.log("|---|---|---:|---:|---|");
for (const [user, path] of [["pegawai.manna", "/dashboard"], [null, "/public/standards"]]) {
  const first = [], repeat = [];
  for (let i = 0; i < runs; i++) {
    await withPage(user, async (page, cdp) => {
      await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
      first.push(await open(page, cdp, path));
      repeat.push(await open(page, cdp, path));
    });
  }
  const s = (xs, k) => (median(xs.map((x) => x[k])) / 1000).toFixed(2);
  console.log(`| ${path} | first | ${s(first, "shown")} | ${s(first, "works")} | works < 4 s |`);
  console.log(`| ${path} | repeat | ${s(repeat, "shown")} | ${s(repeat, "works")} | works < 1 s |`);
}
await browser.close();
