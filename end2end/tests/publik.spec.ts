import { expect, test } from "@playwright/test";
import { hydrated, login, watchErrors } from "./helpers";

// The public side: HR publishes (a correction, with its reason), a visitor opens the
// agency's ranking, switches the figure, reads how it is computed, and verifies the
// snapshot; an employee gives and revokes consent to be named.

test.setTimeout(120_000);

test("HR publishes, and a visitor ranks, reads how a figure is computed and verifies it", async ({ page, browser }) => {
  const errors = watchErrors(page);
  await login(page, "hr.manna", "/hr/publikasi");
  const period = page.getByTestId("publishable").filter({ hasText: "Penilaian Kompetensi 2026" });
  await expect(period).toContainText("Penilaian Kompetensi 2026");
  const versions = await period.locator("tbody tr").count();
  // Without a reason a correction is refused, naming the field; nothing is published.
  await period.getByRole("checkbox").check();
  await period.locator("textarea").fill("pendek");
  await period.locator("textarea").evaluate((t: HTMLTextAreaElement) => t.removeAttribute("minlength"));
  await period.getByRole("button", { name: "Terbitkan koreksi" }).click();
  await expect(period.locator(".field-error").first()).toContainText("10 sampai 500");
  await expect(period.locator("tbody tr")).toHaveCount(versions);
  await period.locator("textarea").fill("Nilai satu penilai dimasukkan ulang setelah pemeriksaan.");
  await period.getByRole("checkbox").check();
  await period.getByRole("button", { name: "Terbitkan koreksi" }).click();
  await expect(period.locator("tbody tr")).toHaveCount(versions + 1);
  expect(errors).toEqual([]);

  // A visitor (no login) on a phone.
  const visitor = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await visitor.goto("/publik");
  await hydrated(visitor);
  await visitor.getByRole("link", { name: /Kota Manna/ }).first().click();
  await hydrated(visitor);
  await expect(visitor.locator("q", { hasText: "Nilai satu penilai dimasukkan ulang" })).toBeVisible();
  const ranking = visitor.getByTestId("ranking");
  await ranking.getByRole("link", { name: /memenuhi/i }).click();
  await hydrated(visitor);
  await expect(visitor.getByTestId("ranking").getByRole("link", { name: /memenuhi/i })).toHaveAttribute("aria-current", "page");
  const how = visitor.getByTestId("how");
  await how.locator("summary").click();
  await expect(how).toContainText("semua kompetensinya mencapai level standar");
  await expect(how).toContainText("cakap-publik/1");
  expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await visitor.getByRole("link", { name: "Periksa snapshot ini" }).click();
  await hydrated(visitor);
  await expect(visitor.getByTestId("verdict")).toContainText("Utuh: hash, tanda tangan, dan seluruh rantai");
  await visitor.close();
});

test("an employee gives consent to be named, sees where they stand, and revokes it", async ({ page }) => {
  await login(page, "pegawai.manna", "/standing");
  await expect(page.getByTestId("standing")).toBeVisible();
  const unit = page.getByTestId("consent-peringkat_unit");
  const give = unit.getByRole("button", { name: "Beri persetujuan" });
  // Given by an earlier run on the same database: revoked first.
  if ((await give.count()) === 0) await unit.getByRole("button", { name: "Cabut persetujuan" }).click();
  await expect(give).toBeVisible();
  await give.click();
  await expect(unit).toContainText("Disetujui sejak");
  await unit.getByRole("button", { name: "Cabut persetujuan" }).click();
  await expect(unit).toContainText("Dicabut pada");
});
