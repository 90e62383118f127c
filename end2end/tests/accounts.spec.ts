import { expect, test } from "@playwright/test";
import { hydrated, login, watchErrors } from "./helpers";

// HR never chooses anyone's password: it issues a temporary one, shown once, and the
// employee must choose their own at the next login before anything else opens.
test("HR issues a temporary password and the employee must choose their own", async ({ browser }) => {
  const hrPage = await browser.newPage();
  const hrErrors = watchErrors(hrPage);
  await login(hrPage, "hr.makassar", "/hr/employees?q=Dian%20Sembiring");
  await hrPage.getByRole("link", { name: "Dian Sembiring" }).click();
  await hydrated(hrPage);
  await hrPage.getByRole("button", { name: "Buat kata sandi sementara" }).click();
  const notice = hrPage.getByTestId("temporary-password");
  await expect(notice).toBeVisible();
  const temporary = (await notice.locator("code").textContent())!.trim();
  const account = (await notice.locator("p").first().textContent())!.match(/akun (\S+) \(/)![1];
  expect(temporary).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
  expect(hrErrors).toEqual([]);
  await hrPage.close();

  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto("/login?next=/dashboard");
  await hydrated(page);
  await page.locator("#account").fill(account);
  await page.locator("#password").fill(temporary);
  await page.locator("main").getByRole("button", { name: "Masuk" }).click();
  // Straight to the change form, told why and when.
  await page.waitForURL("**/account/password");
  await hydrated(page);
  await expect(page.getByTestId("reset-banner")).toContainText("direset");
  // The NIP is refused as a password, naming the field; nothing is lost.
  await page.locator("[name='form[current]']").fill(temporary);
  await page.locator("[name='form[new]']").fill(account);
  await page.locator("[name='form[repeat]']").fill(account);
  await page.getByRole("button", { name: "Simpan kata sandi" }).click();
  await expect(page.getByText("tidak boleh sama dengan nama akun atau NIP")).toBeVisible();
  await page.locator("[name='form[new]']").fill("sandi-pilihan-sendiri");
  await page.locator("[name='form[repeat]']").fill("sandi-pilihan-sendiri");
  await page.getByRole("button", { name: "Simpan kata sandi" }).click();
  await expect(page.getByText("Perubahan tersimpan.")).toBeVisible();
  await expect(page.getByTestId("reset-banner")).toHaveCount(0);
  await page.goto("/profile");
  await expect(page.getByRole("heading", { name: "Dian Sembiring" })).toBeVisible();
  expect(errors).toEqual([]);
  await page.close();
});
