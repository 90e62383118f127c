import { expect, test } from "@playwright/test";
import { hydrated, login } from "./helpers";

test("the language switch turns the interface to English and back, and sticks", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "id");
  await expect(page.getByRole("link", { name: "Masuk" }).first()).toBeVisible();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Civil-servant performance and competency, open and fair");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  // The choice holds after login, and the app works in English after hydration too.
  await login(page, "hr.manna", "/hr/units");
  await expect(page.getByRole("heading", { name: "Units" })).toBeVisible();
  await hydrated(page);
  await page.getByRole("link", { name: /^Open the \d+ sub-units of Dinas Kesehatan$/ }).click();
  await expect(page.getByRole("link", { name: "Puskesmas Kota Manna" })).toBeVisible();
  await page.getByRole("button", { name: "Bahasa Indonesia" }).click();
  await expect(page.getByRole("heading", { name: "Unit kerja" })).toBeVisible();
  await expect(page).toHaveURL(/\/hr\/units$/);
});
