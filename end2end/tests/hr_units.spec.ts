import { expect, test } from "@playwright/test";
import { hydrated, login, watchErrors } from "./helpers";

test("HR creates a unit below Dinas Kesehatan and finds it in the list", async ({ page }) => {
  const errors = watchErrors(page);
  const name = `Seksi Gizi Masyarakat ${Date.now() % 100000}`;
  const code = `GIZI-${Date.now() % 100000}`;
  await login(page, "hr.manna", "/hr/units");
  await expect(page.getByRole("heading", { name: "Unit kerja" })).toBeVisible();
  await page.getByRole("link", { name: "Tambah unit" }).click();
  await hydrated(page);

  // A missing name is refused at the field, in Indonesian, and nothing else is lost.
  await page.locator("#code").fill(code);
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page.locator("#name-error")).toHaveText("Wajib diisi.");
  await expect(page.locator("#code")).toHaveValue(code);

  await page.locator("#name").fill(name);
  await page.locator("#kind").selectOption("seksi");
  await page.locator("#parent_id").selectOption({ label: "Dinas Kesehatan" });
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("Perubahan tersimpan.")).toBeVisible();
  await expect(page.locator(".page-head .subtitle")).toHaveText("Dinas Kesehatan");

  await page.getByRole("link", { name: "‹ Kembali ke daftar unit" }).click();
  await hydrated(page);
  await page.getByRole("link", { name: /^Buka \d+ sub-unit Dinas Kesehatan$/ }).click();
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toBeVisible();
  await expect(row.getByRole("cell", { name: code.toUpperCase() })).toBeVisible();
  expect(errors).toEqual([]);
});

test("a branch opens and closes in place, and the search finds deep units", async ({ page }) => {
  const errors = watchErrors(page);
  await login(page, "hr.manna", "/hr/units");
  await hydrated(page);
  const rows = page.locator("table.tree tbody tr");
  const top = await rows.count();
  expect(top).toBeGreaterThanOrEqual(2);
  await expect(page.getByRole("link", { name: "Puskesmas Kota Manna" })).toHaveCount(0);
  const open = page.getByRole("link", { name: /^Buka \d+ sub-unit Dinas Kesehatan$/ });
  await open.click();
  await expect(page.getByRole("link", { name: "Puskesmas Kota Manna" })).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(top);
  await expect(page).toHaveURL(/\/hr\/units$/);
  await page.getByRole("link", { name: "Tutup sub-unit Dinas Kesehatan" }).click();
  await expect(rows).toHaveCount(top);

  await page.locator("#unit-search").fill("puskes");
  await page.locator("#unit-search").press("Enter");
  await expect(page).toHaveURL(/q=puskes/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Puskesmas Kota Manna");
  await expect(rows.first()).toContainText("Dinas Kesehatan");
  await expect(page.getByTestId("unit-count")).toContainText("1 unit ditampilkan");
  expect(errors).toEqual([]);
});

test("a branch that cannot be fetched stays closed and says why", async ({ page }) => {
  await login(page, "hr.manna", "/hr/units");
  await hydrated(page);
  const rows = page.locator("table.tree tbody tr");
  const top = await rows.count();
  const open = page.getByRole("link", { name: /^Buka \d+ sub-unit Dinas Kesehatan$/ });
  // The connection drops (the browser logs that; nothing else goes wrong).
  await page.route("**/units/children*", (route) => route.abort());
  await open.click();
  await expect(page.getByRole("alert")).toContainText("Server tidak dapat dihubungi");
  await expect(rows).toHaveCount(top);
  await page.unroute("**/units/children*");
  await open.click();
  await expect(page.getByRole("link", { name: "Puskesmas Kota Manna" })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
});

test("an employee cannot open the HR pages and sees why", async ({ page }) => {
  await login(page, "pegawai.manna", "/hr/units");
  await expect(page.getByRole("alert")).toContainText("Anda tidak berwenang");
  await expect(page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Standar jabatan" })).toHaveCount(0);
  await page.goto("/profile");
  await expect(page.getByTestId("profile-unit")).toHaveText("Puskesmas Kota Manna");
  await expect(page.getByTestId("profile-supervisor")).toContainText("Kepala Puskesmas");
});
