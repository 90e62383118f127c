import AxeBuilder from "@axe-core/playwright";
import { expect, Page, test } from "@playwright/test";
import { hydrated, login } from "./helpers";

// axe-core checks every page each kind of user opens against WCAG 2.1 A and AA: no
// serious or critical violation may appear (contrast, names of controls, focusable
// scrolling regions, landmarks ...). Pages with an id are reached through the first
// link of their list, as a user would.

test.setTimeout(180_000);

async function violations(page: Page, path: string): Promise<string[]> {
  await page.goto(path);
  await hydrated(page);
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${path}: ${v.id} (${v.impact}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

/** The address of the first link on `list` whose address starts with `prefix` and
 * goes on with a number. */
async function firstLink(page: Page, list: string, prefix: string): Promise<string> {
  await page.goto(list);
  const links = await page.locator(`a[href^="${prefix}"]`).evaluateAll((as) =>
    as.map((a) => a.getAttribute("href") ?? ""),
  );
  const found = links.find((h) => /^\d+/.test(h.slice(prefix.length)));
  expect(found, `a link to ${prefix}… on ${list}`).toBeTruthy();
  return found!;
}

async function checkAll(page: Page, paths: string[]) {
  const found: string[] = [];
  for (const path of paths) found.push(...(await violations(page, path)));
  expect(found).toEqual([]);
}

test("a visitor's pages have no serious accessibility problem", async ({ page }) => {
  const standard = await firstLink(page, "/public/standards", "/standards/");
  await checkAll(page, ["/", "/login", "/public/standards", standard, "/dashboard", "/hr/units", "/no-such-page",
    "/publik", "/publik/KOTA-MANNA", "/publik/KOTA-MANNA?urut=perubahan", "/publik/verifikasi", "/skm/PKM-MANNA",
    "/skm/PKM-MANNA/poster"]);
  // The verification page with a stored snapshot's verdict.
  await page.goto("/publik/KOTA-MANNA");
  const check = await page.getByRole("link", { name: "Periksa snapshot ini" }).getAttribute("href");
  await checkAll(page, [check!]);
});

test("an employee's pages have no serious accessibility problem", async ({ page }) => {
  await login(page, "pegawai.manna");
  const paths = ["/", "/profile", "/dashboard", "/assess", "/standards", "/competencies", "/account/password",
    "/training", "/training/mine", "/standing"];
  // A form to fill, when a campaign is open for this employee.
  await page.goto("/assess");
  const forms = await page.locator('a[href^="/assess/"]').evaluateAll((as) =>
    as.map((a) => a.getAttribute("href") ?? ""),
  );
  if (forms.length > 0) paths.push(forms[0]);
  await checkAll(page, paths);
});

test("a leader's pages have no serious accessibility problem", async ({ page }) => {
  await login(page, "kadinkes.manna");
  const member = await firstLink(page, "/dashboard", "/dashboard/");
  const person = await firstLink(page, "/profile", "/people/");
  const unit = await firstLink(page, "/needs", "/needs?unit=");
  await checkAll(page, ["/", "/dashboard", member, person, "/assess", "/profile", "/standards", "/needs", unit, "/calibration",
    "/training/pace", "/training/effect"]);
});

test("HR's pages have no serious accessibility problem", async ({ page }) => {
  await login(page, "hr.manna");
  const paths = [
    "/", "/hr", "/hr/units", "/hr/units/new", "/hr/positions", "/hr/positions/new",
    "/hr/employees", "/hr/employees/new", "/hr/employees/import", "/hr/standards",
    "/hr/campaigns", "/hr/campaigns/new", "/hr/jobs", "/competencies", "/needs", "/calibration",
    "/training", "/training/new", "/training/import", "/training/pace", "/training/effect",
    "/hr/publikasi", "/hr/skm",
  ];
  paths.push(await firstLink(page, "/training", "/training/programmes/"));
  paths.push(await firstLink(page, "/hr/units", "/hr/units/"));
  paths.push(await firstLink(page, "/hr/positions", "/hr/positions/"));
  paths.push(await firstLink(page, "/hr/employees", "/hr/employees/"));
  paths.push(await firstLink(page, "/hr/campaigns", "/hr/campaigns/"));
  paths.push(await firstLink(page, "/hr/standards", "/standards/"));
  await checkAll(page, paths);
});

test("the administrator's pages have no serious accessibility problem", async ({ page }) => {
  await login(page, "admin");
  await checkAll(page, ["/", "/admin"]);
});

test("on a phone the dashboard has no serious accessibility problem", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, "kadinkes.manna", "/dashboard");
  await checkAll(page, ["/dashboard", "/", "/profile", "/assess", "/needs", "/calibration", "/training", "/training/mine",
    "/standing", "/publik/KOTA-MANNA", "/skm/PKM-MANNA"]);
});
