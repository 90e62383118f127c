import { expect, Page } from "@playwright/test";

export const PASSWORD = "cakap2026";

/** Logs in through the form, as a person would, and waits for the WASM to take over. */
export async function login(page: Page, account: string, next = "/") {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await hydrated(page);
  await page.locator("#account").fill(account);
  await page.locator("#password").fill(PASSWORD);
  await page.locator("main").getByRole("button", { name: /Masuk|Log in/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  await hydrated(page);
}

/** The page has hydrated, its own chunk included (each page sets this attribute in an effect, browser-only: ui::app::mark_hydrated). */
export async function hydrated(page: Page) {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}

/** Fails the test on any browser error (CSP violations, panics, failed hydration). */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
  });
  return errors;
}
