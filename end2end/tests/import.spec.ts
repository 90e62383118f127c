import { expect, test } from "@playwright/test";
import { hydrated, login } from "./helpers";

test("a CSV with a bad line shows it by number and imports only the valid lines on request", async ({ page }) => {
  await login(page, "hr.manna", "/hr/employees/import");
  // The file button speaks Indonesian (the browser's own would say "Choose File").
  await expect(page.locator("label[for=csv-file]")).toHaveText("Pilih berkas CSV");
  await expect(page.getByText("Belum ada berkas dipilih.")).toBeVisible();
  const serial = String(100 + (Date.now() % 800)).padStart(3, "0");
  const csv = [
    "nip;nama;jenis_kelamin;status;kode_unit;kode_jabatan;kepala_unit",
    `19940202201903${"2"}${serial};Wulan Sari;P;PNS;PKM-KOTA;PERAWAT-TRP;tidak`,
    "1994020220190320;NIP Pendek;P;PNS;PKM-KOTA;PERAWAT-TRP;tidak",
  ].join("\n");
  await page.locator("#csv-file").setInputFiles({ name: "pegawai.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByText("pegawai.csv")).toBeVisible();
  const report = page.getByTestId("import-report");
  await expect(report).toContainText("2 baris: 1 valid");
  const errors = page.getByTestId("import-errors");
  await expect(errors.getByRole("row")).toHaveCount(2);
  await expect(errors.getByRole("row").nth(1)).toContainText("3");
  await expect(errors.getByRole("row").nth(1)).toContainText("NIP harus 18 angka");
  await page.getByRole("button", { name: "Impor hanya 1 baris yang valid" }).click();
  await expect(page.getByTestId("import-done")).toContainText(/Selesai: [01] pegawai baru/);
  await page.goto("/hr/employees?q=Wulan+Sari");
  await hydrated(page);
  await expect(page.getByRole("link", { name: "Wulan Sari" }).first()).toBeVisible();
});
