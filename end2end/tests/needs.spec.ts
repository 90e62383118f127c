import { expect, Page, test } from "@playwright/test";
import { hydrated, login, watchErrors } from "./helpers";

/** Shows the demo's 2026 campaign (other journeys close campaigns of their own,
 * which then are the latest). */
async function demoCampaign(page: Page) {
  await page.locator("#campaign").selectOption({ label: "Penilaian Kompetensi 2026" });
  await page.getByTestId("needs-filters").getByRole("button").click();
  await expect(page).toHaveURL(/campaign=\d+/);
  await hydrated(page);
}

test("a Kepala Dinas opens the needs map, drills down to a unit and a person, and downloads the AKPK", async ({ page }) => {
  const errors = watchErrors(page);
  await login(page, "kadinkes.manna", "/");
  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Kebutuhan pelatihan" }).click();
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Kebutuhan pengembangan kompetensi (AKPK)" })).toBeVisible();
  await demoCampaign(page);
  const map = page.getByTestId("heatmap");
  // Opened on their own unit: the units below it and its own staff, nothing else.
  await expect(map.getByRole("link", { name: "Puskesmas Kota Manna" })).toBeVisible();
  await expect(map.getByRole("link", { name: "Staf langsung unit ini" })).toBeVisible();
  await expect(map).not.toContainText("Dinas Pendidikan");
  // Each cell says what it holds.
  await expect(map.locator("td").first()).toContainText(/\d+\/\d+/);
  // The competencies ranked by shortfall, as a chart and a table.
  await expect(page.getByTestId("ranking").locator("svg")).toBeVisible();

  // Down to the puskesmas, and to one of its people.
  await map.getByRole("link", { name: "Puskesmas Kota Manna" }).click();
  await hydrated(page);
  await expect(page).toHaveURL(/unit=\d+/);
  await expect(page.getByRole("navigation", { name: "Posisi dalam struktur unit" })).toContainText("Dinas Kesehatan");
  const people = page.getByTestId("needs-people");
  await expect(people.locator("tbody tr").first()).toBeVisible();
  const first = people.locator("tbody tr").first().getByRole("link");
  const name = (await first.textContent()) ?? "";
  await first.click();
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await page.goBack();
  await hydrated(page);

  // The AKPK of the opened unit, as a file.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Unduh AKPK per pegawai (CSV)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("akpk.csv");
  const text = await (await download.createReadStream()).toArray();
  const csv = Buffer.concat(text).toString("utf8");
  expect(csv.split("\n")[0]).toContain("NIP,Nama,Unit kerja");
  expect(csv).toContain("Puskesmas Kota Manna");
  expect(csv).not.toContain("Bidang Pelayanan Kesehatan");

  // A filter is a link too: managerial competencies only.
  await page.locator("#group").selectOption("manajerial");
  await page.getByRole("button", { name: "Terapkan" }).click();
  await expect(page).toHaveURL(/group=manajerial/);
  await expect(page.getByTestId("heatmap").locator("thead")).not.toContainText("SK.1");
  expect(errors).toEqual([]);
});

test("HR reads the whole agency's needs in English", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await login(page, "hr.manna", "/needs");
  await expect(page.getByRole("heading", { name: "Training needs (AKPK)" })).toBeVisible();
  await demoCampaign(page);
  await expect(page.getByRole("navigation", { name: "Where you are in the unit tree" })).toContainText("Whole agency");
  for (const unit of ["Dinas Pendidikan", "Dinas Kesehatan", "Sekretariat Daerah"]) {
    await expect(page.getByTestId("heatmap").getByRole("link", { name: unit })).toBeVisible();
  }
  await expect(page.getByTestId("heatmap").locator("td").first()).toContainText("%");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the needs map scrolls inside its card and the page fits the screen", async ({ page }) => {
    await login(page, "kadinkes.manna", "/needs");
    await expect(page.getByTestId("heatmap")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The ranking reads as cards, the shortfall first.
    const row = page.getByTestId("ranking").locator("tbody tr").first();
    expect(await row.evaluate((r) => getComputedStyle(r).display)).toBe("grid");
  });
});

test("HR sees how each supervisor rates beside the other sources, the most generous first", async ({ page }) => {
  await login(page, "hr.manna", "/needs");
  await page.getByRole("link", { name: "Keadilan penilai" }).click();
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Keadilan penilai", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Penilaian Kompetensi 2026" }).click();
  await expect(page).toHaveURL(/campaign=\d+/);
  await hydrated(page);
  await expect(page.getByTestId("leniency-chart").locator("svg")).toBeVisible();
  const first = page.getByTestId("raters").locator("tbody tr").first();
  await expect(first.locator("td.key")).toHaveText(/^\+\d/);
  // A small agency: the page says why nobody can be flagged yet.
  await expect(page.locator(".alert-warn")).toContainText("kurang dari 5");
});
