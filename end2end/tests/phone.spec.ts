import { expect, test } from "@playwright/test";
import { hydrated, login } from "./helpers";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test("on a phone the menu opens from its button and the employee list fits the screen", async ({ page }) => {
  await login(page, "hr.manna", "/hr/employees");
  const nav = page.getByRole("navigation", { name: "Navigasi utama" });
  await expect(nav).toBeHidden();
  await page.getByText("Menu", { exact: true }).click();
  await expect(nav).toBeVisible();
  await nav.getByRole("link", { name: "Unit kerja" }).click();
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Unit kerja" })).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
});
