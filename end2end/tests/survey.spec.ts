import { expect, test } from "@playwright/test";
import { hydrated, login, watchErrors } from "./helpers";

// A citizen answers a puskesmas's satisfaction survey on a phone; sent within seconds
// it is held, and HR excludes it with a reason. Without JavaScript the form still works.

test.setTimeout(120_000);

async function answerAll(page: import("@playwright/test").Page) {
  for (let n = 1; n <= 9; n++) await page.locator(`label[for="u${n}-${(n % 2) + 3}"]`).click();
}

test("a citizen fills the survey on a phone and HR reviews what was held", async ({ browser }) => {
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const errors = watchErrors(phone);
  await phone.goto("/skm/PKM-MANNA");
  await hydrated(phone);
  await expect(phone.getByRole("heading", { level: 1 })).toContainText("Puskesmas Kota Manna");
  // Sending with an answer missing: the browser itself asks for it; nothing is sent.
  await phone.getByRole("button", { name: "Kirim jawaban" }).click();
  await expect(phone.getByTestId("skm-thanks")).toHaveCount(0);
  await answerAll(phone);
  await phone.locator("#age").fill("41");
  await phone.locator('label[for="sex-P"]').click();
  await phone.locator("#suggestion").fill("Uji Playwright: ruang tunggu panas.");
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await phone.getByRole("button", { name: "Kirim jawaban" }).click();
  await expect(phone.getByTestId("skm-thanks")).toBeVisible();
  expect(errors).toEqual([]);
  await phone.close();

  const page = await browser.newPage();
  await login(page, "hr.manna", "/hr/skm");
  await expect(page.getByTestId("skm-index")).toContainText("Puskesmas Kota Manna");
  const held = page.getByTestId("held-response").filter({ hasText: "Uji Playwright" });
  await expect(held).toContainText("Diisi terlalu cepat");
  await held.locator("input[name=reason]").fill("Uji otomatis, bukan warga.");
  await held.getByRole("button", { name: "Kecualikan" }).click();
  await expect(page.getByTestId("held-response").filter({ hasText: "Uji Playwright" })).toContainText("Dikecualikan");
  await page.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the survey form is sent as a plain post and thanks the citizen", async ({ page }) => {
    await page.goto("/skm/CAPIL-MANNA");
    for (let n = 1; n <= 9; n++) await page.locator(`#u${n}-4`).check();
    await page.getByRole("button", { name: "Kirim jawaban" }).click();
    await expect(page.getByTestId("skm-thanks")).toBeVisible();
  });
});
