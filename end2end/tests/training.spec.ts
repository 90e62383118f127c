import { Browser, expect, Page, test } from "@playwright/test";
import { hydrated, login, watchErrors } from "./helpers";

// An employee asks for a seat in a programme, her supervisor approves it, HR
// records her pass, and her JP bar moves by the programme's JP; in Indonesian and
// in English, the employee's part on a phone.

const runs = [
  { lang: "id", ask: "Ajukan", approve: "Setujui", save: "Simpan", record: "Catat kehadiran dan hasil", passed: "Selesai, lulus" },
  { lang: "en", ask: "Ask for a seat", approve: "Approve", save: "Save", record: "Record attendance and result", passed: "Completed, passed" },
];

async function open(browser: Browser, lang: string, account: string, next: string, phone = false): Promise<Page> {
  const ctx = await browser.newContext(phone ? { viewport: { width: 390, height: 844 } } : {});
  const page = await ctx.newPage();
  await login(page, account, next);
  if (lang === "en") {
    // The language switch's cookie (on a phone the switch sits in the menu).
    await ctx.addCookies([{ name: "lang", value: "en", url: new URL(page.url()).origin }]);
    await page.reload();
    await hydrated(page);
  }
  return page;
}

async function jp(page: Page): Promise<number> {
  return Number(await page.getByTestId("jp-bar").first().getAttribute("data-jp"));
}

for (const run of runs) {
  test(`an employee's request is approved, her pass recorded, her JP bar moves (${run.lang})`, async ({ browser }) => {
    // Three people log in (each login hashes a password on purpose slowly).
    test.setTimeout(120_000);
    const nurse = await open(browser, run.lang, "pegawai.manna", "/training/mine", true);
    const errors = watchErrors(nurse);
    const before = await jp(nurse);
    const nurseName = (await nurse.locator(".userbox-name").textContent())!.trim();
    // From the catalogue: ask for a seat.
    await nurse.goto("/training");
    await hydrated(nurse);
    // The programme she is not in yet that started first (the catalogue lists the
    // latest first): it is running, so HR can record its end today.
    const open_ = nurse.getByTestId("catalogue").locator("tbody tr").filter({ has: nurse.getByRole("button", { name: run.ask }) }).last();
    const programme = (await open_.locator("td a").first().textContent())!.trim();
    const programmeJp = Number((await open_.locator("td.key").textContent())!.replace(/\D/g, ""));
    const row = nurse.getByTestId("catalogue").locator("tr", { hasText: programme });
    await row.getByRole("button", { name: run.ask }).click();
    await expect(row.locator(".tag-diajukan")).toBeVisible();
    // Her supervisor, found through HR's employee list by the name on her profile.
    await nurse.goto("/profile");
    const boss = (await nurse.getByTestId("profile-supervisor").locator("strong").textContent())!.trim();
    const hr = await open(browser, run.lang, "hr.manna", `/hr/employees?q=${encodeURIComponent(boss)}`);
    const nip = (await hr.locator(".nip").first().textContent())!.trim();
    const supervisor = await open(browser, run.lang, nip, "/training/mine");
    const request = supervisor.getByTestId("request").filter({ hasText: programme }).filter({ hasText: nurseName });
    await request.getByRole("button", { name: run.approve }).click();
    await expect(request).toHaveCount(0);
    // HR records attendance and the pass.
    await hr.goto("/training");
    await hydrated(hr);
    await hr.getByTestId("catalogue").getByRole("link", { name: programme, exact: true }).click();
    await expect(hr).toHaveURL(/\/training\/programmes\/\d+/);
    const person = hr.getByTestId("participants-table").locator("tr", { hasText: nurseName });
    await person.first().locator("summary", { hasText: run.record }).click();
    const form = person.first().locator("details form");
    await form.locator("input[name='form[attendance]']").fill("95");
    await form.locator("select[name='form[result]']").selectOption("lulus");
    await form.locator("input[name='form[completed_on]']").fill(new Date().toISOString().slice(0, 10));
    await form.getByRole("button", { name: run.save }).click();
    await expect(person.first()).toContainText(run.passed);
    // The employee's bar moved by the programme's JP.
    await nurse.goto("/training/mine");
    await hydrated(nurse);
    expect(await jp(nurse)).toBe(before + programmeJp);
    const width = await nurse.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await Promise.all([nurse, hr, supervisor].map((p) => p.context().close()));
  });
}
