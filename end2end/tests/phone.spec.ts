import { expect, test } from "@playwright/test";
import { hydrated, login } from "./helpers";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test("on a phone the menu opens from its button and the pages fit the screen", async ({ page }) => {
  await login(page, "hr.manna", "/hr/employees");
  const nav = page.getByRole("navigation", { name: "Navigasi utama" });
  await expect(nav).toBeHidden();
  await page.getByText("Menu", { exact: true }).click();
  await expect(nav).toBeVisible();
  await expect(page.getByRole("heading", { name: "Pegawai", exact: true })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await nav.getByRole("link", { name: "Penilaian 360°" }).click();
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Penilaian 360°", exact: true })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // The nurse's dashboard (charts, tables) fits too.
  await login(page, "pegawai.manna", "/dashboard");
  await expect(page.getByTestId("radar").locator("svg")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // The gap table is one card per competency, every figure (the gap first) on screen.
  const rows = page.getByTestId("gap-table").locator("tbody tr");
  expect(await rows.first().evaluate((r) => getComputedStyle(r).display)).toBe("grid");
  for (const cell of await page.getByTestId("gap-table").locator("td.num").all()) {
    const box = await cell.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(390);
  }
});
