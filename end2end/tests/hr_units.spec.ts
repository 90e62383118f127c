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
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toBeVisible();
  await expect(row.getByRole("cell", { name: code.toUpperCase() })).toBeVisible();
  expect(errors).toEqual([]);
});

test("the unit filter narrows the list as one types (needs the WASM)", async ({ page }) => {
  await login(page, "hr.manna", "/hr/units");
  const rows = page.locator("table.tree tbody tr:visible");
  const all = await rows.count();
  expect(all).toBeGreaterThanOrEqual(10);
  await page.locator("#unit-filter").fill("puskes");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Puskesmas Kota Manna");
  await expect(page.getByTestId("unit-count")).toHaveText("1 unit ditampilkan");
  await page.locator("#unit-filter").fill("");
  await expect(rows).toHaveCount(all);
});

test("an employee cannot open the HR pages and sees why", async ({ page }) => {
  await login(page, "pegawai.manna", "/hr/units");
  await expect(page.getByRole("alert")).toContainText("Anda tidak berwenang");
  await expect(page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Standar jabatan" })).toHaveCount(0);
  await page.goto("/profile");
  await expect(page.getByTestId("profile-unit")).toHaveText("Puskesmas Kota Manna");
  await expect(page.getByTestId("profile-supervisor")).toContainText("Kepala Puskesmas");
});
