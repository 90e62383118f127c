import { expect, test } from "@playwright/test";
import { hydrated, login, watchErrors } from "./helpers";

// The list's rows come inside the server's HTML and are left out of the hydration
// data; this journey proves hydration keeps them and that navigating in the browser
// fetches rows again.
test("HR narrows the employee list to a unit and widens it again without a reload", async ({ page }) => {
  const errors = watchErrors(page);
  await login(page, "hr.manna", "/hr/units?q=puskesmas");
  await page.getByRole("link", { name: "Puskesmas Kota Manna" }).first().click();
  await page.getByRole("link", { name: "Lihat pegawai unit ini dan sub-unitnya" }).click();
  await page.waitForURL(/\/hr\/employees\?unit=/);
  await page.reload();
  await hydrated(page);

  const rows = page.locator("table.table tbody tr");
  const inUnit = await rows.count();
  expect(inUnit).toBeGreaterThan(0);
  await expect(page.getByText("Unit: Puskesmas Kota Manna")).toBeVisible();
  await expect(rows.first()).toContainText("Puskesmas Kota Manna");

  // A marker on the window survives only a navigation made by the WASM router.
  await page.evaluate(() => ((window as any).sameDocument = true));
  await page.getByRole("link", { name: "Hapus saringan" }).click();
  await expect(page.getByText("Unit: Puskesmas Kota Manna")).toHaveCount(0);
  await expect.poll(() => rows.count()).toBeGreaterThan(inUnit);
  await expect(rows.filter({ hasNotText: "Puskesmas Kota Manna" }).first()).toBeVisible();
  expect(await page.evaluate(() => (window as any).sameDocument)).toBe(true);
  expect(errors).toEqual([]);
});
