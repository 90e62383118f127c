import { expect, Page, test } from "@playwright/test";
import { PASSWORD } from "./helpers";

// A phone on a slow network shows the server's page long before the WASM arrives:
// forms sent meanwhile are plain HTML posts. With JavaScript off, each form comes back
// as its page with the error under the field, or goes on to its result.
test.use({ javaScriptEnabled: false });

async function loginPlain(page: Page, account: string, next: string) {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.locator("#account").fill(account);
  await page.locator("#password").fill(PASSWORD);
  await page.locator("main form button[type=submit]").click();
}

test("the login form, failing then passing, without JavaScript", async ({ page }) => {
  await page.goto("/login?next=%2Fhr%2Fpositions");
  await page.locator("#account").fill("hr.manna");
  await page.locator("#password").fill("salah-sekali");
  await page.locator("main form button[type=submit]").click();
  await expect(page).toHaveURL(/\/login\?next=%2Fhr%2Fpositions&form=/);
  await expect(page.locator("main")).toContainText("kata sandi salah");
  await expect(page.locator("body")).not.toContainText('"Validation"');

  await loginPlain(page, "hr.manna", "/hr/positions");
  await expect(page).toHaveURL(/\/hr\/positions$/);
  await expect(page.getByRole("heading", { name: "Jabatan" })).toBeVisible();
});

test("a new unit with a taken code, then a good one, without JavaScript", async ({ page }) => {
  const code = `TJS-${Date.now() % 100000}`;
  await loginPlain(page, "hr.manna", "/hr/units/new");
  await expect(page).toHaveURL(/\/hr\/units\/new$/);
  await page.locator("#name").fill("Dinas Kembar");
  await page.locator("#code").fill("DINKES");
  await page.locator("#kind").selectOption("dinas");
  await page.locator("main form button[type=submit]").click();
  await expect(page).toHaveURL(/\/hr\/units\/new\?form=/);
  await expect(page.locator("#code-error")).toHaveText("Kode ini sudah dipakai di instansi Anda.");
  await expect(page.locator("body")).not.toContainText('"Validation"');

  await page.locator("#name").fill("Seksi Tanpa Skrip");
  await page.locator("#code").fill(code);
  await page.locator("#kind").selectOption("seksi");
  await page.locator("#parent_id").selectOption({ label: "Dinas Kesehatan" });
  await page.locator("main form button[type=submit]").click();
  await expect(page).toHaveURL(/\/hr\/units\/\d+\?saved=1$/);
  await expect(page.getByRole("heading", { name: "Seksi Tanpa Skrip" })).toBeVisible();
  await expect(page.getByText("Perubahan tersimpan.")).toBeVisible();
});

test("a new position without a name, then with one, without JavaScript", async ({ page }) => {
  const code = `PJS-${Date.now() % 100000}`;
  const name = `Analis Tanpa Skrip ${Date.now() % 100000}`;
  await loginPlain(page, "hr.manna", "/hr/positions/new");
  await page.locator("#code").fill(code);
  await page.locator("main form button[type=submit]").click();
  await expect(page).toHaveURL(/\/hr\/positions\/new\?form=/);
  await expect(page.locator("#name-error")).toHaveText("Wajib diisi.");

  await page.locator("#name").fill(name);
  await page.locator("#code").fill(code);
  await page.locator("main form button[type=submit]").click();
  await expect(page).toHaveURL(/\/hr\/positions\/\d+\?saved=1$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("Perubahan tersimpan.")).toBeVisible();
});
